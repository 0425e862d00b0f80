// ISO 3166-1 alpha-2: the 249 officially assigned country codes and English short names, and hints for the
// codes people type instead (aliases, withdrawn and reserved codes, alpha-3). Source: ISO 3166 Maintenance Agency
// (https://www.iso.org/iso-3166-country-codes.html); names as in the Unicode CLDR. Reviewed 2026-12-01.

// Packed rows read as a table.
// prettier-ignore
export const ISO_3166_COUNTRIES: Readonly<Record<string, string>> = {
  AD: 'Andorra', AE: 'United Arab Emirates', AF: 'Afghanistan', AG: 'Antigua & Barbuda', AI: 'Anguilla',
  AL: 'Albania', AM: 'Armenia', AO: 'Angola', AQ: 'Antarctica', AR: 'Argentina', AS: 'American Samoa',
  AT: 'Austria', AU: 'Australia', AW: 'Aruba', AX: 'Åland Islands', AZ: 'Azerbaijan', BA: 'Bosnia & Herzegovina',
  BB: 'Barbados', BD: 'Bangladesh', BE: 'Belgium', BF: 'Burkina Faso', BG: 'Bulgaria', BH: 'Bahrain',
  BI: 'Burundi', BJ: 'Benin', BL: 'St. Barthélemy', BM: 'Bermuda', BN: 'Brunei', BO: 'Bolivia',
  BQ: 'Caribbean Netherlands', BR: 'Brazil', BS: 'Bahamas', BT: 'Bhutan', BV: 'Bouvet Island', BW: 'Botswana',
  BY: 'Belarus', BZ: 'Belize', CA: 'Canada', CC: 'Cocos (Keeling) Islands', CD: 'Congo - Kinshasa',
  CF: 'Central African Republic', CG: 'Congo - Brazzaville', CH: 'Switzerland', CI: 'Côte d’Ivoire',
  CK: 'Cook Islands', CL: 'Chile', CM: 'Cameroon', CN: 'China', CO: 'Colombia', CR: 'Costa Rica', CU: 'Cuba',
  CV: 'Cape Verde', CW: 'Curaçao', CX: 'Christmas Island', CY: 'Cyprus', CZ: 'Czechia', DE: 'Germany',
  DJ: 'Djibouti', DK: 'Denmark', DM: 'Dominica', DO: 'Dominican Republic', DZ: 'Algeria', EC: 'Ecuador',
  EE: 'Estonia', EG: 'Egypt', EH: 'Western Sahara', ER: 'Eritrea', ES: 'Spain', ET: 'Ethiopia', FI: 'Finland',
  FJ: 'Fiji', FK: 'Falkland Islands', FM: 'Micronesia', FO: 'Faroe Islands', FR: 'France', GA: 'Gabon',
  GB: 'United Kingdom', GD: 'Grenada', GE: 'Georgia', GF: 'French Guiana', GG: 'Guernsey', GH: 'Ghana',
  GI: 'Gibraltar', GL: 'Greenland', GM: 'Gambia', GN: 'Guinea', GP: 'Guadeloupe', GQ: 'Equatorial Guinea',
  GR: 'Greece', GS: 'South Georgia & South Sandwich Islands', GT: 'Guatemala', GU: 'Guam', GW: 'Guinea-Bissau',
  GY: 'Guyana', HK: 'Hong Kong SAR China', HM: 'Heard & McDonald Islands', HN: 'Honduras', HR: 'Croatia',
  HT: 'Haiti', HU: 'Hungary', ID: 'Indonesia', IE: 'Ireland', IL: 'Israel', IM: 'Isle of Man', IN: 'India',
  IO: 'British Indian Ocean Territory', IQ: 'Iraq', IR: 'Iran', IS: 'Iceland', IT: 'Italy', JE: 'Jersey',
  JM: 'Jamaica', JO: 'Jordan', JP: 'Japan', KE: 'Kenya', KG: 'Kyrgyzstan', KH: 'Cambodia', KI: 'Kiribati',
  KM: 'Comoros', KN: 'St. Kitts & Nevis', KP: 'North Korea', KR: 'South Korea', KW: 'Kuwait', KY: 'Cayman Islands',
  KZ: 'Kazakhstan', LA: 'Laos', LB: 'Lebanon', LC: 'St. Lucia', LI: 'Liechtenstein', LK: 'Sri Lanka',
  LR: 'Liberia', LS: 'Lesotho', LT: 'Lithuania', LU: 'Luxembourg', LV: 'Latvia', LY: 'Libya', MA: 'Morocco',
  MC: 'Monaco', MD: 'Moldova', ME: 'Montenegro', MF: 'St. Martin', MG: 'Madagascar', MH: 'Marshall Islands',
  MK: 'North Macedonia', ML: 'Mali', MM: 'Myanmar (Burma)', MN: 'Mongolia', MO: 'Macao SAR China',
  MP: 'Northern Mariana Islands', MQ: 'Martinique', MR: 'Mauritania', MS: 'Montserrat', MT: 'Malta',
  MU: 'Mauritius', MV: 'Maldives', MW: 'Malawi', MX: 'Mexico', MY: 'Malaysia', MZ: 'Mozambique', NA: 'Namibia',
  NC: 'New Caledonia', NE: 'Niger', NF: 'Norfolk Island', NG: 'Nigeria', NI: 'Nicaragua', NL: 'Netherlands',
  NO: 'Norway', NP: 'Nepal', NR: 'Nauru', NU: 'Niue', NZ: 'New Zealand', OM: 'Oman', PA: 'Panama', PE: 'Peru',
  PF: 'French Polynesia', PG: 'Papua New Guinea', PH: 'Philippines', PK: 'Pakistan', PL: 'Poland',
  PM: 'St. Pierre & Miquelon', PN: 'Pitcairn Islands', PR: 'Puerto Rico', PS: 'Palestinian Territories',
  PT: 'Portugal', PW: 'Palau', PY: 'Paraguay', QA: 'Qatar', RE: 'Réunion', RO: 'Romania', RS: 'Serbia',
  RU: 'Russia', RW: 'Rwanda', SA: 'Saudi Arabia', SB: 'Solomon Islands', SC: 'Seychelles', SD: 'Sudan',
  SE: 'Sweden', SG: 'Singapore', SH: 'St. Helena', SI: 'Slovenia', SJ: 'Svalbard & Jan Mayen', SK: 'Slovakia',
  SL: 'Sierra Leone', SM: 'San Marino', SN: 'Senegal', SO: 'Somalia', SR: 'Suriname', SS: 'South Sudan',
  ST: 'São Tomé & Príncipe', SV: 'El Salvador', SX: 'Sint Maarten', SY: 'Syria', SZ: 'Eswatini',
  TC: 'Turks & Caicos Islands', TD: 'Chad', TF: 'French Southern Territories', TG: 'Togo', TH: 'Thailand',
  TJ: 'Tajikistan', TK: 'Tokelau', TL: 'Timor-Leste', TM: 'Turkmenistan', TN: 'Tunisia', TO: 'Tonga',
  TR: 'Türkiye', TT: 'Trinidad & Tobago', TV: 'Tuvalu', TW: 'Taiwan', TZ: 'Tanzania', UA: 'Ukraine', UG: 'Uganda',
  UM: 'U.S. Outlying Islands', US: 'United States', UY: 'Uruguay', UZ: 'Uzbekistan', VA: 'Vatican City',
  VC: 'St. Vincent & Grenadines', VE: 'Venezuela', VG: 'British Virgin Islands', VI: 'U.S. Virgin Islands',
  VN: 'Vietnam', VU: 'Vanuatu', WF: 'Wallis & Futuna', WS: 'Samoa', YE: 'Yemen', YT: 'Mayotte', ZA: 'South Africa',
  ZM: 'Zambia', ZW: 'Zimbabwe',
};

/** Codes people use that ISO 3166-1 does not assign (or no longer does), with the code they most likely mean. */
export const COUNTRY_CODE_HINTS: Readonly<Record<string, string>> = {
  UK: 'UK is not an ISO 3166 code: did you mean GB (United Kingdom)?',
  EL: "EL is the EU's code for Greece, not ISO 3166: did you mean GR?",
  EU: 'EU is not a country: give each member state (e.g. DE, FR) with its own count',
  EZ: 'EZ (eurozone) is not a country: give each member state with its own count',
  UN: 'UN is not a country code',
  XK: 'XK (Kosovo) is a user-assigned code outside ISO 3166; counsel must advise how to record these people',
  FX: 'FX (metropolitan France) was withdrawn from ISO 3166: did you mean FR?',
  SU: 'SU (Soviet Union) was withdrawn from ISO 3166: did you mean RU or another successor state?',
  YU: 'YU (Yugoslavia) was withdrawn from ISO 3166: did you mean RS, ME, BA, HR, SI or MK?',
  CS: 'CS (Serbia and Montenegro) was withdrawn from ISO 3166: did you mean RS or ME?',
  ZR: 'ZR (Zaire) was withdrawn from ISO 3166: did you mean CD?',
  TP: 'TP (East Timor) was withdrawn from ISO 3166: did you mean TL?',
  BU: 'BU (Burma) was withdrawn from ISO 3166: did you mean MM?',
  DD: 'DD (East Germany) was withdrawn from ISO 3166: did you mean DE?',
  AN: 'AN (Netherlands Antilles) was withdrawn from ISO 3166: did you mean CW, SX or BQ?',
  AC: 'AC (Ascension Island) is reserved, not assigned: did you mean SH?',
  TA: 'TA (Tristan da Cunha) is reserved, not assigned: did you mean SH?',
  IC: 'IC (Canary Islands) is reserved, not assigned: did you mean ES?',
  EA: 'EA (Ceuta and Melilla) is reserved, not assigned: did you mean ES?',
  DG: 'DG (Diego Garcia) is reserved, not assigned: did you mean IO?',
  CP: 'CP (Clipperton Island) is reserved, not assigned: did you mean FR?',
  CQ: 'CQ (Sark) is reserved, not assigned: did you mean GG?',
  // Alpha-3 codes typed where alpha-2 is expected.
  USA: 'USA is an alpha-3 code: use US',
  GBR: 'GBR is an alpha-3 code: use GB',
  DEU: 'DEU is an alpha-3 code: use DE',
  FRA: 'FRA is an alpha-3 code: use FR',
  CAN: 'CAN is an alpha-3 code: use CA',
  AUS: 'AUS is an alpha-3 code: use AU',
  IND: 'IND is an alpha-3 code: use IN',
  CHN: 'CHN is an alpha-3 code: use CN',
  JPN: 'JPN is an alpha-3 code: use JP',
  BRA: 'BRA is an alpha-3 code: use BR',
  MEX: 'MEX is an alpha-3 code: use MX',
  ESP: 'ESP is an alpha-3 code: use ES',
  ITA: 'ITA is an alpha-3 code: use IT',
  NLD: 'NLD is an alpha-3 code: use NL',
  CHE: 'CHE is an alpha-3 code: use CH',
  IRL: 'IRL is an alpha-3 code: use IE',
};

/** ISO 3166-2 subdivisions checked one by one (elsewhere only the shape `CC-XXX` is checked). */
export const ISO_3166_2_SUBDIVISIONS: Readonly<Record<string, readonly string[]>> = {
  // 50 states, the District of Columbia and the six outlying areas (ISO 3166-2:US).
  US: [
    ...['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS'],
    ...['KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC'],
    ...['ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'],
    ...['AS', 'GU', 'MP', 'PR', 'UM', 'VI'],
  ],
  // Provinces and territories (ISO 3166-2:CA).
  CA: ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'],
};

/** Why a country code is refused, with a hint where one fits; undefined when it is a valid ISO 3166-1 code. */
export function countryCodeProblem(code: string): string | undefined {
  if (ISO_3166_COUNTRIES[code]) return undefined;
  const upper = code.toUpperCase();
  if (upper !== code && ISO_3166_COUNTRIES[upper])
    return `${code} must be upper case: did you mean ${upper}?`;
  const hint = COUNTRY_CODE_HINTS[upper];
  if (hint) return hint;
  return `${code} is not an ISO 3166-1 alpha-2 country code`;
}

/** Why a subdivision code is refused for its country, with a hint; undefined when it is acceptable. */
export function regionCodeProblem(country: string, region: string): string | undefined {
  const known = ISO_3166_2_SUBDIVISIONS[country];
  if (!known) return undefined;
  const sub = region.slice(country.length + 1);
  if (known.includes(sub)) return undefined;
  if (country === 'US') return `${region} is not a US state, DC or territory (ISO 3166-2:US), e.g. US-CA`;
  return `${region} is not an ISO 3166-2:${country} subdivision (known: ${known.join(', ')})`;
}
