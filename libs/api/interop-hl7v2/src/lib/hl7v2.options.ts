/** What the API's configuration gives the HL7 v2 module (MLLP_HOST, MLLP_PORT, PACS_VIEWER_URL). */
export interface Hl7v2Options {
  /** Address the MLLP listener binds to. */
  readonly host: string;
  /** 0: any free port (the one chosen is logged). */
  readonly port: number;
  /** The PACS viewer's URL for a study, `{uid}` standing for the Study Instance UID. */
  readonly pacsViewerUrl: string;
}

export const HL7V2_OPTIONS = Symbol('HL7V2_OPTIONS');
