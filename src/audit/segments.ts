// The store of sealed timeline segments: each segment's entries encrypted (AES-256-GCM) with the active key of
// the codec keyring, the key id beside it (so rotation works as for history) and the segment id bound as
// associated data, in a file named by the hash of the entries, under the
// incident's folder. Reading checks the content hash, the hash chain inside, and the chain across segments
// and into the live tail, so the whole timeline comes back as one verified chain.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { incidentIdSchema } from '../domain/incident';
import type { TimelineEntry } from '../domain/timeline';
import { type SegmentRef, chainProblem, segmentId, segmentRefOf } from '../domain/timeline-segments';
import { type CodecKey, open, seal } from '../crypto/keyring';

export class SegmentError extends Error {
  override name = 'SegmentError';
}

interface SealedFile {
  format: 'breachplan-timeline-segment/1';
  prevId: string | null;
  ref: SegmentRef;
  keyId: string;
  /** iv | ciphertext | tag, base64, of the entries' JSON; the segment id is the associated data. */
  sealed: string;
}

export class SegmentStore {
  constructor(
    readonly dir: string,
    private readonly keys: CodecKey[],
  ) {
    if (!keys[0]) throw new SegmentError('the segment store needs at least one codec key');
  }

  private folder(incidentId: string): string {
    return join(this.dir, 'segments', incidentIdSchema.parse(incidentId));
  }

  /** Seals entries; writing the same entries again yields the same ref (and rewrites the same file). */
  async write(incidentId: string, entries: TimelineEntry[], prevId: string | null): Promise<SegmentRef> {
    const ref = segmentRefOf(entries);
    const key = this.keys[0]!;
    const file: SealedFile = {
      format: 'breachplan-timeline-segment/1',
      prevId,
      ref,
      keyId: key.id,
      sealed: seal(key.key, Buffer.from(JSON.stringify(entries)), Buffer.from(ref.id)).toString('base64'),
    };
    const dir = this.folder(incidentId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${ref.id}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
    renameSync(tmp, join(dir, `${ref.id}.seg`));
    return ref;
  }

  /** The entries of one segment, checked against its ref (content hash, first prevHash, last hash). */
  async read(incidentId: string, ref: SegmentRef): Promise<TimelineEntry[]> {
    const path = join(this.folder(incidentId), `${ref.id}.seg`);
    if (!existsSync(path))
      throw new SegmentError(
        `timeline segment ${ref.id.slice(0, 12)} (entries ${ref.fromSeq}-${ref.toSeq}) is missing from ${this.dir}`,
      );
    const file = JSON.parse(readFileSync(path, 'utf8')) as SealedFile;
    const key = this.keys.find((k) => k.id === file.keyId);
    if (!key)
      throw new SegmentError(`no key "${file.keyId}" to read timeline segment ${ref.id.slice(0, 12)}`);
    let plain: Buffer;
    try {
      plain = open(key.key, Buffer.from(file.sealed, 'base64'), Buffer.from(ref.id));
    } catch {
      throw new SegmentError(
        `timeline segment ${ref.id.slice(0, 12)} failed authentication (wrong key or tampered)`,
      );
    }
    const entries = JSON.parse(plain.toString('utf8')) as TimelineEntry[];
    if (segmentId(entries) !== ref.id)
      throw new SegmentError(`timeline segment ${ref.id.slice(0, 12)} does not match its content hash`);
    const got = segmentRefOf(entries);
    if (
      got.fromSeq !== ref.fromSeq ||
      got.toSeq !== ref.toSeq ||
      got.prevHash !== ref.prevHash ||
      got.lastHash !== ref.lastHash
    )
      throw new SegmentError(`timeline segment ${ref.id.slice(0, 12)} is not the one the incident sealed`);
    return entries;
  }

  /** The whole timeline: every sealed segment, then the live tail, checked to be one chain. */
  async readAll(incidentId: string, refs: SegmentRef[], tail: TimelineEntry[]): Promise<TimelineEntry[]> {
    const problem = chainProblem(refs, tail);
    if (problem) throw new SegmentError(`the timeline of ${incidentId} is not one chain: ${problem}`);
    const out: TimelineEntry[] = [];
    for (const ref of refs) out.push(...(await this.read(incidentId, ref)));
    out.push(...tail);
    return out;
  }
}
