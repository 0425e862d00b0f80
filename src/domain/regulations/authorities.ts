// Who receives a regulator notice, as plain data other modules read (regulator packages, locales): the
// supervisory authority of every EU/EEA state and the UK, with how to notify, languages and time zone.
// Reviewed 2026-12-01 against each authority's website and the EDPB's list of members.

export interface Authority {
  /** ISO 3166-1 alpha-2 code of the country whose authority this is. */
  country: string;
  name: string;
  /** Name in the authority's own language, where it differs. */
  localName?: string;
  abbreviation?: string;
  url: string;
  /** How a breach notice is filed. */
  notify: { channel: 'online_form' | 'portal' | 'email' | 'letter'; url: string; detail?: string };
  /** BCP 47 languages the authority accepts notices in, preferred first. */
  languages: readonly string[];
  /** IANA time zone the authority counts its deadlines in. */
  timeZone: string;
  note?: string;
}

type Row = Omit<Authority, 'notify'> & { notify?: Authority['notify'] };

const form = (url: string, detail?: string): Authority['notify'] => ({ channel: 'online_form', url, detail });

// prettier-ignore
const EEA_ROWS: readonly Row[] = [
  { country: 'AT', name: 'Austrian Data Protection Authority', localName: 'Österreichische Datenschutzbehörde', abbreviation: 'DSB', url: 'https://www.dsb.gv.at', languages: ['de'], timeZone: 'Europe/Vienna' },
  { country: 'BE', name: 'Belgian Data Protection Authority', localName: 'Autorité de protection des données / Gegevensbeschermingsautoriteit', abbreviation: 'APD/GBA', url: 'https://www.dataprotectionauthority.be', languages: ['nl', 'fr', 'de'], timeZone: 'Europe/Brussels' },
  { country: 'BG', name: 'Commission for Personal Data Protection', localName: 'Комисия за защита на личните данни', abbreviation: 'CPDP', url: 'https://www.cpdp.bg', languages: ['bg'], timeZone: 'Europe/Sofia' },
  { country: 'HR', name: 'Croatian Personal Data Protection Agency', localName: 'Agencija za zaštitu osobnih podataka', abbreviation: 'AZOP', url: 'https://azop.hr', languages: ['hr'], timeZone: 'Europe/Zagreb' },
  { country: 'CY', name: 'Commissioner for Personal Data Protection', localName: 'Επίτροπος Προστασίας Δεδομένων Προσωπικού Χαρακτήρα', url: 'https://www.dataprotection.gov.cy', languages: ['el', 'en'], timeZone: 'Asia/Nicosia' },
  { country: 'CZ', name: 'Office for Personal Data Protection', localName: 'Úřad pro ochranu osobních údajů', abbreviation: 'ÚOOÚ', url: 'https://uoou.gov.cz', languages: ['cs'], timeZone: 'Europe/Prague' },
  { country: 'DK', name: 'Danish Data Protection Agency', localName: 'Datatilsynet', url: 'https://www.datatilsynet.dk', notify: form('https://indberet.virk.dk/', 'breach form on virk.dk'), languages: ['da'], timeZone: 'Europe/Copenhagen' },
  { country: 'EE', name: 'Estonian Data Protection Inspectorate', localName: 'Andmekaitse Inspektsioon', abbreviation: 'AKI', url: 'https://www.aki.ee', languages: ['et'], timeZone: 'Europe/Tallinn' },
  { country: 'FI', name: 'Office of the Data Protection Ombudsman', localName: 'Tietosuojavaltuutetun toimisto', url: 'https://tietosuoja.fi', languages: ['fi', 'sv'], timeZone: 'Europe/Helsinki' },
  { country: 'FR', name: 'Commission nationale de l\'informatique et des libertés', abbreviation: 'CNIL', url: 'https://www.cnil.fr', notify: form('https://notifications.cnil.fr/notifications/index', 'CNIL online breach notification service'), languages: ['fr'], timeZone: 'Europe/Paris' },
  { country: 'DE', name: 'Data protection authority of the Land of establishment (BfDI for telecoms, postal services and federal bodies)', localName: 'Landesbeauftragte für den Datenschutz / Bundesbeauftragte für den Datenschutz und die Informationsfreiheit', abbreviation: 'LfD / BfDI', url: 'https://www.bfdi.bund.de', languages: ['de'], timeZone: 'Europe/Berlin', note: 'private companies notify the authority of the federal state (Land) of their establishment, e.g. BayLDA in Bavaria; the Land is not in the facts, so counsel picks it' },
  { country: 'GR', name: 'Hellenic Data Protection Authority', localName: 'Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα', abbreviation: 'HDPA', url: 'https://www.dpa.gr', languages: ['el'], timeZone: 'Europe/Athens' },
  { country: 'HU', name: 'National Authority for Data Protection and Freedom of Information', localName: 'Nemzeti Adatvédelmi és Információszabadság Hatóság', abbreviation: 'NAIH', url: 'https://naih.hu', languages: ['hu'], timeZone: 'Europe/Budapest' },
  { country: 'IE', name: 'Data Protection Commission', abbreviation: 'DPC', url: 'https://www.dataprotection.ie', notify: form('https://forms.dataprotection.ie/report-a-breach-of-personal-data', 'DPC breach notification web form'), languages: ['en', 'ga'], timeZone: 'Europe/Dublin' },
  { country: 'IT', name: 'Italian Data Protection Authority', localName: 'Garante per la protezione dei dati personali', abbreviation: 'GPDP', url: 'https://www.garanteprivacy.it', notify: form('https://servizi.gpdp.it/databreach/s/', 'Garante data breach online procedure'), languages: ['it'], timeZone: 'Europe/Rome' },
  { country: 'LV', name: 'Data State Inspectorate', localName: 'Datu valsts inspekcija', abbreviation: 'DVI', url: 'https://www.dvi.gov.lv', languages: ['lv'], timeZone: 'Europe/Riga' },
  { country: 'LT', name: 'State Data Protection Inspectorate', localName: 'Valstybinė duomenų apsaugos inspekcija', abbreviation: 'VDAI', url: 'https://vdai.lrv.lt', languages: ['lt'], timeZone: 'Europe/Vilnius' },
  { country: 'LU', name: 'National Commission for Data Protection', localName: 'Commission nationale pour la protection des données', abbreviation: 'CNPD', url: 'https://cnpd.public.lu', languages: ['fr', 'de', 'lb', 'en'], timeZone: 'Europe/Luxembourg' },
  { country: 'MT', name: 'Information and Data Protection Commissioner', abbreviation: 'IDPC', url: 'https://idpc.org.mt', languages: ['en', 'mt'], timeZone: 'Europe/Malta' },
  { country: 'NL', name: 'Dutch Data Protection Authority', localName: 'Autoriteit Persoonsgegevens', abbreviation: 'AP', url: 'https://www.autoriteitpersoonsgegevens.nl', notify: form('https://datalekken.autoriteitpersoonsgegevens.nl/', 'meldloket datalekken'), languages: ['nl'], timeZone: 'Europe/Amsterdam' },
  { country: 'PL', name: 'President of the Personal Data Protection Office', localName: 'Prezes Urzędu Ochrony Danych Osobowych', abbreviation: 'UODO', url: 'https://uodo.gov.pl', languages: ['pl'], timeZone: 'Europe/Warsaw' },
  { country: 'PT', name: 'National Data Protection Commission', localName: 'Comissão Nacional de Proteção de Dados', abbreviation: 'CNPD', url: 'https://www.cnpd.pt', languages: ['pt'], timeZone: 'Europe/Lisbon' },
  { country: 'RO', name: 'National Supervisory Authority for Personal Data Processing', localName: 'Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal', abbreviation: 'ANSPDCP', url: 'https://www.dataprotection.ro', languages: ['ro'], timeZone: 'Europe/Bucharest' },
  { country: 'SK', name: 'Office for Personal Data Protection of the Slovak Republic', localName: 'Úrad na ochranu osobných údajov Slovenskej republiky', url: 'https://dataprotection.gov.sk', languages: ['sk'], timeZone: 'Europe/Bratislava' },
  { country: 'SI', name: 'Information Commissioner of the Republic of Slovenia', localName: 'Informacijski pooblaščenec', abbreviation: 'IP', url: 'https://www.ip-rs.si', languages: ['sl'], timeZone: 'Europe/Ljubljana' },
  { country: 'ES', name: 'Spanish Data Protection Agency', localName: 'Agencia Española de Protección de Datos', abbreviation: 'AEPD', url: 'https://www.aepd.es', notify: { channel: 'portal', url: 'https://sedeaepd.gob.es/', detail: 'AEPD electronic office (sede electrónica)' }, languages: ['es'], timeZone: 'Europe/Madrid', note: 'public bodies of Catalonia and the Basque Country notify their regional authority' },
  { country: 'SE', name: 'Swedish Authority for Privacy Protection', localName: 'Integritetsskyddsmyndigheten', abbreviation: 'IMY', url: 'https://www.imy.se', notify: form('https://www.imy.se/verksamhet/rapportera-personuppgiftsincident/', 'IMY e-service'), languages: ['sv'], timeZone: 'Europe/Stockholm' },
  { country: 'IS', name: 'Icelandic Data Protection Authority', localName: 'Persónuvernd', url: 'https://www.personuvernd.is', languages: ['is', 'en'], timeZone: 'Atlantic/Reykjavik' },
  { country: 'LI', name: 'Data Protection Authority of Liechtenstein', localName: 'Datenschutzstelle', abbreviation: 'DSS', url: 'https://www.datenschutzstelle.li', languages: ['de'], timeZone: 'Europe/Vaduz' },
  { country: 'NO', name: 'Norwegian Data Protection Authority', localName: 'Datatilsynet', url: 'https://www.datatilsynet.no', notify: { channel: 'portal', url: 'https://www.altinn.no/', detail: 'breach form in Altinn' }, languages: ['nb', 'nn'], timeZone: 'Europe/Oslo' },
];

/** The supervisory authority (GDPR Art. 51) of each of the 27 EU and 3 EEA states, by country code. */
export const EEA_SUPERVISORY_AUTHORITIES: Readonly<Record<string, Authority>> = Object.fromEntries(
  EEA_ROWS.map((row) => [
    row.country,
    { ...row, notify: row.notify ?? form(row.url, "breach notification form on the authority's website") },
  ]),
);

export const UK_ICO: Authority = {
  country: 'GB',
  name: "Information Commissioner's Office",
  abbreviation: 'ICO',
  url: 'https://ico.org.uk',
  notify: form(
    'https://ico.org.uk/for-organisations/report-a-breach/',
    'ICO breach reporting form, or by phone',
  ),
  languages: ['en', 'cy'],
  timeZone: 'Europe/London',
};

/** EU member states plus the EEA states (IS, LI, NO) that apply the GDPR through the EEA Agreement. */
export const GDPR_COUNTRIES: ReadonlySet<string> = new Set(Object.keys(EEA_SUPERVISORY_AUTHORITIES));
