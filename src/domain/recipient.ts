// The people a customer notice goes to: the import row schema, the compact stored form of a recipient, how
// duplicates merge, and what a stored list holds. Pure (no I/O).
import { z } from 'zod';
import { type AffectedGroup, dataCategorySchema } from './incident';
import { countryCodeSchema } from './regulations/facts';
import { unsafeCharacters } from './text';

/** Email addresses are compared trimmed and lower-cased: that is the identity duplicates are merged on. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const categoryList = z.preprocess(
  (v) =>
    v === undefined || v === null
      ? []
      : typeof v === 'string'
        ? v
            .split(/[;|,]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
  z.array(dataCategorySchema).min(1, 'at least one data category (e.g. "email;address")'),
);

// Control characters (CR/LF, NUL, ESC, C1) and bidirectional overrides never belong in a name: a CR/LF rendered
// into a notice or a letter's address block, or a name that displays reversed, is refused at import. A postal
// address may span lines (LF), nothing else.
const CONTROLS = unsafeCharacters();
const ADDRESS_CONTROLS = unsafeCharacters('\n');
const noControls = (what: string, re = CONTROLS) =>
  [
    (v: string) => !re.test(v),
    `${what} must not contain control characters (line breaks, tabs, escapes)`,
  ] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * One row of an import file (CSV or JSONL), as people write it. A person without an email address needs a postal
 * address (they get a printed letter). A blank locale is decided by the import (the country's language).
 */
export const recipientRowSchema = z
  .object({
    email: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(...noControls('the email address'))
        .transform(normalizeEmail)
        .pipe(z.email('a valid email address'))
        .optional(),
    ),
    name: z
      .string()
      .refine(...noControls('the name'))
      .transform((v) => v.trim())
      .pipe(z.string().min(1, 'a name to address the person by').max(200)),
    locale: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}([-_][A-Za-z]{2})?$/, 'a language like "en" or "es-MX"')
        .transform((l) => l.slice(0, 2).toLowerCase())
        .optional(),
    ),
    country: z
      .string()
      .trim()
      .transform((c) => c.toUpperCase())
      .pipe(countryCodeSchema),
    region: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .transform((r) => r.toUpperCase())
        .pipe(z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'an ISO-3166-2 code like "US-CA"'))
        .optional(),
    ),
    address: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(...noControls('the address', ADDRESS_CONTROLS))
        .transform((v) => v.trim())
        .pipe(z.string().max(500))
        .optional(),
    ),
    dataCategories: categoryList,
  })
  .refine((r) => !r.region || r.region.startsWith(`${r.country}-`), {
    message: 'region must belong to country (e.g. country "US", region "US-CA")',
    path: ['region'],
  })
  .refine((r) => r.email || r.address, {
    message: 'an email address, or a postal address for a printed letter',
    path: ['email'],
  });
/** A row as parsed: the locale may still be open (the import decides it). */
export type ParsedRecipientRow = z.infer<typeof recipientRowSchema>;
/** A recipient as stored: its language decided; no email means a printed letter. */
export type RecipientRow = Omit<ParsedRecipientRow, 'locale'> & { locale: string };

/** A recipient as stored in an encrypted list: positional, so a million of them stay small. */
export type StoredRecipient = [
  /** '' for a person without one (a printed letter). */
  email: string,
  name: string,
  locale: string,
  country: string,
  region: string | null,
  address: string | null,
  dataCategories: string[],
];

export function toStored(r: RecipientRow): StoredRecipient {
  return [r.email ?? '', r.name, r.locale, r.country, r.region ?? null, r.address ?? null, r.dataCategories];
}

export function fromStored(s: StoredRecipient): RecipientRow {
  return {
    ...(s[0] ? { email: s[0] } : {}),
    name: s[1],
    locale: s[2],
    country: s[3],
    region: s[4] ?? undefined,
    address: s[5] ?? undefined,
    dataCategories: s[6] as RecipientRow['dataCategories'],
  };
}

/** Duplicates are merged: the first row's name, locale and place win; data categories are the union. */
export function mergeRecipients(first: RecipientRow, later: RecipientRow): RecipientRow {
  const categories = [...first.dataCategories];
  for (const c of later.dataCategories) if (!categories.includes(c)) categories.push(c);
  return {
    ...first,
    address: first.address ?? later.address,
    region: first.region ?? (later.country === first.country ? later.region : undefined),
    dataCategories: categories,
  };
}

/** What an import found, and what the stored list is (no personal data: counts only). */
export interface RecipientListMeta {
  listHash: string;
  total: number;
  locales: Record<string, number>;
  affected: AffectedGroup[];
  dataCategories: string[];
  keyId: string;
  createdAt: string;
  frames: { offset: number; first: number; count: number }[];
  /** The sealed file's random id, bound into each of its frames (absent in lists stored before it). */
  fileId?: string;
}

export const listHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a recipient list hash (64 hex characters)');

/** Counts per country (and region where known) in the shape the incident's facts take. */
export function affectedGroups(counts: Map<string, number>): AffectedGroup[] {
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, count]) => {
      const [country, region] = key.split('|') as [string, string | undefined];
      return region ? { country, region, count } : { country, count };
    });
}
