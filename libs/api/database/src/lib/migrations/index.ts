import { IdentityInit1795800000000 } from './1795800000000-IdentityInit';
import { PatientsInit1795800001000 } from './1795800001000-PatientsInit';
import { EncountersInit1795800002000 } from './1795800002000-EncountersInit';
import { TerminologyInit1795800003000 } from './1795800003000-TerminologyInit';
import { PatientsRegistry1795800004000 } from './1795800004000-PatientsRegistry';
import { EncountersWorkflow1795800005000 } from './1795800005000-EncountersWorkflow';
import { Documents1795800006000 } from './1795800006000-Documents';
import { CareChart1795800007000 } from './1795800007000-CareChart';
import { Signatures1795800008000 } from './1795800008000-Signatures';
import { Archive1795800009000 } from './1795800009000-Archive';
import { AuditTrail1795800010000 } from './1795800010000-AuditTrail';
import { Orders1795800011000 } from './1795800011000-Orders';
import { FhirSearchIndexes1795800012000 } from './1795800012000-FhirSearchIndexes';
import { Fulfilment1795800013000 } from './1795800013000-Fulfilment';
import { ResultVersions1795800014000 } from './1795800014000-ResultVersions';
import { Hl7Messages1795800015000 } from './1795800015000-Hl7Messages';
import { Hl7Outbox1795800016000 } from './1795800016000-Hl7Outbox';

/** Every migration, in order. Never edit one that has landed on main: add a new one. */
export const MIGRATIONS = [
  IdentityInit1795800000000,
  PatientsInit1795800001000,
  EncountersInit1795800002000,
  TerminologyInit1795800003000,
  PatientsRegistry1795800004000,
  EncountersWorkflow1795800005000,
  Documents1795800006000,
  CareChart1795800007000,
  Signatures1795800008000,
  Archive1795800009000,
  AuditTrail1795800010000,
  Orders1795800011000,
  FhirSearchIndexes1795800012000,
  Fulfilment1795800013000,
  ResultVersions1795800014000,
  Hl7Messages1795800015000,
  Hl7Outbox1795800016000,
];
