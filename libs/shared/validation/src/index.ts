export type { FieldOptions, FieldProblem } from './lib/field-problem';
export {
  CITIZEN_ID_PROBLEM_CODES,
  parseCitizenId,
  validateCitizenId,
  type CitizenIdPerson,
  type CitizenIdProblemCode,
  type ParsedCitizenId,
} from './lib/citizen-id';
export {
  INSURANCE_CARD_PROBLEM_CODES,
  normalizeInsuranceCardNumber,
  parseInsuranceCardNumber,
  validateInsuranceCard,
  validateInsuranceCardNumber,
  type InsuranceCardInput,
  type InsuranceCardProblemCode,
  type ParsedInsuranceCardNumber,
} from './lib/insurance-card';
export { PHONE_PROBLEM_CODES, normalizePhone, validatePhone, type PhoneProblemCode } from './lib/phone';
export { CCCD_PROVINCES, type CccdProvince, type CccdProvinceCode } from './lib/data/cccd-province-codes';
export {
  BHYT_OBJECT_CODES,
  type BenefitLevel,
  type BhytObjectCode,
  type BhytObjectCodeValue,
} from './lib/data/bhyt-object-codes';
export { ETHNICITIES, FOREIGN_NATIONAL_ETHNICITY, type Ethnicity, type EthnicityCode } from './lib/data/ethnicities';
export { foldVietnamese } from './lib/fold-vietnamese';
