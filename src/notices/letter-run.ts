// The printed letters of a campaign, once its email batches are done: everyone the ledgers say has no email
// address, or whose email was refused for good, gets the approved notice as a PDF letter, batched into files
// with a manifest CSV for a print-and-mail vendor. The manifest names no one: the vendor prints the address
// that is in the PDF and needs only the file, the pages and the destination country for postage.
//
// How the approval binds a letter: the letters are laid out only if the templates are still the versions the
// campaign started with and the approved content still renders to the hash counsel approved; each letter is the
// reader's rendering of that same document (the one the email's text and HTML come from), its footer carries
// the approved content hash, and the manifest records the hash and each file's sha256.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodecKey } from '../crypto/keyring';
import type { LetterRunResult } from '../domain/campaign';
import type { IncidentFacts } from '../domain/incident';
import { incidentNoticeData } from '../domain/notice';
import { defaultNoticeProfile, type NoticeProfile } from '../domain/notice-profile';
import { fromStored } from '../domain/recipient';
import { campaignEntries, Entry } from '../recipients/ledger';
import { listDir, readRecipients } from '../recipients/store';
import { BatchFailure } from './batch-sender';
import { renderCustomerContent } from './draft';
import { LetterBatch, LetterLayoutError } from './print';
import { NoticeDataError, NoticeRenderer, NoticeTemplateError } from './render';
import { dateInWords, readerTimeZone } from './words';
import { sha256 } from './hash';

export interface LetterRunDeps {
  recipientsDir: string;
  keys: CodecKey[];
  templatesDir: string;
  notice?: NoticeProfile;
  /** Letters per PDF file (default 500). */
  lettersPerFile?: number;
}

export interface LetterRunRequest {
  incidentId: string;
  campaignId: string;
  listHash: string;
  template: string;
  versions: Record<string, string>;
  contentHash: string;
  facts: IncidentFacts;
  noticeDate?: string;
}

export const MANIFEST_FILE = 'manifest.csv';
const RESULT_FILE = 'result.json';
const MANIFEST_HEADER =
  'letter_id,file,file_sha256,first_page,pages,sheets,country,locale,channel_reason,content_hash,template_version';

const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_');

export function lettersDir(recipientsDir: string, listHash: string, campaignId: string): string {
  return join(listDir(recipientsDir, listHash), 'letters', safe(campaignId));
}

/** The same letter of the same campaign always has the same id (no personal data in it). */
export function letterId(incidentId: string, campaignId: string, index: number): string {
  return `L-${sha256(`${incidentId}\n${campaignId}\n${index}`).slice(0, 16)}`;
}

/** Lays out the campaign's letters (once: a retry finds the finished run and returns it). */
export async function runCampaignLetters(
  deps: LetterRunDeps,
  req: LetterRunRequest,
): Promise<LetterRunResult> {
  const target = lettersDir(deps.recipientsDir, req.listHash, req.campaignId);
  const relative = join(req.listHash, 'letters', safe(req.campaignId));
  if (existsSync(join(target, RESULT_FILE)))
    return JSON.parse(readFileSync(join(target, RESULT_FILE), 'utf8')) as LetterRunResult;

  const profile = deps.notice ?? defaultNoticeProfile();
  const renderer = new NoticeRenderer(deps.templatesDir, req.template, profile);
  const incident = incidentNoticeData(req.incidentId, req.facts, req.noticeDate);
  try {
    for (const [locale, version] of Object.entries(req.versions))
      if (renderer.version(locale) !== version)
        throw new BatchFailure(
          'TemplateChanged',
          `template ${req.template}/${locale} changed during the campaign`,
        );
    const content = renderCustomerContent(deps.templatesDir, req.template, incident, req.facts, profile);
    if (content.contentHash !== req.contentHash)
      throw new BatchFailure(
        'TemplateChanged',
        'the notice rendered now differs from the approved draft: no letter is printed without a new approval',
      );
  } catch (err) {
    if (err instanceof NoticeTemplateError || err instanceof NoticeDataError)
      throw new BatchFailure('TemplateError', err.message);
    throw err;
  }
  const checked = NoticeRenderer.checkIncident(incident);

  // Who gets a letter: the ledgers' last word on each person.
  const reasons = new Map<number, 'no_email' | 'bounced'>();
  let unreachable = 0;
  for (const [index, e] of campaignEntries(deps.recipientsDir, req.listHash, req.campaignId)) {
    if (e.kind === Entry.Letter) reasons.set(index, 'no_email');
    else if (e.kind === Entry.Failed && e.code > 0) reasons.set(index, 'bounced');
    else if (e.kind === Entry.Failed) unreachable += 1; // data the notice cannot be rendered from
  }

  const work = `${target}.work-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true, mode: 0o700 });
  const perFile = deps.lettersPerFile ?? 500;
  const createdAt = new Date(req.noticeDate ?? Date.now());
  const rows: string[] = [];
  let batch: LetterBatch | undefined;
  let inBatch = 0;
  let fileNo = 0;
  let pending: string[] = [];
  let printed = 0;
  let noEmail = 0;
  let bounced = 0;
  let pages = 0;
  const flush = async () => {
    if (!batch) return;
    const name = `letters-${String(fileNo).padStart(4, '0')}.pdf`;
    const bytes = await batch.end();
    writeFileSync(join(work, name), bytes, { mode: 0o600 });
    const hash = sha256(bytes);
    for (const r of pending) rows.push(r.replace('\0file\0', `${name},${hash}`));
    pending = [];
    batch = undefined;
    inBatch = 0;
  };
  if (reasons.size > 0) {
    for await (const { index, recipient } of readRecipients(deps.recipientsDir, req.listHash, deps.keys)) {
      const reason = reasons.get(index);
      if (!reason) continue;
      const person = fromStored(recipient);
      if (!person.address) {
        unreachable += 1;
        continue;
      }
      let notice;
      try {
        notice = renderer.renderFor(checked, person);
      } catch (err) {
        if (err instanceof NoticeDataError) {
          unreachable += 1;
          continue;
        }
        throw new BatchFailure('TemplateError', (err as Error).message);
      }
      if (!batch) {
        fileNo += 1;
        batch = new LetterBatch({ title: notice.document.title ?? notice.subject, createdAt });
      }
      const id = letterId(req.incidentId, req.campaignId, index);
      const zone = readerTimeZone(person.country, person.region);
      let at;
      try {
        at = batch.add({
          document: notice.document,
          locale: person.locale,
          name: person.name,
          address: person.address,
          sender: {
            name: profile.companyName,
            ...(profile.postalAddress ? { address: profile.postalAddress } : {}),
          },
          date: req.noticeDate ? dateInWords(person.locale, req.noticeDate, zone) : '',
          reference: `notice ${req.contentHash.slice(0, 12)} · ${id}`,
        });
      } catch (err) {
        if (err instanceof LetterLayoutError) {
          unreachable += 1;
          continue;
        }
        throw err;
      }
      printed += 1;
      if (reason === 'no_email') noEmail += 1;
      else bounced += 1;
      pages += at.pages;
      pending.push(
        [
          id,
          '\0file\0',
          at.firstPage,
          at.pages,
          at.sheets,
          person.country,
          person.locale,
          reason,
          req.contentHash,
          req.versions[person.locale] ?? '',
        ].join(','),
      );
      if (++inBatch >= perFile) await flush();
    }
    await flush();
  }
  const manifest = `${[MANIFEST_HEADER, ...rows].join('\n')}\n`;
  writeFileSync(join(work, MANIFEST_FILE), manifest, { mode: 0o600 });
  const result: LetterRunResult = {
    printed,
    noEmail,
    bounced,
    unreachable,
    files: fileNo,
    pages,
    manifestSha256: sha256(manifest),
    dir: relative,
  };
  writeFileSync(join(work, RESULT_FILE), JSON.stringify(result), { mode: 0o600 });
  rmSync(target, { recursive: true, force: true });
  renameSync(work, target);
  return result;
}
