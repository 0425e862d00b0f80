// The campaign's sent-ledger: an append-only file per batch of a campaign, next to the list, recording by list
// position (no personal data) that a notice was handed to the SMTP server, accepted, or refused for good.
// Each entry is written before the next send; fsynced in groups. A retry reads it and skips what is done.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { listDir } from './store';

export const Entry = {
  /** About to hand the message to the server: without a later entry it is in doubt after a crash. */
  Intent: 1,
  Sent: 2,
  Failed: 3,
  /** A transient refusal: the attempt is over (not in doubt), the person still needs the notice. */
  Deferred: 4,
  /** In doubt after a crash, then found accepted in the mail server's delivery log: sent, and not resent. */
  Confirmed: 5,
  /** No email address: the person gets a printed letter (written after the email batches, letters/). */
  Letter: 6,
} as const;
export type Entry = (typeof Entry)[keyof typeof Entry];

const SIZE = 8;

export function ledgerDir(dir: string, listHash: string, campaignId: string): string {
  return join(listDir(dir, listHash), 'ledger', campaignId.replace(/[^A-Za-z0-9._-]/g, '_'));
}

export interface LedgerState {
  /** Last entry per position of the batch (0 = nothing yet). */
  last: Uint8Array;
  /** Permanent failure codes by position. */
  failures: Map<number, number>;
  /** Notices handed over again after a crash left them in doubt (intent without outcome). */
  resentInDoubt: number;
  /** Hand-overs per position (Intent entries, all attempts; saturates at 255). */
  handOvers: Uint8Array;
}

/** Sent, whether the server's answer was heard or its delivery log confirmed it afterwards. */
export const isSent = (kind: number): boolean => kind === Entry.Sent || kind === Entry.Confirmed;

function readEntries(file: string, from: number, state: LedgerState): void {
  if (!existsSync(file)) return;
  const buf = readFileSync(file);
  // A torn last entry (power loss mid-write) is ignored: the notice it spoke of is simply in doubt.
  for (let off = 0; off + SIZE <= buf.length; off += SIZE) {
    const index = buf.readUInt32BE(off);
    const kind = buf.readUInt8(off + 4);
    const code = buf.readUInt16BE(off + 6);
    const i = index - from;
    if (i < 0 || i >= state.last.length) continue;
    if (kind === Entry.Intent && state.last[i] === Entry.Intent) state.resentInDoubt += 1;
    if (kind === Entry.Intent && state.handOvers[i]! < 255) state.handOvers[i]! += 1;
    state.last[i] = kind;
    if (kind === Entry.Failed) state.failures.set(index, code);
  }
}

export class BatchLedger {
  private readonly fd: number;
  private readonly entry = Buffer.alloc(SIZE);
  private unsynced = 0;
  readonly state: LedgerState;

  constructor(
    readonly dir: string,
    readonly from: number,
    readonly to: number,
    private readonly syncEvery = 256,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${String(from).padStart(10, '0')}.ledger`);
    this.state = {
      last: new Uint8Array(to - from),
      failures: new Map(),
      resentInDoubt: 0,
      handOvers: new Uint8Array(to - from),
    };
    readEntries(file, from, this.state);
    this.fd = openSync(file, 'a', 0o600);
  }

  lastEntry(index: number): number {
    return this.state.last[index - this.from] ?? 0;
  }

  /** How many times this person's notice was handed to the server, over every attempt. */
  handOvers(index: number): number {
    return this.state.handOvers[index - this.from] ?? 0;
  }

  isDone(index: number): boolean {
    const k = this.lastEntry(index);
    return isSent(k) || k === Entry.Failed || k === Entry.Letter;
  }

  write(index: number, kind: Entry, code = 0): void {
    this.entry.writeUInt32BE(index, 0);
    this.entry.writeUInt8(kind, 4);
    this.entry.writeUInt8(0, 5);
    this.entry.writeUInt16BE(code, 6);
    // One write(2) per entry: once it returns the entry survives the process being killed.
    writeSync(this.fd, this.entry);
    if (kind === Entry.Intent && this.lastEntry(index) === Entry.Intent) this.state.resentInDoubt += 1;
    const i = index - this.from;
    if (kind === Entry.Intent && this.state.handOvers[i]! < 255) this.state.handOvers[i]! += 1;
    this.state.last[index - this.from] = kind;
    if (kind === Entry.Failed) this.state.failures.set(index, code);
    if (++this.unsynced >= this.syncEvery) this.sync();
  }

  sync(): void {
    if (this.unsynced === 0) return;
    fsyncSync(this.fd);
    this.unsynced = 0;
  }

  count(kind: Entry): number {
    let n = 0;
    for (const k of this.state.last) if (k === kind) n += 1;
    return n;
  }

  /** The first position in [from, until) with no outcome yet (-1: none). */
  firstOpen(from: number, until: number): number {
    for (let i = Math.max(from, this.from); i < Math.min(until, this.to); i++) if (!this.isDone(i)) return i;
    return -1;
  }

  countSent(): number {
    return this.count(Entry.Sent) + this.count(Entry.Confirmed);
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}

export class BatchBusyError extends Error {
  override name = 'BatchBusyError';
}

/**
 * Keeps two processes from sending the same batch at once (an attempt the server timed out may still run on
 * another worker). The holder touches the lock as it heartbeats; a lock of a dead process on this host, or one
 * not touched for a while, is taken over.
 */
export class BatchLock {
  private constructor(private readonly file: string) {}

  static take(dir: string, from: number, staleMs = 30_000): BatchLock {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${String(from).padStart(10, '0')}.lock`);
    const me = `${hostname()} ${process.pid}`;
    try {
      writeFileSync(file, me, { flag: 'wx', mode: 0o600 });
    } catch {
      const holder = readFileSync(file, 'utf8');
      const [host, pid] = holder.split(' ');
      const fresh = Date.now() - statSync(file).mtimeMs < staleMs;
      let alive = fresh;
      if (host === hostname() && holder !== me) {
        try {
          process.kill(Number(pid), 0);
        } catch {
          alive = false;
        }
      }
      if (holder !== me && alive) throw new BatchBusyError(`batch ${from} is being sent by ${holder}`);
      writeFileSync(file, me, { mode: 0o600 });
    }
    return new BatchLock(file);
  }

  touch(): void {
    const now = new Date();
    try {
      utimesSync(this.file, now, now);
    } catch {
      /* released */
    }
  }

  release(): void {
    try {
      unlinkSync(this.file);
    } catch {
      /* already gone */
    }
  }
}

/** Notices a campaign has sent and recorded as undeliverable so far, from its ledgers (exact after a cancel). */
export function campaignTally(
  dir: string,
  listHash: string,
  campaignId: string,
): { sent: number; failed: number } {
  const d = ledgerDir(dir, listHash, campaignId);
  let sent = 0;
  let failed = 0;
  if (!existsSync(d)) return { sent, failed };
  for (const name of readdirSync(d).filter((n) => n.endsWith('.ledger'))) {
    const buf = readFileSync(join(d, name));
    const last = new Map<number, number>();
    for (let off = 0; off + SIZE <= buf.length; off += SIZE)
      last.set(buf.readUInt32BE(off), buf.readUInt8(off + 4));
    for (const kind of last.values()) {
      if (isSent(kind)) sent += 1;
      else if (kind === Entry.Failed) failed += 1;
    }
  }
  return { sent, failed };
}

/** The last entry of every list position a campaign's ledgers speak of, with its code. */
export function campaignEntries(
  dir: string,
  listHash: string,
  campaignId: string,
): Map<number, { kind: number; code: number }> {
  const d = ledgerDir(dir, listHash, campaignId);
  const last = new Map<number, { kind: number; code: number }>();
  if (!existsSync(d)) return last;
  for (const name of readdirSync(d).filter((n) => n.endsWith('.ledger'))) {
    const buf = readFileSync(join(d, name));
    for (let off = 0; off + SIZE <= buf.length; off += SIZE)
      last.set(buf.readUInt32BE(off), { kind: buf.readUInt8(off + 4), code: buf.readUInt16BE(off + 6) });
  }
  return last;
}

/** Every permanent failure of a campaign: list position → SMTP code (0: the person's data was unusable). */
export function campaignFailures(dir: string, listHash: string, campaignId: string): Map<number, number> {
  const d = ledgerDir(dir, listHash, campaignId);
  const failures = new Map<number, number>();
  if (!existsSync(d)) return failures;
  for (const name of readdirSync(d).filter((n) => n.endsWith('.ledger'))) {
    const buf = readFileSync(join(d, name));
    const last = new Map<number, { kind: number; code: number }>();
    for (let off = 0; off + SIZE <= buf.length; off += SIZE)
      last.set(buf.readUInt32BE(off), { kind: buf.readUInt8(off + 4), code: buf.readUInt16BE(off + 6) });
    for (const [index, e] of last) if (e.kind === Entry.Failed) failures.set(index, e.code);
  }
  return failures;
}
