/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Which page of a list endpoint to read (the server sets the default size and caps it). */
export interface PageRequest {
  limit?: number;
  offset?: number;
}
