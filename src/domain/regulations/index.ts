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
export { US_STATE_RULES_BY_CODE, STATE_TIME_ZONES, type StateRule } from './us-states-data';
// Plain jurisdiction data for notice packages and locales.
export { EEA_SUPERVISORY_AUTHORITIES, GDPR_COUNTRIES, UK_ICO, type Authority } from './authorities';
export { authorityFor } from './directory';
export { WORLD_LAWS, type CountryLaw, type Duty } from './world-data';
export { ISO_3166_COUNTRIES, countryCodeProblem } from './iso3166';
export { countryCodeSchema } from './facts';
export { dueAfter, type AuthorityClock } from './clocks';
export { HOLIDAY_TABLES, type HolidayTable } from './holidays';
export { coverageRows, type CoverageRow } from './coverage';
