// The customer-notice sending engine, plain Node: check that what goes out is what legal approved, then send
// one batch of the encrypted list through the pooled SMTP transport, reporting progress and keeping the
// sent-ledger so that a retry after a crash resumes where it stopped and never resends an accepted notice.
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Draft } from '../domain/approval';
import type { IncidentFacts } from '../domain/incident';
import { incidentNoticeData } from '../domain/notice';
import { readerJurisdictions } from '../domain/notice-content';
import type { NoticeProfile } from '../domain/notice-profile';
import type { AffectedGroup } from '../domain/incident';
import type { BatchResult } from '../domain/campaign';
import type { DeliveryLog } from '../delivery-log';
import { fromStored, type StoredRecipient } from '../domain/recipient';
import { describeFinding } from '../domain/approval';
import { renderCustomerContent } from './draft';
import { NoticeDataError, NoticeRenderer, NoticeTemplateError } from './render';
import { BatchLedger, BatchLock, campaignTally, Entry, ledgerDir } from '../recipients/ledger';
import { SealedFileError } from '../recipients/sealed';
import { RecipientStoreError, readRecipients, readSealedListMeta } from '../recipients/store';
import type { CodecKey } from '../crypto/keyring';
import type { ActivityFailureType } from '../domain/failures';

export interface BatchSenderDeps {
  recipientsDir: string;
  keys: CodecKey[];
  mailer: Transporter;
  from: string;
  templatesDir: string;
  /** Who gives notice (company, contacts, offer): the same profile the drafts were rendered with. */
  notice?: NoticeProfile;
  /**
   * The mail provider's limit in notices per second for a campaign, whatever the number of workers: each of the
   * campaign's parallel batches sends at its share. Unset = as fast as the pool goes.
   */
  ratePerSec?: number;
  /** Notices rendered ahead per batch (default 64). */
  inFlight?: number;
  /**
   * Messages on the wire at once across the worker: the mail pool's connections (default 5). Only these can be
   * in doubt after a crash (accepted by the server, outcome not yet recorded): at most this many per crash.
   */
  connections?: number;
  /** In-batch retries of transient refusals, and the backoff before the first (doubles each time). */
  transientRetries?: number;
  transientBackoffMs?: number;
  /**
   * A person still refused transiently after (transientRetries + 1) × this many hand-overs (counted per person
   * in the ledger, so retries for other reasons use up nothing) is recorded as undeliverable (499).
   */
  giveUpAfterAttempts?: number;
  /**
   * The mail server's message store, asked before a notice a crash left in doubt is sent again: accepted →
   * recorded as sent, never resent. Without it an in-doubt notice is resent (a second copy with the same
   * Message-ID beats a person with none).
   */
  deliveryLog?: DeliveryLog;
}

export interface PrepareCampaignRequest {
  incidentId: string;
  listHash: string;
  template: string;
  facts: IncidentFacts;
  approved: Draft;
}

export interface PreparedCampaign {
  total: number;
  locales: Record<string, number>;
  versions: Record<string, string>;
  affected: AffectedGroup[];
  /** The date the notices state: the approved draft's. */
  noticeDate?: string;
}

export interface SendBatchRequest {
  incidentId: string;
  campaignId: string;
  listHash: string;
  template: string;
  versions: Record<string, string>;
  facts: IncidentFacts;
  /** The date the notices state (absent for campaigns started before notices stated one). */
  noticeDate?: string;
  from: number;
  to: number;
  /** Batches of the campaign in flight at once: this batch's share of the rate limit is 1/parallel. */
  parallel?: number;
}

/** The engine's refusal: the activity turns it into the failure of that type (src/domain/failures.ts). */
export class BatchFailure extends Error {
  override name = 'BatchFailure';
  constructor(
    readonly type: ActivityFailureType,
    message: string,
  ) {
    super(message);
  }
}

/** The batch stopped before its end because it was asked to (cancelled, paused, or superseded here). */
export class BatchStopped extends Error {
  override name = 'BatchStopped';
}

/** How the caller steers one batch: when to stop, where a previous attempt got to, and how to wait. */
export interface BatchControl {
  /** Aborts the batch (cleanly: notices on the wire settle, the ledger is synced). */
  signal?: AbortSignal;
  /** The low-water mark a previous attempt reported: sending resumes there (the ledger still decides). */
  resumeAt?: number;
  /** Called every second with the low-water mark, the position the next attempt may start from. */
  progress?: (low: number) => void;
  /** The wait between rounds of transient retries (Temporal's cancellable sleep in the activity). */
  sleep?: (ms: number) => Promise<void>;
}

const plainSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Spaces sends evenly to stay under a provider's rate; shared by every batch the worker runs. */
export class RateLimiter {
  private next = 0;
  constructor(private readonly perSec?: number) {}
  async take(): Promise<void> {
    if (!this.perSec) return;
    const now = Date.now();
    this.next = Math.max(this.next, now);
    const wait = this.next - now;
    this.next += 1000 / this.perSec;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

/** A counting semaphore: who may put a message on the wire now (also bench/notify's plain loop's gate). */
export class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/** The same notice to the same person in the same campaign always has the same Message-ID. */
export function noticeMessageId(
  incidentId: string,
  campaignId: string,
  email: string,
  domain: string,
): string {
  const person = createHash('sha256').update(email).digest('hex');
  const id = createHash('sha256')
    .update(`${incidentId}\n${campaignId}\n${person}`)
    .digest('hex')
    .slice(0, 40);
  return `<notice-${id}@${domain}>`;
}

export function smtpCode(err: unknown): number {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : 0;
}

/** One per worker: the batches it runs share its rate limiter, its wire slots and its template cache. */
export function createBatchSender(deps: BatchSenderDeps) {
  // Batches scheduled before the campaign said how many run at once share one limiter per worker.
  const workerLimiter = new RateLimiter(deps.ratePerSec);
  const wire = new Slots(deps.connections ?? 5);
  const running = new Map<string, { abort(): void; done: Promise<void> }>();
  const domain = /@([^>\s]+)>?\s*$/.exec(deps.from)?.[1] ?? 'breachplan.local';
  const renderers = new Map<string, NoticeRenderer>();
  const rendererFor = (template: string) => {
    let r = renderers.get(template);
    if (!r) renderers.set(template, (r = new NoticeRenderer(deps.templatesDir, template, deps.notice)));
    return r;
  };

  return {
    /** Refuses (BatchFailure) unless the list exists and every locale renders from the approved templates. */
    async prepare(req: PrepareCampaignRequest): Promise<PreparedCampaign> {
      let meta;
      try {
        // The sealed metadata: the count and languages the campaign is built on are the import's own.
        meta = readSealedListMeta(deps.recipientsDir, req.listHash, deps.keys);
      } catch (err) {
        if (err instanceof RecipientStoreError) throw new BatchFailure('RecipientListMissing', err.message);
        if (err instanceof SealedFileError) throw new BatchFailure('RecipientListDamaged', err.message);
        throw err;
      }
      // Rendered afresh: what is on disk now is what would be sent, every variant in every language.
      const noticeDate = req.approved.renderedAt;
      const incident = incidentNoticeData(req.incidentId, req.facts, noticeDate);
      const render = (readers?: { country: string; region?: string }[]) => {
        try {
          return renderCustomerContent(
            deps.templatesDir,
            req.template,
            incident,
            req.facts,
            deps.notice,
            readers,
          );
        } catch (err) {
          if (err instanceof NoticeTemplateError || err instanceof NoticeDataError)
            throw new BatchFailure('TemplateError', err.message);
          throw err;
        }
      };
      const content = render();
      if (content.version !== req.approved.templateVersion)
        throw new BatchFailure(
          'TemplateChanged',
          `the template ${req.approved.templateId} changed since legal approved version ${req.approved.templateVersion}: request a new approval`,
        );
      if (content.contentHash !== req.approved.contentHash)
        throw new BatchFailure(
          'TemplateChanged',
          'the notice rendered now differs from the approved draft (facts or template changed): request a new approval',
        );
      const missing = Object.keys(meta.locales).filter((l) => !(l in content.versions));
      if (missing.length)
        throw new BatchFailure(
          'TemplateError',
          `no notice template for locale ${missing.map((l) => `"${l}"`).join(', ')}`,
        );
      // Readers whose variant the draft did not cover (their jurisdiction is not among the incident's affected
      // facts) get a notice only if that variant passes the content check too.
      const unseen = new Map<string, { country: string; region?: string }>();
      for (const g of meta.affected) {
        const key = readerJurisdictions(g, req.facts.entity).join('+') || 'general';
        if (!content.compliance.variants.includes(key) && !unseen.has(key))
          unseen.set(key, g.region ? { country: g.country, region: g.region } : { country: g.country });
      }
      if (unseen.size) {
        const extra = render([...unseen.values()]);
        if (!extra.compliance.ok)
          throw new BatchFailure(
            'VariantNotApproved',
            `the list has readers under ${[...unseen.keys()].join(', ')}, not among the incident's affected facts, whose notice fails the content check (${extra.compliance.findings.map(describeFinding).join('; ')}): add them to the facts and request a new approval`,
          );
      }
      const versions = content.versions;
      return { total: meta.total, locales: meta.locales, versions, affected: meta.affected, noticeDate };
    },

    /** What a campaign's ledgers say was sent and refused (a cancelled batch reports nothing itself). */
    async tally(req: { listHash: string; campaignId: string }): Promise<{ sent: number; failed: number }> {
      // Attempts of this campaign still winding down in this worker finish first.
      for (const [key, attempt] of running) {
        if (!key.startsWith(`${req.campaignId}:`)) continue;
        attempt.abort();
        await attempt.done;
      }
      return campaignTally(deps.recipientsDir, req.listHash, req.campaignId);
    },

    /**
     * Sends notices to list positions [from, to); the ledger makes it safe to run again after any failure.
     * Throws BatchFailure (of a vocabulary type) or BatchStopped; any other error is unexpected.
     */
    async send(req: SendBatchRequest, control: BatchControl = {}): Promise<BatchResult> {
      const sleep = control.sleep ?? plainSleep;
      const renderer = rendererFor(req.template);
      for (const [locale, version] of Object.entries(req.versions)) {
        if (renderer.version(locale) !== version)
          throw new BatchFailure(
            'TemplateChanged',
            `template ${req.template}/${locale} changed during the campaign`,
          );
      }
      let incident;
      try {
        incident = NoticeRenderer.checkIncident(
          incidentNoticeData(req.incidentId, req.facts, req.noticeDate),
        );
      } catch (err) {
        throw new BatchFailure('TemplateError', (err as Error).message);
      }
      // One attempt of a batch at a time: an attempt the server gave up on (heartbeat timeout) may still be
      // running here; it is stopped, and another process's live attempt makes this one retry later.
      const key = `${req.campaignId}:${req.from}`;
      const previous = running.get(key);
      if (previous) {
        previous.abort();
        await previous.done;
      }
      const local = new AbortController();
      let finish!: () => void;
      const self = { abort: () => local.abort(), done: new Promise<void>((r) => (finish = r)) };
      running.set(key, self);
      const stopped = () => Boolean(control.signal?.aborted) || local.signal.aborted;
      const dir = ledgerDir(deps.recipientsDir, req.listHash, req.campaignId);
      let lock: BatchLock;
      try {
        lock = BatchLock.take(dir, req.from);
      } catch (err) {
        running.delete(key);
        finish();
        throw err;
      }
      const ledger = new BatchLedger(dir, req.from, req.to);
      const limiter =
        deps.ratePerSec && req.parallel ? new RateLimiter(deps.ratePerSec / req.parallel) : workerLimiter;
      const inFlight = deps.inFlight ?? 64;
      const pending = new Map<number, Promise<void>>();
      let deferred: { index: number; recipient: StoredRecipient }[] = [];
      let next = req.from;
      let fatal: unknown;
      // People this attempt let go without an outcome (stopping, or in doubt with the delivery log down): kept
      // in the reported low-water mark so that the next attempt starts at or before them.
      const unsettled = new Set<number>();
      let logDown: Error | undefined;

      const low = () => {
        let m = next;
        for (const i of pending.keys()) if (i < m) m = i;
        for (const d of deferred) if (d.index < m) m = d.index;
        for (const i of unsettled) if (i < m) m = i;
        return m;
      };
      // Progress on a timer, not in the send loop: draining a slow pool must not look like a dead worker.
      const beating = setInterval(() => {
        control.progress?.(low());
        lock.touch();
      }, 1000);

      const send = async (index: number, recipient: StoredRecipient, retry: typeof deferred) => {
        // No email address: a printed letter, laid out once the email batches are done (letter-run.ts).
        if (!recipient[0]) {
          ledger.write(index, Entry.Letter);
          return;
        }
        let notice;
        try {
          notice = renderer.renderFor(incident, fromStored(recipient));
        } catch (err) {
          if (err instanceof NoticeDataError) {
            ledger.write(index, Entry.Failed, 0);
            return;
          }
          fatal ??= err;
          return;
        }
        const messageId = noticeMessageId(req.incidentId, req.campaignId, recipient[0], domain);
        if (ledger.lastEntry(index) === Entry.Intent && deps.deliveryLog) {
          // Handed over by an attempt that died before hearing the answer: ask the server's store first.
          let accepted: boolean;
          try {
            accepted = await deps.deliveryLog.accepted(messageId);
          } catch (err) {
            logDown ??= err as Error;
            unsettled.add(index);
            return;
          }
          if (accepted) {
            ledger.write(index, Entry.Confirmed);
            return;
          }
        }
        await wire.acquire();
        try {
          await limiter.take();
          // Stopping: a message not yet handed over is simply not sent (the batch runs again later).
          if (stopped()) {
            unsettled.add(index);
            return;
          }
          ledger.write(index, Entry.Intent);
          await deps.mailer.sendMail({
            from: deps.from,
            to: { name: recipient[1], address: recipient[0] },
            subject: notice.subject,
            text: notice.text,
            html: notice.html,
            messageId,
          });
          ledger.write(index, Entry.Sent);
        } catch (err) {
          const code = smtpCode(err);
          if (code >= 500) ledger.write(index, Entry.Failed, code);
          else if (ledger.lastEntry(index) === Entry.Intent) {
            // A 4xx ends the attempt: refused, not in doubt. No code at all (connection lost, timed out) may mean
            // the server stored it and the answer was lost: the entry stays Intent, so the next try asks the
            // delivery log before sending again.
            if (code > 0) ledger.write(index, Entry.Deferred, code);
            retry.push({ index, recipient });
          } else throw err;
        } finally {
          wire.release();
        }
      };

      // A counting gate, not Promise.race over everything pending: racing 64 promises per notice left a
      // reaction on each of them every time (garbage by the million in a big campaign).
      const ahead = new Slots(inFlight);
      const run = async (index: number, recipient: StoredRecipient, retry: typeof deferred) => {
        await ahead.acquire();
        const p = send(index, recipient, retry).finally(() => {
          pending.delete(index);
          ahead.release();
        });
        pending.set(index, p);
      };

      const start = Math.min(req.to, Math.max(req.from, control.resumeAt ?? req.from));
      let damaged: SealedFileError | undefined;
      try {
        const sendRange = async (from: number, until: number) => {
          next = from;
          for await (const { index, recipient } of readRecipients(
            deps.recipientsDir,
            req.listHash,
            deps.keys,
            from,
          )) {
            if (index >= until || stopped() || fatal || logDown) break;
            next = index + 1;
            if (ledger.isDone(index)) continue;
            await run(index, recipient, deferred);
          }
          next = req.to;
          await Promise.all(pending.values());
        };
        try {
          await sendRange(start, req.to);
          // The reported low-water mark is a shortcut, the ledger is the truth: anyone before it still without
          // an outcome (an attempt that died while stopping, say) is swept up here.
          if (start > req.from && ledger.firstOpen(req.from, start) >= 0) await sendRange(req.from, start);

          // Transient refusals (4xx, lost connections): a few tries here with backoff, then the caller's
          // retry (the activity's policy) takes over; after too many attempts the person is recorded as undeliverable.
          let backoff = deps.transientBackoffMs ?? 1000;
          for (let round = 0; round < (deps.transientRetries ?? 3) && deferred.length > 0; round++) {
            if (stopped() || fatal || logDown) break;
            await sleep(backoff);
            backoff *= 2;
            const again = deferred;
            deferred = [];
            for (const d of again) await run(d.index, d.recipient, deferred);
            await Promise.all(pending.values());
          }
        } catch (err) {
          // A damaged or truncated list never reads as a shorter one: the campaign fails and says why.
          if (err instanceof SealedFileError) damaged = err;
          else throw err;
        } finally {
          await Promise.allSettled(pending.values());
          ledger.sync();
        }
        if (damaged) throw new BatchFailure('RecipientListDamaged', damaged.message);
        if (fatal) throw new BatchFailure('TemplateError', (fatal as Error).message);
        if (stopped()) throw new BatchStopped('batch cancelled');
        if (logDown) {
          throw new BatchFailure(
            'DeliveryLogUnavailable',
            `notice(s) in doubt after a crash wait for the delivery log: ${logDown.message}`,
          );
        }
        if (deferred.length > 0) {
          const limit = ((deps.transientRetries ?? 3) + 1) * (deps.giveUpAfterAttempts ?? 10);
          for (const d of deferred)
            if (ledger.handOvers(d.index) >= limit) ledger.write(d.index, Entry.Failed, 499);
          const waiting = deferred.filter((d) => !ledger.isDone(d.index)).length;
          if (waiting > 0) {
            throw new BatchFailure(
              'TransientSmtpFailure',
              `${waiting} notice(s) refused transiently; retrying the batch`,
            );
          }
        }
        // Never report a batch done while someone in it has no outcome: the retry sweeps them up.
        const open = ledger.firstOpen(req.from, req.to);
        if (open >= 0) {
          throw new BatchFailure(
            'BatchIncomplete',
            `list position ${open} has no outcome yet; retrying the batch`,
          );
        }
        return {
          from: req.from,
          to: req.to,
          sent: ledger.countSent(),
          failed: ledger.count(Entry.Failed),
          inDoubt: ledger.state.resentInDoubt,
          ...(ledger.count(Entry.Confirmed) ? { reconciled: ledger.count(Entry.Confirmed) } : {}),
          ...(ledger.count(Entry.Letter) ? { toLetter: ledger.count(Entry.Letter) } : {}),
        };
      } finally {
        clearInterval(beating);
        ledger.close();
        lock.release();
        if (running.get(key) === self) running.delete(key);
        finish();
      }
    },
  };
}
