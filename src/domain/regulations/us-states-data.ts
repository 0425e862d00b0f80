// The table of US state, DC and Puerto Rico breach-notification laws: deadlines, regulator and consumer
// reporting agency thresholds, extra data elements and harm thresholds. Summaries, reviewed 2026-11-24;
// `note` marks entries whose details are uncertain or recently amended — verify before relying on them.
import type { DataCategory } from './facts';

export type Trigger = 'awareness' | 'determination';

/** When the state regulator (usually the Attorney General) must be told. */
export type RegulatorDeadline =
  | { kind: 'days'; days: number; trigger: Trigger }
  | { kind: 'business_days'; days: number; trigger: Trigger }
  | { kind: 'with_individuals' }
  | { kind: 'before_individuals' }
  | { kind: 'after_individuals'; days: number; business?: boolean }
  | { kind: 'delay' };

export interface StateRule {
  /** Postal code; the jurisdiction is `US-${code}`. */
  code: string;
  name: string;
  citation: string;
  url: string;
  /** Individual notice outer limit in calendar days, or null for "most expedient time / without unreasonable delay". */
  individualDays: number | null;
  individualTrigger: Trigger;
  /** Data elements that count in combination with a name, beyond SSN, driver's licence/state ID, financial account and payment card. */
  extras: DataCategory[];
  /** Username or email with password / security answers counts on its own. */
  credentials: boolean;
  /** Elements that count even without a name (where the statute says so, often "if sufficient for identity theft"). */
  alone?: DataCategory[];
  /** An account or card number counts without its security/access code (most states need the code, if one is required). */
  accountAlone?: boolean;
  /** Notice is excused when an investigation finds no reasonable likelihood of harm. */
  harmThreshold: boolean;
  regulator?: { authority: string; minAffected: number; deadline: RegulatorDeadline };
  cra?: { minAffected: number; hoursAfterIndividuals?: number };
  note?: string;
  /** Review date of the row when it was re-checked after the table-wide date. */
  lastReviewed?: string;
}

/** Elements every state counts when combined with a name (an account or card number only with its code, if one is required). */
const CORE_ELEMENTS_LIST: DataCategory[] = ['ssn', 'drivers_license', 'financial_account', 'payment_card'];
export const CORE_ELEMENTS: readonly DataCategory[] = CORE_ELEMENTS_LIST;

const GOV_IDS: DataCategory[] = ['passport', 'military_id', 'tax_id'];
const HEALTH: DataCategory[] = ['health', 'medical_insurance'];
const AG = (state: string) => `${state} Attorney General`;
const CRA_1000 = { minAffected: 1001 };

// One row per jurisdiction reads as a table; prettier would explode it into ~800 lines.
// prettier-ignore
export const US_STATE_RULES: readonly StateRule[] = [
  { code: 'AL', name: 'Alabama', citation: 'Ala. Code § 8-38-1 et seq.', url: 'https://alison.legislature.state.al.us/code-of-alabama', individualDays: 45, individualTrigger: 'determination', extras: [...GOV_IDS, ...HEALTH], credentials: true, harmThreshold: true, regulator: { authority: AG('Alabama'), minAffected: 1001, deadline: { kind: 'days', days: 45, trigger: 'determination' } }, cra: CRA_1000 },
  { code: 'AK', name: 'Alaska', citation: 'Alaska Stat. § 45.48.010 et seq.', url: 'https://www.akleg.gov/basis/statutes.asp', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, cra: CRA_1000, note: 'a no-harm determination must be documented and sent to the Attorney General in writing' },
  { code: 'AZ', name: 'Arizona', citation: 'Ariz. Rev. Stat. § 18-551, 18-552', url: 'https://www.azleg.gov/ars/18/00552.htm', individualDays: 45, individualTrigger: 'determination', extras: ['passport', 'tax_id', ...HEALTH, 'biometric'], credentials: true, harmThreshold: true, regulator: { authority: AG('Arizona'), minAffected: 1001, deadline: { kind: 'days', days: 45, trigger: 'determination' } }, cra: CRA_1000 },
  { code: 'AR', name: 'Arkansas', citation: 'Ark. Code § 4-110-101 et seq.', url: 'https://www.arkleg.state.ar.us/', individualDays: null, individualTrigger: 'awareness', extras: ['biometric', 'health'], credentials: false, harmThreshold: true, regulator: { authority: AG('Arkansas'), minAffected: 1001, deadline: { kind: 'days', days: 45, trigger: 'determination' } } },
  { code: 'CA', name: 'California', citation: 'Cal. Civ. Code § 1798.82', url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.82', individualDays: 30, individualTrigger: 'awareness', extras: [...GOV_IDS, ...HEALTH, 'biometric', 'genetic'], credentials: true, harmThreshold: false, regulator: { authority: AG('California'), minAffected: 501, deadline: { kind: 'after_individuals', days: 15 } }, note: '30-day individual and 15-day AG timelines from SB 446 (2025), in force 2026-01-01; verify' },
  { code: 'CO', name: 'Colorado', citation: 'Colo. Rev. Stat. § 6-1-716', url: 'https://leg.colorado.gov/', individualDays: 30, individualTrigger: 'determination', extras: ['passport', 'military_id', ...HEALTH, 'biometric'], credentials: true, harmThreshold: true, regulator: { authority: AG('Colorado'), minAffected: 500, deadline: { kind: 'days', days: 30, trigger: 'determination' } }, cra: CRA_1000 },
  { code: 'CT', name: 'Connecticut', citation: 'Conn. Gen. Stat. § 36a-701b', url: 'https://www.cga.ct.gov/current/pub/chap_669.htm', individualDays: 60, individualTrigger: 'awareness', extras: [...GOV_IDS, ...HEALTH, 'biometric'], credentials: true, harmThreshold: true, regulator: { authority: AG('Connecticut'), minAffected: 1, deadline: { kind: 'with_individuals' } }, note: 'SSN exposure requires 24 months of identity theft prevention services' },
  { code: 'DE', name: 'Delaware', citation: 'Del. Code tit. 6, § 12B-101 et seq.', url: 'https://delcode.delaware.gov/title6/c012b/index.html', individualDays: 60, individualTrigger: 'determination', extras: ['passport', 'tax_id', ...HEALTH, 'biometric', 'genetic'], credentials: true, harmThreshold: true, regulator: { authority: AG('Delaware'), minAffected: 501, deadline: { kind: 'with_individuals' } } },
  { code: 'DC', name: 'District of Columbia', citation: 'D.C. Code § 28-3851 et seq.', url: 'https://code.dccouncil.gov/us/dc/council/code/sections/28-3852', individualDays: null, individualTrigger: 'awareness', extras: [...GOV_IDS, ...HEALTH, 'biometric', 'genetic'], credentials: true, harmThreshold: true, regulator: { authority: 'Office of the Attorney General for the District of Columbia', minAffected: 50, deadline: { kind: 'with_individuals' } }, cra: CRA_1000 },
  { code: 'FL', name: 'Florida', citation: 'Fla. Stat. § 501.171', url: 'http://www.leg.state.fl.us/statutes/', individualDays: 30, individualTrigger: 'determination', extras: ['passport', 'military_id', ...HEALTH], credentials: true, harmThreshold: true, regulator: { authority: 'Florida Department of Legal Affairs', minAffected: 500, deadline: { kind: 'days', days: 30, trigger: 'determination' } }, cra: CRA_1000, note: 'a no-harm determination requires consultation with law enforcement and a written record sent to the Department within 30 days' },
  { code: 'GA', name: 'Georgia', citation: 'O.C.G.A. § 10-1-910 et seq.', url: 'https://www.legis.ga.gov/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, alone: [...CORE_ELEMENTS_LIST], harmThreshold: false, cra: { minAffected: 10001 }, lastReviewed: '2026-12-01', note: 'elements can count without a name when sufficient for identity theft' },
  { code: 'HI', name: 'Hawaii', citation: 'Haw. Rev. Stat. § 487N-1 et seq.', url: 'https://www.capitol.hawaii.gov/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, regulator: { authority: 'Hawaii Office of Consumer Protection', minAffected: 1001, deadline: { kind: 'delay' } }, cra: CRA_1000 },
  { code: 'ID', name: 'Idaho', citation: 'Idaho Code § 28-51-104 et seq.', url: 'https://legislature.idaho.gov/statutesrules/idstat/title28/t28ch51/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, note: 'Attorney General notice (24 hours) applies only to state agencies' },
  { code: 'IL', name: 'Illinois', citation: '815 ILCS 530/5, 530/10', url: 'https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=2702', individualDays: null, individualTrigger: 'awareness', extras: [...HEALTH, 'biometric'], credentials: true, harmThreshold: false, regulator: { authority: AG('Illinois'), minAffected: 501, deadline: { kind: 'with_individuals' } } },
  { code: 'IN', name: 'Indiana', citation: 'Ind. Code § 24-4.9', url: 'https://iga.in.gov/laws/', individualDays: 45, individualTrigger: 'awareness', extras: [], credentials: false, alone: ['ssn'], harmThreshold: true, regulator: { authority: AG('Indiana'), minAffected: 1, deadline: { kind: 'with_individuals' } }, cra: CRA_1000, note: 'an unencrypted SSN counts on its own (Ind. Code § 24-4.9-2-10(1))', lastReviewed: '2026-12-01' },
  { code: 'IA', name: 'Iowa', citation: 'Iowa Code § 715C.1, 715C.2', url: 'https://www.legis.iowa.gov/law/iowaCode', individualDays: null, individualTrigger: 'awareness', extras: ['passport', 'biometric'], credentials: false, harmThreshold: true, regulator: { authority: 'Iowa Attorney General, Consumer Protection Division', minAffected: 501, deadline: { kind: 'after_individuals', days: 5, business: true } } },
  { code: 'KS', name: 'Kansas', citation: 'Kan. Stat. § 50-7a01, 50-7a02', url: 'https://www.ksrevisor.org/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, cra: CRA_1000 },
  { code: 'KY', name: 'Kentucky', citation: 'Ky. Rev. Stat. § 365.732', url: 'https://apps.legislature.ky.gov/law/statutes/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, cra: CRA_1000 },
  { code: 'LA', name: 'Louisiana', citation: 'La. Rev. Stat. § 51:3071 et seq.; La. Admin. Code tit. 16, pt. III, § 701', url: 'https://legis.la.gov/', individualDays: 60, individualTrigger: 'awareness', extras: ['passport', 'biometric'], credentials: false, harmThreshold: true, regulator: { authority: AG('Louisiana'), minAffected: 1, deadline: { kind: 'after_individuals', days: 10 } } },
  { code: 'ME', name: 'Maine', citation: 'Me. Rev. Stat. tit. 10, § 1346 et seq.', url: 'https://legislature.maine.gov/statutes/10/title10sec1348.html', individualDays: 30, individualTrigger: 'awareness', extras: [], credentials: false, alone: [...CORE_ELEMENTS_LIST], harmThreshold: true, regulator: { authority: AG('Maine'), minAffected: 1, deadline: { kind: 'with_individuals' } }, cra: CRA_1000, lastReviewed: '2026-12-01', note: 'elements can count without a name when sufficient for identity theft' },
  { code: 'MD', name: 'Maryland', citation: 'Md. Code, Com. Law § 14-3501 et seq.', url: 'https://mgaleg.maryland.gov/', individualDays: 45, individualTrigger: 'awareness', extras: [...GOV_IDS, ...HEALTH, 'biometric', 'genetic'], credentials: true, harmThreshold: true, regulator: { authority: AG('Maryland'), minAffected: 1, deadline: { kind: 'before_individuals' } }, cra: CRA_1000 },
  { code: 'MA', name: 'Massachusetts', citation: 'Mass. Gen. Laws ch. 93H, § 3', url: 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXV/Chapter93H/Section3', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, accountAlone: true, harmThreshold: true, regulator: { authority: 'Massachusetts Attorney General and Office of Consumer Affairs and Business Regulation', minAffected: 1, deadline: { kind: 'delay' } }, note: 'notice to residents must not state the nature of the breach or number affected; OCABR identifies CRAs to notify (not modelled)' },
  { code: 'MI', name: 'Michigan', citation: 'Mich. Comp. Laws § 445.72', url: 'https://www.legislature.mi.gov/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, cra: CRA_1000 },
  { code: 'MN', name: 'Minnesota', citation: 'Minn. Stat. § 325E.61', url: 'https://www.revisor.mn.gov/statutes/cite/325E.61', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: false, cra: { minAffected: 501, hoursAfterIndividuals: 48 } },
  { code: 'MS', name: 'Mississippi', citation: 'Miss. Code § 75-24-29', url: 'https://www.legislature.ms.gov/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true },
  { code: 'MO', name: 'Missouri', citation: 'Mo. Rev. Stat. § 407.1500', url: 'https://revisor.mo.gov/main/OneSection.aspx?section=407.1500', individualDays: null, individualTrigger: 'awareness', extras: [...HEALTH], credentials: false, harmThreshold: true, regulator: { authority: AG('Missouri'), minAffected: 1001, deadline: { kind: 'delay' } }, cra: CRA_1000 },
  { code: 'MT', name: 'Montana', citation: 'Mont. Code § 30-14-1704', url: 'https://leg.mt.gov/bills/mca/', individualDays: null, individualTrigger: 'awareness', extras: ['tax_id', 'health'], credentials: false, harmThreshold: false, regulator: { authority: 'Montana Department of Justice, Office of Consumer Protection', minAffected: 1, deadline: { kind: 'with_individuals' } } },
  { code: 'NE', name: 'Nebraska', citation: 'Neb. Rev. Stat. § 87-801 et seq.', url: 'https://nebraskalegislature.gov/laws/statutes.php?statute=87-803', individualDays: null, individualTrigger: 'awareness', extras: ['biometric'], credentials: true, harmThreshold: true, regulator: { authority: AG('Nebraska'), minAffected: 1, deadline: { kind: 'with_individuals' } } },
  { code: 'NV', name: 'Nevada', citation: 'Nev. Rev. Stat. § 603A.220', url: 'https://www.leg.state.nv.us/NRS/NRS-603A.html', individualDays: null, individualTrigger: 'awareness', extras: ['medical_insurance'], credentials: true, harmThreshold: false, cra: CRA_1000 },
  { code: 'NH', name: 'New Hampshire', citation: 'N.H. Rev. Stat. § 359-C:19 et seq.', url: 'https://www.gencourt.state.nh.us/rsa/html/XXXI/359-C/359-C-20.htm', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, regulator: { authority: AG('New Hampshire'), minAffected: 1, deadline: { kind: 'delay' } }, cra: CRA_1000 },
  { code: 'NJ', name: 'New Jersey', citation: 'N.J. Stat. § 56:8-161 et seq.', url: 'https://www.njleg.state.nj.us/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: true, harmThreshold: true, regulator: { authority: 'New Jersey Division of State Police', minAffected: 1, deadline: { kind: 'before_individuals' } }, cra: CRA_1000 },
  { code: 'NM', name: 'New Mexico', citation: 'N.M. Stat. § 57-12C-6 et seq.', url: 'https://nmonesource.com/', individualDays: 45, individualTrigger: 'awareness', extras: ['biometric'], credentials: false, harmThreshold: true, regulator: { authority: AG('New Mexico'), minAffected: 1001, deadline: { kind: 'days', days: 45, trigger: 'awareness' } }, cra: CRA_1000 },
  { code: 'NY', name: 'New York', citation: 'N.Y. Gen. Bus. Law § 899-aa', url: 'https://www.nysenate.gov/legislation/laws/GBS/899-AA', individualDays: 30, individualTrigger: 'awareness', extras: [...HEALTH, 'biometric'], credentials: true, harmThreshold: false, regulator: { authority: 'New York Attorney General, Department of State, Division of State Police and Department of Financial Services', minAffected: 1, deadline: { kind: 'with_individuals' } }, cra: { minAffected: 5001 }, note: '30-day deadline and DFS recipient from the 2024 amendments; medical and health insurance elements from 2025; verify' },
  { code: 'NC', name: 'North Carolina', citation: 'N.C. Gen. Stat. § 75-61, 75-65', url: 'https://www.ncleg.gov/', individualDays: null, individualTrigger: 'awareness', extras: ['passport', 'tax_id', 'biometric'], credentials: false, harmThreshold: true, regulator: { authority: 'North Carolina Attorney General, Consumer Protection Division', minAffected: 1, deadline: { kind: 'delay' } }, cra: CRA_1000, note: 'whether email plus password alone counts is unclear' },
  { code: 'ND', name: 'North Dakota', citation: 'N.D. Cent. Code § 51-30-01 et seq.', url: 'https://ndlegis.gov/cencode/t51c30.pdf', individualDays: null, individualTrigger: 'awareness', extras: ['date_of_birth', ...HEALTH], credentials: false, harmThreshold: false, regulator: { authority: AG('North Dakota'), minAffected: 251, deadline: { kind: 'delay' } } },
  { code: 'OH', name: 'Ohio', citation: 'Ohio Rev. Code § 1349.19', url: 'https://codes.ohio.gov/ohio-revised-code/section-1349.19', individualDays: 45, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, cra: CRA_1000 },
  { code: 'OK', name: 'Oklahoma', citation: 'Okla. Stat. tit. 24, § 161 et seq.', url: 'https://www.oscn.net/', individualDays: null, individualTrigger: 'awareness', extras: ['biometric'], credentials: false, harmThreshold: true, regulator: { authority: AG('Oklahoma'), minAffected: 500, deadline: { kind: 'after_individuals', days: 60 } }, note: 'AG notice and biometric element from the 2024 amendment (in force 2025-01-01); threshold and timing uncertain, verify' },
  { code: 'OR', name: 'Oregon', citation: 'Or. Rev. Stat. § 646A.600 et seq.', url: 'https://oregon.public.law/statutes/ors_646A.604', individualDays: 45, individualTrigger: 'awareness', extras: ['passport', 'tax_id', ...HEALTH, 'biometric'], credentials: true, alone: [...CORE_ELEMENTS_LIST], harmThreshold: true, regulator: { authority: AG('Oregon'), minAffected: 251, deadline: { kind: 'delay' } }, cra: CRA_1000, note: 'elements count without a name if they would enable identity theft (ORS 646A.602)', lastReviewed: '2026-12-01' },
  { code: 'PA', name: 'Pennsylvania', citation: '73 P.S. § 2301 et seq.', url: 'https://www.legis.state.pa.us/', individualDays: null, individualTrigger: 'awareness', extras: [...HEALTH], credentials: true, harmThreshold: false, regulator: { authority: AG('Pennsylvania'), minAffected: 501, deadline: { kind: 'with_individuals' } }, cra: CRA_1000, note: 'AG notice from the 2024 amendment (Act 33 of 2024)' },
  { code: 'PR', name: 'Puerto Rico', citation: 'P.R. Laws tit. 10, § 4051 et seq. (Act 111-2005)', url: 'https://bvirtualogp.pr.gov/', individualDays: null, individualTrigger: 'awareness', extras: ['tax_id', 'health'], credentials: true, harmThreshold: false, regulator: { authority: 'Departamento de Asuntos del Consumidor (DACO)', minAffected: 1, deadline: { kind: 'days', days: 10, trigger: 'awareness' } }, note: 'element list (tax, medical, access credentials) summarised from Act 111-2005 as amended; verify' },
  { code: 'RI', name: 'Rhode Island', citation: 'R.I. Gen. Laws § 11-49.3-1 et seq.', url: 'http://webserver.rilegislature.gov/Statutes/TITLE11/11-49.3/INDEX.htm', individualDays: 45, individualTrigger: 'determination', extras: ['passport', ...HEALTH], credentials: true, harmThreshold: true, regulator: { authority: AG('Rhode Island'), minAffected: 501, deadline: { kind: 'delay' } }, cra: { minAffected: 501 } },
  { code: 'SC', name: 'South Carolina', citation: 'S.C. Code § 39-1-90', url: 'https://www.scstatehouse.gov/code/t39c001.php', individualDays: null, individualTrigger: 'awareness', extras: ['passport'], credentials: false, harmThreshold: true, regulator: { authority: 'South Carolina Department of Consumer Affairs', minAffected: 1001, deadline: { kind: 'delay' } }, cra: CRA_1000 },
  { code: 'SD', name: 'South Dakota', citation: 'S.D. Codified Laws § 22-40-19 et seq.', url: 'https://sdlegislature.gov/Statutes/22-40', individualDays: 60, individualTrigger: 'awareness', extras: ['health', 'biometric'], credentials: true, harmThreshold: true, regulator: { authority: AG('South Dakota'), minAffected: 251, deadline: { kind: 'days', days: 60, trigger: 'awareness' } }, cra: { minAffected: 1 } },
  { code: 'TN', name: 'Tennessee', citation: 'Tenn. Code § 47-18-2107', url: 'https://www.capitol.tn.gov/', individualDays: 45, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: false, cra: CRA_1000 },
  { code: 'TX', name: 'Texas', citation: 'Tex. Bus. & Com. Code § 521.053', url: 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.521.htm', individualDays: 60, individualTrigger: 'determination', extras: [...HEALTH], credentials: false, harmThreshold: false, regulator: { authority: AG('Texas'), minAffected: 250, deadline: { kind: 'days', days: 30, trigger: 'determination' } }, cra: { minAffected: 10001 } },
  { code: 'UT', name: 'Utah', citation: 'Utah Code § 13-44-101 et seq.', url: 'https://le.utah.gov/xcode/Title13/Chapter44/13-44.html', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, regulator: { authority: 'Utah Attorney General and Utah Cyber Center', minAffected: 500, deadline: { kind: 'delay' } }, cra: { minAffected: 1000 }, note: 'consumer reporting agency notice for 1,000 or more residents from S.B. 98 (2024)', lastReviewed: '2026-12-01' },
  { code: 'VT', name: 'Vermont', citation: 'Vt. Stat. tit. 9, § 2430, 2435', url: 'https://legislature.vermont.gov/statutes/section/09/062/02435', individualDays: 45, individualTrigger: 'awareness', extras: [...GOV_IDS, ...HEALTH, 'biometric', 'genetic'], credentials: true, harmThreshold: true, regulator: { authority: AG('Vermont'), minAffected: 1, deadline: { kind: 'business_days', days: 14, trigger: 'awareness' } }, cra: CRA_1000, note: 'preliminary AG notice in 14 business days, counted here on the US federal calendar' },
  { code: 'VA', name: 'Virginia', citation: 'Va. Code § 18.2-186.6; § 32.1-127.1:05 (medical information)', url: 'https://law.lis.virginia.gov/vacode/title18.2/chapter6/section18.2-186.6/', individualDays: null, individualTrigger: 'awareness', extras: [...HEALTH], credentials: false, harmThreshold: true, regulator: { authority: AG('Virginia'), minAffected: 1, deadline: { kind: 'delay' } }, cra: CRA_1000 },
  { code: 'WA', name: 'Washington', citation: 'Rev. Code Wash. § 19.255.005, 19.255.010', url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.255.010', individualDays: 30, individualTrigger: 'awareness', extras: ['passport', 'military_id', 'date_of_birth', ...HEALTH, 'biometric'], credentials: true, alone: [...CORE_ELEMENTS_LIST], harmThreshold: true, regulator: { authority: AG('Washington'), minAffected: 501, deadline: { kind: 'days', days: 30, trigger: 'awareness' } }, note: 'elements count without a name if they would enable identity theft (RCW 19.255.005)', lastReviewed: '2026-12-01' },
  { code: 'WV', name: 'West Virginia', citation: 'W. Va. Code § 46A-2A-101 et seq.', url: 'https://code.wvlegislature.gov/46A-2A/', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, cra: CRA_1000 },
  { code: 'WI', name: 'Wisconsin', citation: 'Wis. Stat. § 134.98', url: 'https://docs.legis.wisconsin.gov/statutes/statutes/134/98', individualDays: 45, individualTrigger: 'awareness', extras: ['biometric', 'genetic'], credentials: false, harmThreshold: true, cra: CRA_1000 },
  { code: 'WY', name: 'Wyoming', citation: 'Wyo. Stat. § 40-12-501 et seq.', url: 'https://wyoleg.gov/', individualDays: null, individualTrigger: 'awareness', extras: [...GOV_IDS, ...HEALTH, 'biometric'], credentials: true, harmThreshold: true },
  { code: 'GU', name: 'Guam', citation: '9 Guam Code Ann. § 48-10 et seq.', url: 'https://www.ncsl.org/technology-and-communication/security-breach-notification-laws', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: true, note: 'no regulator or CRA duty in the statute; verify', lastReviewed: '2026-12-01' },
  { code: 'VI', name: 'U.S. Virgin Islands', citation: '14 V.I.C. § 2208-2209', url: 'https://www.ncsl.org/technology-and-communication/security-breach-notification-laws', individualDays: null, individualTrigger: 'awareness', extras: [], credentials: false, harmThreshold: false, note: 'no regulator or CRA duty in the statute; verify', lastReviewed: '2026-12-01' },
];

/**
 * Time zone each state's authority counts in (the seat of its Attorney General or regulator); states that span
 * zones use the capital's. Source: IANA tz database (via the runtime's Intl data).
 */
// prettier-ignore
export const STATE_TIME_ZONES: Readonly<Record<string, string>> = {
  AL: 'America/Chicago', AK: 'America/Anchorage', AZ: 'America/Phoenix', AR: 'America/Chicago',
  CA: 'America/Los_Angeles', CO: 'America/Denver', CT: 'America/New_York', DE: 'America/New_York',
  DC: 'America/New_York', FL: 'America/New_York', GA: 'America/New_York', HI: 'Pacific/Honolulu',
  ID: 'America/Boise', IL: 'America/Chicago', IN: 'America/Indiana/Indianapolis', IA: 'America/Chicago',
  KS: 'America/Chicago', KY: 'America/New_York', LA: 'America/Chicago', ME: 'America/New_York',
  MD: 'America/New_York', MA: 'America/New_York', MI: 'America/Detroit', MN: 'America/Chicago',
  MS: 'America/Chicago', MO: 'America/Chicago', MT: 'America/Denver', NE: 'America/Chicago',
  NV: 'America/Los_Angeles', NH: 'America/New_York', NJ: 'America/New_York', NM: 'America/Denver',
  NY: 'America/New_York', NC: 'America/New_York', ND: 'America/Chicago', OH: 'America/New_York',
  OK: 'America/Chicago', OR: 'America/Los_Angeles', PA: 'America/New_York', PR: 'America/Puerto_Rico',
  RI: 'America/New_York', SC: 'America/New_York', SD: 'America/Chicago', TN: 'America/Chicago',
  TX: 'America/Chicago', UT: 'America/Denver', VT: 'America/New_York', VA: 'America/New_York',
  WA: 'America/Los_Angeles', WV: 'America/New_York', WI: 'America/Chicago', WY: 'America/Denver',
  GU: 'Pacific/Guam', VI: 'America/St_Thomas', AS: 'Pacific/Pago_Pago', MP: 'Pacific/Saipan',
  UM: 'Pacific/Honolulu',
};

export const US_STATE_RULES_BY_CODE: ReadonlyMap<string, StateRule> = new Map(
  US_STATE_RULES.map((r) => [r.code, r]),
);
