// The language a reader gets when the import names none (or one the project has no template for): the official
// language of their EU/EEA country where the project has a template, else the default. Data with sources.
// Rule for multilingual countries: the region settles it (Belgium: Flemish region and provinces → nl, Walloon →
// fr, Brussels-Capital → fr, its majority language); without a region that settles it the default applies,
// because picking one community's language for another's reader is worse than the neutral default.
import { z } from 'zod';

export const countryLanguageSchema = z.object({
  country: z.string().regex(/^[A-Z]{2}$/),
  /** Official languages in order of preference; the first the project has a template for is used. */
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  /** ISO 3166-2 regions whose language differs (multilingual countries). */
  regions: z.record(z.string(), z.string().regex(/^[a-z]{2}$/)).optional(),
  /** Multilingual with no region: no language is assumed. */
  needsRegion: z.boolean().optional(),
  source: z.string().min(1),
});
export type CountryLanguage = z.infer<typeof countryLanguageSchema>;

export const COUNTRY_LANGUAGES_REVIEWED = '2026-12-01';
const EU_LANGS =
  'Council Regulation No 1 of 15 April 1958 determining the languages to be used by the EEC, Art. 1 (as amended), with the constitution or language law of the member state';
const EEA = 'EEA Agreement, and the national constitution or language law';

const RAW: CountryLanguage[] = [
  { country: 'AT', languages: ['de'], source: `${EU_LANGS}; B-VG Art. 8(1)` },
  {
    country: 'BE',
    languages: ['nl', 'fr', 'de'],
    needsRegion: true,
    regions: {
      'BE-VLG': 'nl',
      'BE-VAN': 'nl',
      'BE-VBR': 'nl',
      'BE-VLI': 'nl',
      'BE-VOV': 'nl',
      'BE-VWV': 'nl',
      'BE-WAL': 'fr',
      'BE-WBR': 'fr',
      'BE-WHT': 'fr',
      'BE-WLG': 'fr',
      'BE-WLX': 'fr',
      'BE-WNA': 'fr',
      'BE-BRU': 'fr',
    },
    source: `${EU_LANGS}; Belgian Constitution Art. 4 (language regions)`,
  },
  { country: 'BG', languages: ['bg'], source: EU_LANGS },
  { country: 'HR', languages: ['hr'], source: EU_LANGS },
  { country: 'CY', languages: ['el', 'tr'], source: EU_LANGS },
  { country: 'CZ', languages: ['cs'], source: EU_LANGS },
  { country: 'DK', languages: ['da'], source: EU_LANGS },
  { country: 'EE', languages: ['et'], source: EU_LANGS },
  { country: 'FI', languages: ['fi', 'sv'], source: `${EU_LANGS}; Constitution of Finland s. 17` },
  { country: 'FR', languages: ['fr'], source: `${EU_LANGS}; Constitution Art. 2` },
  { country: 'DE', languages: ['de'], source: `${EU_LANGS}; VwVfG § 23(1)` },
  { country: 'GR', languages: ['el'], source: EU_LANGS },
  { country: 'HU', languages: ['hu'], source: EU_LANGS },
  { country: 'IE', languages: ['en', 'ga'], source: `${EU_LANGS}; Constitution of Ireland Art. 8` },
  { country: 'IT', languages: ['it'], source: EU_LANGS },
  { country: 'LV', languages: ['lv'], source: EU_LANGS },
  { country: 'LT', languages: ['lt'], source: EU_LANGS },
  {
    country: 'LU',
    languages: ['fr', 'de'],
    source: `${EU_LANGS}; Loi du 24 février 1984 sur le régime des langues, Art. 3 (French for the administration in writing)`,
  },
  { country: 'MT', languages: ['mt', 'en'], source: `${EU_LANGS}; Constitution of Malta Art. 5` },
  { country: 'NL', languages: ['nl'], source: `${EU_LANGS}; Algemene wet bestuursrecht Art. 2:6` },
  { country: 'PL', languages: ['pl'], source: `${EU_LANGS}; Constitution Art. 27` },
  { country: 'PT', languages: ['pt'], source: `${EU_LANGS}; Constitution Art. 11(3)` },
  { country: 'RO', languages: ['ro'], source: EU_LANGS },
  { country: 'SK', languages: ['sk'], source: EU_LANGS },
  { country: 'SI', languages: ['sl'], source: EU_LANGS },
  { country: 'ES', languages: ['es'], source: `${EU_LANGS}; Constitución Art. 3(1)` },
  { country: 'SE', languages: ['sv'], source: `${EU_LANGS}; Språklag (2009:600) § 4` },
  { country: 'IS', languages: ['is'], source: EEA },
  { country: 'LI', languages: ['de'], source: `${EEA}; Constitution of Liechtenstein Art. 6` },
  { country: 'NO', languages: ['no', 'nb', 'nn'], source: EEA },
];

export const COUNTRY_LANGUAGES: ReadonlyMap<string, CountryLanguage> = new Map(
  RAW.map((r) => [r.country, countryLanguageSchema.parse(r)]),
);

/**
 * The language a reader of this country (and region) gets, among the locales the project has (undefined: none
 * applies, use the default). Only EU/EEA countries are in the table.
 */
export function countryLanguage(
  country: string,
  region: string | undefined,
  available: ReadonlySet<string> | undefined,
): string | undefined {
  const c = COUNTRY_LANGUAGES.get(country);
  if (!c) return undefined;
  const has = (l: string) => !available || available.has(l);
  const byRegion = region ? c.regions?.[region] : undefined;
  if (byRegion) return has(byRegion) ? byRegion : undefined;
  if (c.needsRegion) return undefined;
  return c.languages.find(has);
}
