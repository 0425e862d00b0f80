// Imports the people affected from CSV or JSONL into the encrypted recipient store. Streams the file, validates
// each row (rejects are reported with their line, never dropped), and merges duplicates by normalized email
// without holding all rows: rows go to hash-partitioned sealed temp files (throwaway key), then each partition
// is deduplicated on its own and appended, sorted by email hash, to the stored list.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { describeIssues } from '../domain/commands';
import {
  type ParsedRecipientRow,
  type RecipientListMeta,
  type RecipientRow,
  affectedGroups,
  fromStored,
  mergeRecipients,
  recipientRowSchema,
  toStored,
} from '../domain/recipient';
import type { CodecKey } from '../crypto/keyring';
import { countryLanguage } from '../domain/notice-content/languages';
import { readSealedFrames, SealedWriter } from './sealed';
import { LIST_FILE, META_FILE, META_SEAL_FILE, readListMeta, sealListMeta } from './store';

export type ImportFormat = 'csv' | 'jsonl';

export interface Reject {
  line: number;
  reason: string;
}

export interface ImportResult {
  listHash: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  total: number;
  meta: RecipientListMeta;
  /** True when an identical list was already stored. */
  existed: boolean;
  /** People whose language has no notice template, by that language: they get the fallback's notice. */
  localeFallbacks: Record<string, number>;
  /**
   * People without a usable locale who got their country's official language, by "country:locale" (EU/EEA,
   * src/domain/notice-content/languages.ts); the rest of those without one got the default.
   */
  countryLanguages: Record<string, number>;
  /** Everyone whose notice is not in the language the file named (no locale, or one without a template). */
  fallbacks: number;
  /** People without an email address: they get a printed letter. */
  withoutEmail: number;
}

export interface ImportOptions {
  input: string | Readable;
  format?: ImportFormat;
  dir: string;
  keys: CodecKey[];
  onReject?: (r: Reject) => void;
  /** Partitions of the dedupe pass: memory is about rows / partitions (default 64). */
  partitions?: number;
  /** Data categories for rows that name none (the file has no such column): the incident's. */
  defaultDataCategories?: string[];
  /**
   * The languages the notice's templates have, and the one to use for anyone else (counted in the result):
   * checked here, so a campaign never finds a language it cannot render. Without it any language is taken and
   * a reader without one gets their country's (EU/EEA) or English.
   */
  locales?: { available: string[]; fallback: string };
}

/** The file gave nobody to notify: nothing is stored. */
export class RecipientImportError extends Error {
  override name = 'RecipientImportError';
}

export function formatFor(file: string, explicit?: ImportFormat): ImportFormat {
  if (explicit) return explicit;
  return /\.jsonl?$|\.ndjson$/i.test(file) ? 'jsonl' : 'csv';
}

const HEADER_ALIASES: Record<string, string> = {
  email: 'email',
  emailaddress: 'email',
  name: 'name',
  fullname: 'name',
  locale: 'locale',
  language: 'locale',
  lang: 'locale',
  country: 'country',
  region: 'region',
  state: 'region',
  address: 'address',
  postaladdress: 'address',
  datacategories: 'dataCategories',
  categories: 'dataCategories',
  data: 'dataCategories',
};

function canonicalKey(key: string): string {
  const k = key.toLowerCase().replace(/[\s_-]/g, '');
  return HEADER_ALIASES[k] ?? key;
}

async function* rowsOf(
  input: string | Readable,
  format: ImportFormat,
  onReject: (r: Reject) => void,
): AsyncGenerator<{ line: number; value: unknown }> {
  const stream = typeof input === 'string' ? createReadStream(input) : input;
  if (format === 'jsonl') {
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line += 1;
      if (!text.trim()) continue;
      try {
        yield { line, value: JSON.parse(text) };
      } catch {
        onReject({ line, reason: 'not valid JSON' });
      }
    }
    return;
  }
  const parser = stream.pipe(
    parse({
      columns: (header: string[]) => header.map(canonicalKey),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      info: true,
    }),
  );
  // A record is reported by the line it starts on: a quoted field may span lines (an address, or a name with a
  // CR/LF that is then refused), and the parser counts the line it ends on.
  let ended = 1;
  parser.on('skip', (err: { lines?: number; message: string }) => {
    onReject({ line: err.lines ?? 0, reason: `unreadable CSV: ${err.message}` });
    ended = err.lines ?? ended;
  });
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    const first = Math.min(ended + 1, info.lines);
    ended = info.lines;
    yield { line: first, value: record };
  }
}

function keyedRow(value: unknown, defaultCategories?: string[]): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const row: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [canonicalKey(k), v]),
  );
  const given = row.dataCategories;
  if (defaultCategories?.length && (given === undefined || given === null || String(given).trim() === ''))
    row.dataCategories = defaultCategories;
  return row;
}

const emailHash = (email: string) => createHash('sha256').update(email).digest('hex');

/** A person without an email address is the same person when name, postal address and country agree. */
const letterKey = (r: ParsedRecipientRow) =>
  createHash('sha256')
    .update(
      `letter\n${r.name.toLowerCase()}\n${(r.address ?? '').toLowerCase().replace(/\s+/g, ' ')}\n${r.country}`,
    )
    .digest('hex');

export async function importRecipients(o: ImportOptions): Promise<ImportResult> {
  const partitions = o.partitions ?? 64;
  const format = formatFor(typeof o.input === 'string' ? o.input : '', o.format);
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const work = join(o.dir, `.import-${randomBytes(6).toString('hex')}`);
  mkdirSync(work, { mode: 0o700 });
  const scratch: CodecKey = { id: 'scratch', key: randomBytes(32) };
  let rejected = 0;
  const onReject = (r: Reject) => {
    rejected += 1;
    o.onReject?.(r);
  };
  const available = o.locales && new Set(o.locales.available);
  if (o.locales && !available!.has(o.locales.fallback))
    throw new RecipientImportError(`the fallback language "${o.locales.fallback}" has no notice template`);
  const localeFallbacks: Record<string, number> = {};
  const countryLanguages: Record<string, number> = {};
  let fallbacks = 0;
  let withoutEmail = 0;
  const fallback = o.locales?.fallback ?? 'en';
  /** The file's locale when there is a template for it; else the country's language; else the default. */
  const decideLocale = (row: ParsedRecipientRow): string => {
    if (row.locale && (!available || available.has(row.locale))) return row.locale;
    fallbacks += 1;
    if (row.locale) localeFallbacks[row.locale] = (localeFallbacks[row.locale] ?? 0) + 1;
    const national = countryLanguage(row.country, row.region, available);
    if (national) {
      const key = `${row.country}:${national}`;
      countryLanguages[key] = (countryLanguages[key] ?? 0) + 1;
      return national;
    }
    return fallback;
  };
  try {
    // Pass 1: validate and spread rows over partitions by the first bits of their email hash.
    const parts: SealedWriter[] = [];
    const part = (i: number) => (parts[i] ??= new SealedWriter(join(work, `part-${i}`), scratch, 64 * 1024));
    let accepted = 0;
    for await (const { line, value } of rowsOf(o.input, format, onReject)) {
      const parsed = recipientRowSchema.safeParse(keyedRow(value, o.defaultDataCategories));
      if (!parsed.success) {
        onReject({ line, reason: describeIssues(parsed.error) });
        continue;
      }
      accepted += 1;
      const row: RecipientRow = { ...parsed.data, locale: decideLocale(parsed.data) };
      if (!row.email) withoutEmail += 1;
      const hash = row.email ? emailHash(row.email) : letterKey(parsed.data);
      const p = Math.floor((parseInt(hash.slice(0, 4), 16) * partitions) / 0x10000);
      part(p).write(`${hash}\t${JSON.stringify(toStored(row))}`);
    }
    for (const w of parts) w?.close();
    if (accepted === 0) {
      throw new RecipientImportError(
        rejected > 0
          ? `nobody to notify: all ${rejected} row(s) were rejected (reasons above); nothing was stored`
          : 'nobody to notify: the file has no rows; nothing was stored',
      );
    }

    // Pass 2: one partition at a time: merge duplicates, sort by email hash, seal with the codec key.
    const out = new SealedWriter(join(work, LIST_FILE), o.keys[0]!);
    const digest = createHash('sha256');
    const places = new Map<string, number>();
    const locales: Record<string, number> = {};
    const categories = new Set<string>();
    for (let p = 0; p < partitions; p++) {
      if (!parts[p]) continue;
      const byHash = new Map<string, RecipientRow>();
      for await (const lines of readSealedFrames(join(work, `part-${p}`), [scratch])) {
        for (const l of lines) {
          const tab = l.indexOf('\t');
          const hash = l.slice(0, tab);
          const row = fromStored(JSON.parse(l.slice(tab + 1)));
          const seen = byHash.get(hash);
          byHash.set(hash, seen ? mergeRecipients(seen, row) : row);
        }
      }
      rmSync(join(work, `part-${p}`));
      for (const hash of [...byHash.keys()].sort()) {
        const row = byHash.get(hash)!;
        const line = JSON.stringify(toStored(row));
        digest.update(line + '\n');
        out.write(line);
        const place = row.region ? `${row.country}|${row.region}` : row.country;
        places.set(place, (places.get(place) ?? 0) + 1);
        locales[row.locale] = (locales[row.locale] ?? 0) + 1;
        for (const c of row.dataCategories) categories.add(c);
      }
    }
    out.close();
    const listHash = digest.digest('hex');
    const meta: RecipientListMeta = {
      listHash,
      total: out.records,
      locales,
      affected: affectedGroups(places),
      dataCategories: [...categories].sort(),
      keyId: o.keys[0]!.id,
      createdAt: new Date().toISOString(),
      frames: out.frames,
      fileId: out.fileId,
    };
    writeFileSync(join(work, META_FILE), JSON.stringify(meta, null, 1), { mode: 0o600 });
    sealListMeta(work, meta, o.keys[0]!);
    const target = join(o.dir, listHash);
    // A list stored before lists were sealed (no meta.seal) is replaced by this import.
    const existed = existsSync(join(target, META_SEAL_FILE));
    if (!existed) {
      rmSync(target, { recursive: true, force: true });
      renameSync(work, target);
    }
    return {
      listHash,
      accepted,
      rejected,
      duplicates: accepted - out.records,
      total: out.records,
      meta: existed ? readListMeta(o.dir, listHash) : meta,
      existed,
      localeFallbacks,
      countryLanguages,
      fallbacks,
      withoutEmail,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
