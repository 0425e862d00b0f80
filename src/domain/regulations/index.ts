// Public surface of the regulatory obligations engine (pure; safe to import from workflow code).
export { computeObligations, compareObligations, ALL_RULES } from './compute';
export { diffObligations } from './diff';
export {
  obligationFactsSchema,
  parseObligationFacts,
  formatIssuePath,
  dataCategories,
  dataCategorySchema,
  type ObligationFacts,
  type ObligationFactsInput,
  type DataCategory,
  type FactsIssue,
  type ParseFactsResult,
} from './facts';
export {
  obligationSchema,
  obligationDiffSchema,
  obligationChangeSchema,
  type Obligation,
  type ObligationDiff,
  type ObligationChange,
  type ObligationStatus,
  type Recipient,
  type Deadline,
} from './obligation';
export {
  addBusinessDays,
  addDays,
  addHours,
  isBusinessDay,
  usFederalHolidays,
  brazilNationalHolidays,
} from './calendar';
export { LAST_REVIEWED } from './rule';
export { US_STATE_RULES } from './us-states-data';
