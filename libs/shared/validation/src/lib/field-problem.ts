/**
 * One validation failure, for one field. `field` is a dotted path into the request or form (`citizenId`,
 * `insuranceCard.number`, `guardian.phone`); `code` is stable (clients translate by it); `message` is English.
 * It has the shape of the API's problem-details `FieldError` plus `code`.
 */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface FieldOptions {
  /**
   * The dotted path reported in `FieldProblem.field`, e.g. `guardian.phone`. Each validator documents its default,
   * which matches the field's name in the patient contract.
   */
  field?: string;
}
