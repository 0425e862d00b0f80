// Breach-notification laws of countries outside the US, EU/EEA, UK, Canada, Brazil, Australia, Singapore,
// India, Japan and South Korea: one row per country, read by world.ts. Plain data; `note` marks laws that are
// new, not yet fully in force, or where the deadline comes from guidance rather than the statute. Links to
// notification forms point where the authority published them at review; if one moved, its `url` home page
// is the fallback.
import type { Authority } from './authorities';
import type { AuthorityClock } from './clocks';
import { COLOMBIA_HOLIDAYS } from './holidays';

export const WORLD_REVIEWED = '2026-12-01';

/**
 * What makes a duty apply: `any` breach of the kind the law covers; `risk` unless unlikely to result in a
 * risk; `high_risk` only if (likely) serious harm / high risk; `sensitive` when sensitive or financial data
 * is involved or the risk is high; `authority_directs` only when the regulator orders it; `voluntary` no legal
 * duty but the regulator asks for notice; `sectoral` only in regulated sectors; `none` the law sets no duty.
 */
export type DutyGate =
  'any' | 'risk' | 'high_risk' | 'sensitive' | 'authority_directs' | 'voluntary' | 'sectoral' | 'none';

/** How long: fixed units from the trigger, "without undue delay" with an internal target, or after the regulator notice. */
export type DutyTiming =
  | { unit: 'hours' | 'days' | 'business_days'; value: number; trigger: 'awareness' | 'determination' }
  | { unit: 'undue'; targetHours: number; trigger: 'awareness' | 'determination'; words: string }
  | { unit: 'after_regulator'; days: number; business?: boolean };

export interface Duty {
  recipient: 'regulator' | 'individuals';
  citation: string;
  gate: DutyGate;
  /** The statute's words for the threshold, shown in the reason. */
  threshold?: string;
  /** A head count that makes the duty apply whatever the risk (e.g. "significant scale"). */
  orAtLeast?: number;
  timing?: DutyTiming;
}

export interface CountryLaw {
  code: string;
  name: string;
  law: string;
  /** Short id used in obligation ids: `<code>-<slug>-<recipient>`; never change once shipped. */
  slug: string;
  authority: Omit<Authority, 'country' | 'timeZone'>;
  clock: AuthorityClock;
  source: { name: string; url: string };
  lastReviewed: string;
  note?: string;
  duties: readonly Duty[];
}

const h = (value: number, trigger: 'awareness' | 'determination' = 'awareness'): DutyTiming => ({
  unit: 'hours',
  value,
  trigger,
});
const undue = (
  words: string,
  targetHours = 72,
  trigger: 'awareness' | 'determination' = 'awareness',
): DutyTiming => ({
  unit: 'undue',
  targetHours,
  trigger,
  words,
});
const form = (url: string, detail?: string) => ({ channel: 'online_form' as const, url, detail });
const r = WORLD_REVIEWED;

// prettier-ignore
export const WORLD_LAWS: readonly CountryLaw[] = [
  { code: 'CH', name: 'Switzerland', law: 'Federal Act on Data Protection (revFADP)', slug: 'fadp', lastReviewed: r,
    authority: { name: 'Federal Data Protection and Information Commissioner', abbreviation: 'FDPIC', url: 'https://www.edoeb.admin.ch', notify: form('https://databreach.edoeb.admin.ch/', 'FDPIC data breach portal'), languages: ['de', 'fr', 'it', 'en'] },
    clock: { timeZone: 'Europe/Zurich' }, source: { name: 'Fedlex: SR 235.1', url: 'https://www.fedlex.admin.ch/eli/cc/2022/491/en' },
    note: 'operators of critical infrastructure also report cyberattacks to the NCSC within 24 hours (ISA Art. 74a, from 2025-04-01; not modelled)',
    duties: [
      { recipient: 'regulator', citation: 'revFADP Art. 24(1)', gate: 'high_risk', threshold: 'likely to result in a high risk to the personality or fundamental rights', timing: undue('as soon as possible') },
      { recipient: 'individuals', citation: 'revFADP Art. 24(4)', gate: 'high_risk', threshold: 'necessary for their protection, or the FDPIC so requests', timing: undue('as soon as possible') },
    ] },
  { code: 'CN', name: 'China', law: 'Personal Information Protection Law (PIPL)', slug: 'pipl', lastReviewed: r,
    authority: { name: 'Cyberspace Administration of China and the sector regulator', abbreviation: 'CAC', url: 'https://www.cac.gov.cn', notify: { channel: 'portal', url: 'https://www.12387.cert.org.cn', detail: '12387 hotline and portal (CAC incident reporting)' }, languages: ['zh-Hans'] },
    clock: { timeZone: 'Asia/Shanghai' }, source: { name: 'CAC: PIPL text', url: 'https://www.cac.gov.cn/2021-08/20/c_1631050028355286.htm' },
    note: 'CAC Measures for National Cybersecurity Incident Reporting (in force 2025-11-01): a relatively major incident (e.g. personal information of 1 million or more people leaked) within 4 hours, critical information infrastructure within 1 hour; the PIPL itself says "immediately"',
    duties: [
      { recipient: 'regulator', citation: 'PIPL Art. 57(1); CAC Incident Reporting Measures 2025', gate: 'any', timing: undue('immediately', 4) },
      { recipient: 'individuals', citation: 'PIPL Art. 57(1)-(2)', gate: 'risk', threshold: 'harm not effectively avoided by the measures taken (the authority may still require notice)', timing: undue('immediately', 24) },
    ] },
  { code: 'HK', name: 'Hong Kong', law: 'Personal Data (Privacy) Ordinance (Cap. 486)', slug: 'pdpo', lastReviewed: r,
    authority: { name: 'Office of the Privacy Commissioner for Personal Data', abbreviation: 'PCPD', url: 'https://www.pcpd.org.hk', notify: form('https://www.pcpd.org.hk/english/enforcement/data_breach_notification/dbn.html', 'voluntary data breach notification form'), languages: ['zh-Hant', 'en'] },
    clock: { timeZone: 'Asia/Hong_Kong' }, source: { name: 'PCPD: Guidance on Data Breach Handling and Data Breach Notifications', url: 'https://www.pcpd.org.hk/english/resources_centre/publications/files/guidance_note_dbn_e.pdf' },
    note: 'no statutory duty; a mandatory regime has been proposed since 2020 but not enacted as of review',
    duties: [
      { recipient: 'regulator', citation: 'PDPO (no breach notification provision); PCPD guidance', gate: 'voluntary' },
      { recipient: 'individuals', citation: 'PDPO (no breach notification provision); PCPD guidance', gate: 'voluntary' },
    ] },
  { code: 'TW', name: 'Taiwan', law: 'Personal Data Protection Act (PDPA)', slug: 'pdpa', lastReviewed: r,
    authority: { name: 'Personal Data Protection Commission (and the sector competent authority)', abbreviation: 'PDPC', url: 'https://www.pdpc.gov.tw', notify: { channel: 'letter', url: 'https://www.pdpc.gov.tw' }, languages: ['zh-Hant'] },
    clock: { timeZone: 'Asia/Taipei' }, source: { name: 'Laws & Regulations Database: PDPA', url: 'https://law.moj.gov.tw/ENG/LawClass/LawAll.aspx?pcode=I0050021' },
    note: 'the 2025 amendments move supervision to the PDPC and add notice to it; until they commence, sector rules (e.g. FSC: within 72 hours) govern regulator notice: verify',
    duties: [
      { recipient: 'regulator', citation: 'PDPA Art. 12, 27; sector regulations', gate: 'sectoral', timing: h(72) },
      { recipient: 'individuals', citation: 'PDPA Art. 12; Enforcement Rules Art. 22', gate: 'any', timing: undue('after investigation, in an appropriate manner') },
    ] },
  { code: 'NZ', name: 'New Zealand', law: 'Privacy Act 2020', slug: 'privacy-act', lastReviewed: r,
    authority: { name: 'Office of the Privacy Commissioner', abbreviation: 'OPC', url: 'https://www.privacy.org.nz', notify: form('https://www.privacy.org.nz/responsibilities/privacy-breaches/notify-us/', 'NotifyUs'), languages: ['en', 'mi'] },
    clock: { timeZone: 'Pacific/Auckland' }, source: { name: 'NZ Legislation: Privacy Act 2020 Part 6', url: 'https://www.legislation.govt.nz/act/public/2020/0031/latest/LMS23223.html' },
    note: 'the Commissioner expects notice within 72 hours of becoming aware (guidance, not statute)',
    duties: [
      { recipient: 'regulator', citation: 'Privacy Act 2020 s 114', gate: 'high_risk', threshold: 'notifiable privacy breach: caused or likely to cause serious harm (s 113)', timing: undue('as soon as practicable') },
      { recipient: 'individuals', citation: 'Privacy Act 2020 s 115', gate: 'high_risk', threshold: 'notifiable privacy breach: caused or likely to cause serious harm (s 113)', timing: undue('as soon as practicable') },
    ] },
  { code: 'PH', name: 'Philippines', law: 'Data Privacy Act of 2012 (RA 10173)', slug: 'dpa', lastReviewed: r,
    authority: { name: 'National Privacy Commission', abbreviation: 'NPC', url: 'https://privacy.gov.ph', notify: { channel: 'portal', url: 'https://privacy.gov.ph/data-breach-notification/', detail: 'NPC breach notification management system' }, languages: ['en', 'fil'] },
    clock: { timeZone: 'Asia/Manila' }, source: { name: 'NPC Circular 2023-06 (Security of Personal Data)', url: 'https://privacy.gov.ph/npc-circular-no-2023-06/' },
    duties: [
      { recipient: 'regulator', citation: 'RA 10173 s 20(f); NPC Circular 2023-06', gate: 'high_risk', threshold: 'sensitive or identity-fraud data acquired by an unauthorised person, with a real risk of serious harm', timing: h(72) },
      { recipient: 'individuals', citation: 'RA 10173 s 20(f); NPC Circular 2023-06', gate: 'high_risk', threshold: 'sensitive or identity-fraud data acquired by an unauthorised person, with a real risk of serious harm', timing: h(72) },
    ] },
  { code: 'TH', name: 'Thailand', law: 'Personal Data Protection Act B.E. 2562 (2019)', slug: 'pdpa', lastReviewed: r,
    authority: { name: 'Office of the Personal Data Protection Committee', abbreviation: 'PDPC', url: 'https://www.pdpc.or.th', notify: { channel: 'portal', url: 'https://www.pdpc.or.th' }, languages: ['th'] },
    clock: { timeZone: 'Asia/Bangkok' }, source: { name: 'PDPC Notification on Personal Data Breach Notification B.E. 2565', url: 'https://www.pdpc.or.th' },
    duties: [
      { recipient: 'regulator', citation: 'PDPA s 37(4); PDPC Notification B.E. 2565', gate: 'risk', threshold: 'unless unlikely to result in a risk to rights and freedoms', timing: h(72) },
      { recipient: 'individuals', citation: 'PDPA s 37(4)', gate: 'high_risk', threshold: 'high risk to rights and freedoms', timing: undue('without delay') },
    ] },
  { code: 'ID', name: 'Indonesia', law: 'Personal Data Protection Law (Law No. 27 of 2022)', slug: 'pdp', lastReviewed: r,
    authority: { name: 'Ministry of Communication and Digital Affairs (pending the PDP agency)', abbreviation: 'Komdigi', url: 'https://www.komdigi.go.id', notify: { channel: 'letter', url: 'https://www.komdigi.go.id' }, languages: ['id'] },
    clock: { timeZone: 'Asia/Jakarta' }, source: { name: 'JDIH: UU 27/2022', url: 'https://peraturan.bpk.go.id/Details/229798/uu-no-27-tahun-2022' },
    note: 'in full force since 2024-10-17, but the PDP supervisory agency and implementing regulation are still pending: confirm the recipient',
    duties: [
      { recipient: 'regulator', citation: 'Law 27/2022 Art. 46(1)(b)', gate: 'any', timing: h(72) },
      { recipient: 'individuals', citation: 'Law 27/2022 Art. 46(1)(a)', gate: 'any', timing: h(72) },
    ] },
  { code: 'VN', name: 'Vietnam', law: 'Law on Personal Data Protection (No. 91/2025/QH15)', slug: 'pdpl', lastReviewed: r,
    authority: { name: 'Department of Cybersecurity and High-Tech Crime Prevention (A05), Ministry of Public Security', abbreviation: 'A05', url: 'https://baovedlcn.gov.vn', notify: { channel: 'portal', url: 'https://baovedlcn.gov.vn', detail: 'national personal data protection portal' }, languages: ['vi'] },
    clock: { timeZone: 'Asia/Ho_Chi_Minh' }, source: { name: 'Decree 13/2023/ND-CP Art. 23; Law 91/2025/QH15', url: 'https://vanban.chinhphu.vn/?pageid=27160&docid=207759' },
    note: 'the 2025 law replaces Decree 13/2023 from 2026-01-01; its guiding decree may add notice to data subjects: verify',
    duties: [
      { recipient: 'regulator', citation: 'Law 91/2025/QH15; Decree 13/2023/ND-CP Art. 23', gate: 'any', timing: h(72) },
      { recipient: 'individuals', citation: 'Decree 13/2023/ND-CP Art. 23 (no duty to data subjects)', gate: 'none' },
    ] },
  { code: 'MY', name: 'Malaysia', law: 'Personal Data Protection Act 2010 (as amended 2024)', slug: 'pdpa', lastReviewed: r,
    authority: { name: 'Personal Data Protection Commissioner', abbreviation: 'JPDP', url: 'https://www.pdp.gov.my', notify: form('https://www.pdp.gov.my', 'data breach notification form'), languages: ['ms', 'en'] },
    clock: { timeZone: 'Asia/Kuala_Lumpur' }, source: { name: 'JPDP: Guideline on Data Breach Notification (2025)', url: 'https://www.pdp.gov.my' },
    note: 'section 12B in force since 2025-06-01; the 72-hour and 7-day limits and the 1,000-person scale come from the Commissioner\'s guideline',
    duties: [
      { recipient: 'regulator', citation: 'PDPA 2010 s 12B(1); Guideline on Data Breach Notification', gate: 'high_risk', threshold: 'significant harm', orAtLeast: 1000, timing: h(72) },
      { recipient: 'individuals', citation: 'PDPA 2010 s 12B(2); Guideline on Data Breach Notification', gate: 'high_risk', threshold: 'significant harm', timing: { unit: 'after_regulator', days: 7 } },
    ] },
  { code: 'IL', name: 'Israel', law: 'Protection of Privacy Law and Data Security Regulations 5777-2017', slug: 'ppl', lastReviewed: r,
    authority: { name: 'Privacy Protection Authority', abbreviation: 'PPA', url: 'https://www.gov.il/en/departments/the_privacy_protection_authority', notify: form('https://www.gov.il/en/service/report_data_security_incident', 'security incident report'), languages: ['he', 'en'] },
    clock: { timeZone: 'Asia/Jerusalem' }, source: { name: 'Protection of Privacy Regulations (Data Security) 5777-2017', url: 'https://www.gov.il/en/departments/legalInfo/data_security_regulation' },
    note: 'Amendment 13 to the Protection of Privacy Law in force since 2025-08-14',
    duties: [
      { recipient: 'regulator', citation: 'Data Security Regulations reg. 11(d)', gate: 'high_risk', threshold: 'severe security incident', timing: undue('immediately', 24) },
      { recipient: 'individuals', citation: 'Data Security Regulations reg. 11(e)', gate: 'authority_directs' },
    ] },
  { code: 'TR', name: 'Türkiye', law: 'Law on the Protection of Personal Data No. 6698 (KVKK)', slug: 'kvkk', lastReviewed: r,
    authority: { name: 'Personal Data Protection Board', localName: 'Kişisel Verileri Koruma Kurulu', abbreviation: 'KVKK', url: 'https://www.kvkk.gov.tr', notify: form('https://ihlalbildirim.kvkk.gov.tr', 'breach notification form'), languages: ['tr'] },
    clock: { timeZone: 'Europe/Istanbul' }, source: { name: 'KVKK Board Decision 2019/10', url: 'https://www.kvkk.gov.tr' },
    duties: [
      { recipient: 'regulator', citation: 'Law 6698 Art. 12(5); Board Decision 2019/10', gate: 'any', timing: h(72) },
      { recipient: 'individuals', citation: 'Law 6698 Art. 12(5); Board Decision 2019/10', gate: 'any', timing: undue('within the shortest reasonable time after identifying them') },
    ] },
  { code: 'SA', name: 'Saudi Arabia', law: 'Personal Data Protection Law (Royal Decree M/19)', slug: 'pdpl', lastReviewed: r,
    authority: { name: 'Saudi Data and AI Authority', abbreviation: 'SDAIA', url: 'https://sdaia.gov.sa', notify: { channel: 'portal', url: 'https://dgp.sdaia.gov.sa', detail: 'National Data Governance Platform' }, languages: ['ar', 'en'] },
    clock: { timeZone: 'Asia/Riyadh', weekend: [5, 6] }, source: { name: 'SDAIA: PDPL Implementing Regulation', url: 'https://sdaia.gov.sa/en/SDAIA/about/Documents/ImplementingRegulation.pdf' },
    duties: [
      { recipient: 'regulator', citation: 'PDPL Art. 20; Implementing Regulation Art. 24', gate: 'risk', threshold: 'may harm the data subject or their rights', timing: h(72) },
      { recipient: 'individuals', citation: 'PDPL Art. 20; Implementing Regulation Art. 24', gate: 'risk', threshold: 'may cause damage to the data or conflict with their rights', timing: undue('without undue delay') },
    ] },
  { code: 'AE', name: 'United Arab Emirates', law: 'Federal Decree-Law No. 45 of 2021 (PDPL)', slug: 'pdpl', lastReviewed: r,
    authority: { name: 'UAE Data Office', url: 'https://u.ae', notify: { channel: 'letter', url: 'https://u.ae' }, languages: ['ar', 'en'] },
    clock: { timeZone: 'Asia/Dubai' }, source: { name: 'UAE Legislation: Federal Decree-Law 45/2021', url: 'https://uaelegislation.gov.ae/en/legislations/1972' },
    note: 'executive regulations not yet issued; DIFC (DP Law 2020 Art. 41) and ADGM (DPR 2021, 72 hours) have their own regimes and authorities',
    duties: [
      { recipient: 'regulator', citation: 'Federal Decree-Law 45/2021 Art. 9(1)', gate: 'risk', threshold: 'prejudices the privacy, confidentiality or security of the data', timing: undue('immediately upon becoming aware', 24) },
      { recipient: 'individuals', citation: 'Federal Decree-Law 45/2021 Art. 9(3)', gate: 'risk', threshold: 'prejudices the privacy, confidentiality or security of the data', timing: undue('immediately', 72) },
    ] },
  { code: 'QA', name: 'Qatar', law: 'Law No. 13 of 2016 on Personal Data Privacy Protection', slug: 'pdppl', lastReviewed: r,
    authority: { name: 'National Data Privacy Office, National Cyber Security Agency', abbreviation: 'NDPO', url: 'https://www.ncsa.gov.qa', notify: form('https://www.ncsa.gov.qa', 'breach notification form'), languages: ['ar', 'en'] },
    clock: { timeZone: 'Asia/Qatar', weekend: [5, 6] }, source: { name: 'NCSA: PDPPL guidelines for regulated entities', url: 'https://www.ncsa.gov.qa' },
    note: 'the 72-hour limit comes from the regulator\'s guidelines; the law says notice of a breach that may cause serious damage',
    duties: [
      { recipient: 'regulator', citation: 'Law 13/2016 Art. 14; NDPO breach notification guideline', gate: 'high_risk', threshold: 'may cause serious damage to individuals', timing: h(72) },
      { recipient: 'individuals', citation: 'Law 13/2016 Art. 14', gate: 'high_risk', threshold: 'may cause serious damage to individuals', timing: h(72) },
    ] },
  { code: 'ZA', name: 'South Africa', law: 'Protection of Personal Information Act 2013 (POPIA)', slug: 'popia', lastReviewed: r,
    authority: { name: 'Information Regulator (South Africa)', url: 'https://inforegulator.org.za', notify: { channel: 'portal', url: 'https://eservices.inforegulator.org.za', detail: 'form SCN1 on the eServices portal (mandatory from 2025-04-01)' }, languages: ['en'] },
    clock: { timeZone: 'Africa/Johannesburg' }, source: { name: 'Information Regulator: POPIA', url: 'https://inforegulator.org.za/popia/' },
    duties: [
      { recipient: 'regulator', citation: 'POPIA s 22(1), (2)', gate: 'any', timing: undue('as soon as reasonably possible after discovery') },
      { recipient: 'individuals', citation: 'POPIA s 22(1), (4)', gate: 'any', timing: undue('as soon as reasonably possible after discovery') },
    ] },
  { code: 'KE', name: 'Kenya', law: 'Data Protection Act 2019', slug: 'dpa', lastReviewed: r,
    authority: { name: 'Office of the Data Protection Commissioner', abbreviation: 'ODPC', url: 'https://www.odpc.go.ke', notify: form('https://www.odpc.go.ke', 'breach notification form'), languages: ['en', 'sw'] },
    clock: { timeZone: 'Africa/Nairobi' }, source: { name: 'Kenya Law: Data Protection Act No. 24 of 2019', url: 'https://new.kenyalaw.org/akn/ke/act/2019/24/eng@2022-12-31' },
    duties: [
      { recipient: 'regulator', citation: 'Data Protection Act 2019 s 43(1)(a)', gate: 'high_risk', threshold: 'real risk of harm to the data subjects', timing: h(72) },
      { recipient: 'individuals', citation: 'Data Protection Act 2019 s 43(1)(b)', gate: 'high_risk', threshold: 'real risk of harm to the data subjects', timing: undue('within a reasonably practical period') },
    ] },
  { code: 'NG', name: 'Nigeria', law: 'Nigeria Data Protection Act 2023', slug: 'ndpa', lastReviewed: r,
    authority: { name: 'Nigeria Data Protection Commission', abbreviation: 'NDPC', url: 'https://ndpc.gov.ng', notify: form('https://ndpc.gov.ng', 'breach notification form'), languages: ['en'] },
    clock: { timeZone: 'Africa/Lagos' }, source: { name: 'NDPC: Nigeria Data Protection Act 2023', url: 'https://ndpc.gov.ng/resources/' },
    note: 'the NDPC General Application and Implementation Directive (2025) details the notice content',
    duties: [
      { recipient: 'regulator', citation: 'NDPA 2023 s 40(2)', gate: 'risk', threshold: 'likely to result in a risk to the rights and freedoms of individuals', timing: h(72) },
      { recipient: 'individuals', citation: 'NDPA 2023 s 40(3)', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('immediately', 24) },
    ] },
  { code: 'EG', name: 'Egypt', law: 'Personal Data Protection Law No. 151 of 2020', slug: 'pdpl', lastReviewed: r,
    authority: { name: 'Personal Data Protection Centre', abbreviation: 'PDPC', url: 'https://itida.gov.eg', notify: { channel: 'letter', url: 'https://itida.gov.eg' }, languages: ['ar'] },
    clock: { timeZone: 'Africa/Cairo', weekend: [5, 6] }, source: { name: 'Law 151/2020, Official Gazette No. 28 (bis)', url: 'https://itida.gov.eg/English/Documents/4.pdf' },
    note: 'the Centre and the executive regulations are still being put in place; public holidays are not in the table, so working-day limits may come out a day early',
    duties: [
      { recipient: 'regulator', citation: 'Law 151/2020 Art. 7', gate: 'any', timing: h(72) },
      { recipient: 'individuals', citation: 'Law 151/2020 Art. 7', gate: 'any', timing: { unit: 'after_regulator', days: 3, business: true } },
    ] },
  { code: 'MX', name: 'Mexico', law: 'Ley Federal de Protección de Datos Personales en Posesión de los Particulares (2025)', slug: 'lfpdppp', lastReviewed: r,
    authority: { name: 'Secretaría Anticorrupción y Buen Gobierno', url: 'https://www.gob.mx/buengobierno', notify: { channel: 'letter', url: 'https://www.gob.mx/buengobierno' }, languages: ['es'] },
    clock: { timeZone: 'America/Mexico_City' }, source: { name: 'Cámara de Diputados: LFPDPPP (DOF 20-03-2025)', url: 'https://www.diputados.gob.mx/LeyesBiblio/pdf/LFPDPPP.pdf' },
    note: 'the 2025 law replaced INAI with the Secretaría; no regulator notice is required',
    duties: [
      { recipient: 'regulator', citation: 'LFPDPPP (no regulator notice)', gate: 'none' },
      { recipient: 'individuals', citation: 'LFPDPPP 2025, security-breach provision (former Art. 20; verify the new article number)', gate: 'high_risk', threshold: 'significantly affects their property or moral rights', timing: undue('immediately', 24) },
    ] },
  { code: 'AR', name: 'Argentina', law: 'Personal Data Protection Law No. 25.326', slug: 'pdpl', lastReviewed: r,
    authority: { name: 'Agencia de Acceso a la Información Pública', abbreviation: 'AAIP', url: 'https://www.argentina.gob.ar/aaip', notify: form('https://www.argentina.gob.ar/aaip', 'voluntary incident report'), languages: ['es'] },
    clock: { timeZone: 'America/Argentina/Buenos_Aires' }, source: { name: 'AAIP Resolution 47/2018 (recommended security measures)', url: 'https://www.argentina.gob.ar/normativa/nacional/resoluci%C3%B3n-47-2018-312662' },
    note: 'no statutory duty; a bill with mandatory notice has been before Congress since 2023',
    duties: [
      { recipient: 'regulator', citation: 'Law 25.326 (no breach provision); AAIP Res. 47/2018', gate: 'voluntary' },
      { recipient: 'individuals', citation: 'Law 25.326 (no breach provision); AAIP Res. 47/2018', gate: 'voluntary' },
    ] },
  { code: 'CO', name: 'Colombia', law: 'Statutory Law 1581 of 2012', slug: 'habeas-data', lastReviewed: r,
    authority: { name: 'Superintendencia de Industria y Comercio', abbreviation: 'SIC', url: 'https://www.sic.gov.co', notify: { channel: 'portal', url: 'https://rnbd.sic.gov.co', detail: 'RNBD security incident report' }, languages: ['es'] },
    clock: { timeZone: 'America/Bogota', holidays: COLOMBIA_HOLIDAYS }, source: { name: 'SIC: Guía de gestión de incidentes de seguridad en datos personales', url: 'https://www.sic.gov.co' },
    note: 'the 15 business days come from SIC instructions (Circular Única, Title V), not the statute',
    duties: [
      { recipient: 'regulator', citation: 'Law 1581/2012 Art. 17(n), 18(k); SIC Circular Única Title V', gate: 'any', timing: { unit: 'business_days', value: 15, trigger: 'awareness' } },
      { recipient: 'individuals', citation: 'Law 1581/2012 (no duty to data subjects); SIC guidance', gate: 'voluntary' },
    ] },
  { code: 'CL', name: 'Chile', law: 'Law 19.628 as replaced by Law 21.719', slug: 'pdpl', lastReviewed: r,
    authority: { name: 'Agencia de Protección de Datos Personales', url: 'https://www.bcn.cl/leychile/navegar?idNorma=1209272', notify: { channel: 'letter', url: 'https://www.bcn.cl/leychile/navegar?idNorma=1209272' }, languages: ['es'] },
    clock: { timeZone: 'America/Santiago' }, source: { name: 'BCN: Ley 21.719', url: 'https://www.bcn.cl/leychile/navegar?idNorma=1209272' },
    note: 'Law 21.719 applies from 2026-12-01 and the Agency is only now being set up: confirm the channel',
    duties: [
      { recipient: 'regulator', citation: 'Law 19.628 Art. 14 sexies (Law 21.719)', gate: 'risk', threshold: 'reasonable risk to the rights and freedoms of data subjects', timing: undue('by the most expeditious means, without undue delay') },
      { recipient: 'individuals', citation: 'Law 19.628 Art. 14 sexies (Law 21.719)', gate: 'sensitive', threshold: 'sensitive data, data of children, or financial or economic data', timing: undue('without undue delay') },
    ] },
  { code: 'PE', name: 'Peru', law: 'Personal Data Protection Law No. 29733 and Regulation (DS 016-2024-JUS)', slug: 'lpdp', lastReviewed: r,
    authority: { name: 'Autoridad Nacional de Protección de Datos Personales', abbreviation: 'ANPD', url: 'https://www.gob.pe/anpd', notify: form('https://reporte.cnsd.gob.pe/home/minjus', 'security incident report form'), languages: ['es'] },
    clock: { timeZone: 'America/Lima' }, source: { name: 'El Peruano: DS 016-2024-JUS', url: 'https://www.gob.pe/institucion/minjus/normas-legales/6245406-016-2024-jus' },
    note: 'regulation in force since 2025-03-30; "large volume" has no fixed number',
    duties: [
      { recipient: 'regulator', citation: 'DS 016-2024-JUS (incident notification)', gate: 'sensitive', threshold: 'large volumes or many people, sensitive data, or evident prejudice to rights', timing: h(48) },
      { recipient: 'individuals', citation: 'DS 016-2024-JUS (communication to data subjects)', gate: 'high_risk', threshold: 'affects their rights (unless resolved without such effect)', timing: h(48) },
    ] },
  { code: 'EC', name: 'Ecuador', law: 'Ley Orgánica de Protección de Datos Personales (LOPDP)', slug: 'lopdp', lastReviewed: r,
    authority: { name: 'Superintendencia de Protección de Datos Personales', abbreviation: 'SPDP', url: 'https://spdp.gob.ec', notify: { channel: 'letter', url: 'https://spdp.gob.ec' }, languages: ['es'] },
    clock: { timeZone: 'America/Guayaquil' }, source: { name: 'LOPDP (Registro Oficial Supl. 459, 26-05-2021)', url: 'https://www.finanzas.gob.ec/wp-content/uploads/downloads/2021/06/Ley-Organica-de-Proteccion-de-Datos-Personales.pdf' },
    note: 'the law says "término" (working days); national holidays are not in the table, so the due day may be early',
    duties: [
      { recipient: 'regulator', citation: 'LOPDP Art. 43', gate: 'any', timing: { unit: 'business_days', value: 5, trigger: 'awareness' } },
      { recipient: 'individuals', citation: 'LOPDP Art. 46', gate: 'risk', threshold: 'risk to their rights and freedoms', timing: { unit: 'business_days', value: 3, trigger: 'awareness' } },
    ] },
  { code: 'UY', name: 'Uruguay', law: 'Law 18.331 and Law 19.670 Art. 38', slug: 'lpdp', lastReviewed: r,
    authority: { name: 'Unidad Reguladora y de Control de Datos Personales', abbreviation: 'URCDP', url: 'https://www.gub.uy/unidad-reguladora-control-datos-personales', notify: form('https://www.gub.uy/unidad-reguladora-control-datos-personales', 'security breach communication form'), languages: ['es'] },
    clock: { timeZone: 'America/Montevideo' }, source: { name: 'IMPO: Decreto 64/020', url: 'https://www.impo.com.uy/bases/decretos/64-2020' },
    duties: [
      { recipient: 'regulator', citation: 'Law 19.670 Art. 38; Decree 64/020 Art. 4', gate: 'any', timing: h(72) },
      { recipient: 'individuals', citation: 'Decree 64/020 Art. 4', gate: 'any', timing: undue('immediately after confirming the breach, in clear and simple language') },
    ] },
  { code: 'RS', name: 'Serbia', law: 'Law on Personal Data Protection (Official Gazette 87/2018)', slug: 'zzpl', lastReviewed: r,
    authority: { name: 'Commissioner for Information of Public Importance and Personal Data Protection', localName: 'Poverenik', url: 'https://www.poverenik.rs', notify: form('https://www.poverenik.rs', 'breach notification form'), languages: ['sr'] },
    clock: { timeZone: 'Europe/Belgrade' }, source: { name: 'Poverenik: Law on Personal Data Protection', url: 'https://www.poverenik.rs/en/laws/law-on-personal-data-protection.html' },
    duties: [
      { recipient: 'regulator', citation: 'Law on Personal Data Protection Art. 52', gate: 'risk', threshold: 'unless unlikely to result in a risk to rights and freedoms', timing: h(72) },
      { recipient: 'individuals', citation: 'Law on Personal Data Protection Art. 53', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('without undue delay') },
    ] },
  { code: 'MU', name: 'Mauritius', law: 'Data Protection Act 2017', slug: 'dpa', lastReviewed: r,
    authority: { name: 'Data Protection Office', url: 'https://dataprotection.govmu.org', notify: form('https://dataprotection.govmu.org', 'personal data breach notification form'), languages: ['en', 'fr'] },
    clock: { timeZone: 'Indian/Mauritius' }, source: { name: 'Data Protection Office: DPA 2017', url: 'https://dataprotection.govmu.org/Pages/The%20Law/Data-Protection-Act-2017.aspx' },
    duties: [
      { recipient: 'regulator', citation: 'Data Protection Act 2017 s 25', gate: 'risk', threshold: 'unless unlikely to result in a risk to rights and freedoms', timing: h(72) },
      { recipient: 'individuals', citation: 'Data Protection Act 2017 s 26', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('without undue delay') },
    ] },
  { code: 'RW', name: 'Rwanda', law: 'Law No. 058/2021 on the Protection of Personal Data and Privacy', slug: 'dpp', lastReviewed: r,
    authority: { name: 'National Cyber Security Authority', abbreviation: 'NCSA', url: 'https://dpo.gov.rw', notify: form('https://dpo.gov.rw', 'breach notification form'), languages: ['rw', 'en', 'fr'] },
    clock: { timeZone: 'Africa/Kigali' }, source: { name: 'NCSA: Law 058/2021', url: 'https://dpo.gov.rw' },
    duties: [
      { recipient: 'regulator', citation: 'Law 058/2021 Art. 43', gate: 'any', timing: h(48) },
      { recipient: 'individuals', citation: 'Law 058/2021 Art. 45', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('without undue delay') },
    ] },
  { code: 'UG', name: 'Uganda', law: 'Data Protection and Privacy Act 2019', slug: 'dppa', lastReviewed: r,
    authority: { name: 'Personal Data Protection Office (NITA-U)', abbreviation: 'PDPO', url: 'https://pdpo.go.ug', notify: form('https://pdpo.go.ug', 'breach notification form'), languages: ['en'] },
    clock: { timeZone: 'Africa/Kampala' }, source: { name: 'ULII: Data Protection and Privacy Act 2019', url: 'https://ulii.org/akn/ug/act/2019/9/eng@2019-05-03' },
    duties: [
      { recipient: 'regulator', citation: 'Data Protection and Privacy Act 2019 s 23(1)', gate: 'any', timing: undue('immediately', 24) },
      { recipient: 'individuals', citation: 'Data Protection and Privacy Act 2019 s 23(2)', gate: 'authority_directs' },
    ] },
  { code: 'GH', name: 'Ghana', law: 'Data Protection Act 2012 (Act 843)', slug: 'dpa', lastReviewed: r,
    authority: { name: 'Data Protection Commission', abbreviation: 'DPC', url: 'https://www.dataprotection.org.gh', notify: form('https://www.dataprotection.org.gh', 'breach report'), languages: ['en'] },
    clock: { timeZone: 'Africa/Accra' }, source: { name: 'DPC Ghana: Act 843', url: 'https://www.dataprotection.org.gh/data-protection-act' },
    duties: [
      { recipient: 'regulator', citation: 'Act 843 s 31(1)', gate: 'any', timing: undue('as soon as reasonably practicable after discovery') },
      { recipient: 'individuals', citation: 'Act 843 s 31(1), (3)', gate: 'any', timing: undue('as soon as reasonably practicable after discovery') },
    ] },
  { code: 'OM', name: 'Oman', law: 'Personal Data Protection Law (Royal Decree 6/2022) and Executive Regulation', slug: 'pdpl', lastReviewed: r,
    authority: { name: 'Ministry of Transport, Communications and Information Technology', abbreviation: 'MTCIT', url: 'https://www.mtcit.gov.om', notify: { channel: 'letter', url: 'https://www.mtcit.gov.om' }, languages: ['ar'] },
    clock: { timeZone: 'Asia/Muscat', weekend: [5, 6] }, source: { name: 'Qanoon: Royal Decree 6/2022', url: 'https://qanoon.om/p/2022/rd2022006/' },
    note: 'Executive Regulation (Ministerial Decision 34/2024) enforced since 2025-02-05',
    duties: [
      { recipient: 'regulator', citation: 'Royal Decree 6/2022 Art. 19; Executive Regulation', gate: 'any', timing: h(72) },
      { recipient: 'individuals', citation: 'Royal Decree 6/2022 Art. 19; Executive Regulation', gate: 'risk', threshold: 'may cause harm to the data subject', timing: undue('without delay') },
    ] },
  { code: 'MK', name: 'North Macedonia', law: 'Law on Personal Data Protection (Official Gazette 42/2020)', slug: 'zzlp', lastReviewed: r,
    authority: { name: 'Personal Data Protection Agency', abbreviation: 'AZLP', url: 'https://azlp.mk', notify: form('https://azlp.mk', 'breach notification form'), languages: ['mk'] },
    clock: { timeZone: 'Europe/Skopje' }, source: { name: 'AZLP: Law on Personal Data Protection', url: 'https://azlp.mk' },
    duties: [
      { recipient: 'regulator', citation: 'Law on Personal Data Protection Art. 37', gate: 'risk', threshold: 'unless unlikely to result in a risk to rights and freedoms', timing: h(72) },
      { recipient: 'individuals', citation: 'Law on Personal Data Protection Art. 38', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('without undue delay') },
    ] },
  { code: 'AL', name: 'Albania', law: 'Law No. 124/2024 on Personal Data Protection', slug: 'pdp', lastReviewed: r,
    authority: { name: 'Information and Data Protection Commissioner', abbreviation: 'IDP', url: 'https://www.idp.al', notify: form('https://www.idp.al', 'breach notification form'), languages: ['sq'] },
    clock: { timeZone: 'Europe/Tirane' }, source: { name: 'IDP: Law 124/2024', url: 'https://www.idp.al' },
    note: 'new GDPR-aligned law: verify article numbers against the official gazette',
    duties: [
      { recipient: 'regulator', citation: 'Law 124/2024 (notification of a personal data breach)', gate: 'risk', threshold: 'unless unlikely to result in a risk to rights and freedoms', timing: h(72) },
      { recipient: 'individuals', citation: 'Law 124/2024 (communication to the data subject)', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('without undue delay') },
    ] },
  { code: 'JE', name: 'Jersey', law: 'Data Protection (Jersey) Law 2018', slug: 'dpjl', lastReviewed: r,
    authority: { name: 'Jersey Office of the Information Commissioner', abbreviation: 'JOIC', url: 'https://jerseyoic.org', notify: form('https://jerseyoic.org', 'breach reporting form'), languages: ['en'] },
    clock: { timeZone: 'Europe/Jersey' }, source: { name: 'Jersey Law: Data Protection (Jersey) Law 2018', url: 'https://www.jerseylaw.je/laws/current/l_3_2018' },
    duties: [
      { recipient: 'regulator', citation: 'Data Protection (Jersey) Law 2018 Art. 20', gate: 'risk', threshold: 'unless unlikely to result in a risk to rights and freedoms', timing: h(72) },
      { recipient: 'individuals', citation: 'Data Protection (Jersey) Law 2018 Art. 21', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('without undue delay') },
    ] },
  { code: 'GG', name: 'Guernsey', law: 'Data Protection (Bailiwick of Guernsey) Law 2017', slug: 'dpgl', lastReviewed: r,
    authority: { name: 'Office of the Data Protection Authority', abbreviation: 'ODPA', url: 'https://www.odpa.gg', notify: form('https://www.odpa.gg', 'personal data breach report'), languages: ['en'] },
    clock: { timeZone: 'Europe/Guernsey' }, source: { name: 'Guernsey Legal Resources: DP Law 2017', url: 'https://www.guernseylegalresources.gg/' },
    note: 'the ODPA expects every breach reported unless it is unlikely to pose a risk; verify for low-risk cases',
    duties: [
      { recipient: 'regulator', citation: 'DP (Bailiwick of Guernsey) Law 2017 s 42', gate: 'risk', threshold: 'unless unlikely to result in a risk to the significant interests of the data subject', timing: h(72) },
      { recipient: 'individuals', citation: 'DP (Bailiwick of Guernsey) Law 2017 s 43', gate: 'high_risk', threshold: 'likely to result in a high risk to the significant interests of the data subject', timing: undue('as soon as practicable') },
    ] },
  { code: 'IM', name: 'Isle of Man', law: 'Data Protection (Application of GDPR) Order 2018', slug: 'gdpr', lastReviewed: r,
    authority: { name: 'Isle of Man Information Commissioner', url: 'https://www.inforights.im', notify: form('https://www.inforights.im', 'breach reporting form'), languages: ['en'] },
    clock: { timeZone: 'Europe/Isle_of_Man' }, source: { name: 'Isle of Man Information Commissioner: applied GDPR', url: 'https://www.inforights.im/organisations/data-protection/' },
    duties: [
      { recipient: 'regulator', citation: 'Applied GDPR Art. 33', gate: 'risk', threshold: 'unless unlikely to result in a risk to rights and freedoms', timing: h(72) },
      { recipient: 'individuals', citation: 'Applied GDPR Art. 34', gate: 'high_risk', threshold: 'likely to result in a high risk to rights and freedoms', timing: undue('without undue delay') },
    ] },
];
