// Checks a timeline export offline: the file parses, every entry's hash and link to the previous one, the
// chain summary, the snapshot's head, and the Ed25519 signature (optionally against a pinned public key).
// A failure names the first entry that does not match, or says that the signature is bad.
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../domain/hash';
import { GENESIS_HASH, type TimelineEntry, entryHash } from '../domain/timeline';
import { EXPORT_FORMAT, type TimelineExport } from './export';
import { checkSignature, parsePublicKeyPem, publicKeyId } from './signing';

export interface VerifyResult {
  /** Verified: chain intact and signed by the pinned key. Never true without a pinned key. */
  ok: boolean;
  /**
   * Chain intact and the signature matches the key the export itself carries, but no key was pinned: anyone
   * can re-sign an altered timeline with a key of their own, so this proves nothing about who signed it.
   */
  unpinned?: boolean;
  /** One line: what failed (or what was checked). */
  message: string;
  /** 1-based position of the first entry that does not match, when an entry is to blame. */
  entry?: number;
  incidentId?: string;
  entries?: number;
  head?: string;
  keyId?: string;
  pinned: boolean;
  /** Per entry made by a command (a person's decision): whether and how an edge authenticated its actor. */
  decisions?: DecisionAuth[];
}

export interface DecisionAuth {
  seq: number;
  type: string;
  actorId: string;
  /** One line: "authenticated: token sha256:… via web", "unauthenticated CLI claim (--as)", "not recorded". */
  authentication: string;
  authenticated: boolean;
}

/** How the timeline says the actor of one entry was known: from the principal the worker verified. */
export function decisionAuth(e: TimelineEntry): DecisionAuth {
  const p = e.actor.principal;
  const base = { seq: e.seq, type: e.type, actorId: e.actor.id };
  if (!p) return { ...base, authenticated: false, authentication: 'not recorded (before signed commands)' };
  if (p.method === 'system' && p.subject.startsWith('cli-claim:'))
    return {
      ...base,
      authenticated: false,
      authentication: `unauthenticated CLI claim (--as ${p.personId}), signed by the ${p.edge} edge`,
    };
  const who =
    p.method === 'oidc' || p.issuer
      ? `${p.method} ${p.subject} (issuer ${p.issuer ?? '-'})`
      : `${p.method} ${p.subject}`;
  return { ...base, authenticated: true, authentication: `authenticated: ${who} via ${p.edge}` };
}

const fail = (message: string, extra: Partial<VerifyResult> = {}): VerifyResult => ({
  ok: false,
  message,
  pinned: false,
  ...extra,
});

/** When the whole file does not parse: which entry line (if any) is damaged. */
function locateDamage(text: string): VerifyResult {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === '  "entries": [');
  if (start >= 0) {
    for (let i = start + 1; i < lines.length && lines[i] !== '  ],' && lines[i] !== '  ]'; i++) {
      const line = lines[i]!.trim().replace(/,$/, '');
      try {
        JSON.parse(line);
      } catch {
        const n = i - start;
        return fail(`entry ${n} (line ${i + 1}) is not valid JSON: the export was altered or damaged`, {
          entry: n,
        });
      }
    }
  }
  return fail('the export is not valid JSON outside the timeline entries: it was altered or damaged');
}

function describe(e: TimelineEntry | undefined, n: number): string {
  if (!e || typeof e !== 'object') return `entry ${n}`;
  return `entry ${n} (seq ${String(e.seq)}, ${String(e.type)} at ${String(e.at)})`;
}

/** The first entry whose position, link or hash is wrong, with the reason. */
export function checkChain(entries: unknown[]): { entry: number; reason: string } | null {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as TimelineEntry;
    const n = i + 1;
    if (!e || typeof e !== 'object')
      return { entry: n, reason: `${describe(undefined, n)} is not an object` };
    if (e.seq !== n) return { entry: n, reason: `${describe(e, n)} has seq ${String(e.seq)}, expected ${n}` };
    if (e.prevHash !== prev)
      return {
        entry: n,
        reason: `${describe(e, n)} does not link to the entry before it (prevHash differs)`,
      };
    const { hash, ...rest } = e;
    let computed: string;
    try {
      computed = entryHash(rest);
    } catch {
      computed = '';
    }
    if (computed !== hash)
      return { entry: n, reason: `${describe(e, n)} does not match its hash: its content was altered` };
    prev = hash;
  }
  return null;
}

export function verifyExportText(text: string, pinnedPublicKey?: KeyObject): VerifyResult {
  let doc: TimelineExport;
  try {
    doc = JSON.parse(text) as TimelineExport;
  } catch {
    return locateDamage(text);
  }
  if (!doc || typeof doc !== 'object' || doc.format !== EXPORT_FORMAT)
    return fail(`not a Breachplan timeline export (format ${JSON.stringify(doc?.format)})`);
  if (!Array.isArray(doc.entries)) return fail('the export has no entries array');
  const facts = { incidentId: doc.incidentId, entries: doc.entries.length };

  const broken = checkChain(doc.entries);
  if (broken) return fail(broken.reason, { ...facts, entry: broken.entry });

  const last = doc.entries[doc.entries.length - 1];
  const head = last?.hash ?? '';
  if (doc.chain?.length !== doc.entries.length || doc.chain?.head !== head)
    return fail(
      `the chain summary (${doc.chain?.length} entries, head ${String(doc.chain?.head).slice(0, 12)}) does not match the entries (${doc.entries.length}, head ${head.slice(0, 12)}): entries were added or removed`,
      facts,
    );
  if (
    doc.asOf === null &&
    (doc.incident?.timelineHead !== head || doc.incident?.timelineLength !== doc.entries.length)
  )
    return fail(
      `the incident snapshot ends at entry ${doc.incident?.timelineLength} (${String(doc.incident?.timelineHead).slice(0, 12)}), the timeline at entry ${doc.entries.length}: entries were removed`,
      facts,
    );
  if (doc.asOf !== null) {
    const late = doc.entries.findIndex((e) => e.at > doc.asOf!);
    if (late >= 0)
      return fail(`${describe(doc.entries[late], late + 1)} is after the as-of time ${doc.asOf}`, {
        ...facts,
        entry: late + 1,
      });
  }

  const sig = doc.signature;
  if (
    !sig ||
    sig.algorithm !== 'Ed25519' ||
    sig.signed !== 'RFC8785(export - signature)' ||
    typeof sig.value !== 'string' ||
    typeof sig.publicKey !== 'string'
  )
    return fail('signature is bad: missing or malformed', facts);
  let embedded: KeyObject;
  try {
    embedded = parsePublicKeyPem(sig.publicKey, 'signature.publicKey');
  } catch (err) {
    return fail(`signature is bad: ${(err as Error).message}`, facts);
  }
  const keyId = publicKeyId(embedded);
  if (sig.keyId !== keyId)
    return fail(`signature is bad: keyId does not match the embedded public key`, facts);
  if (pinnedPublicKey && publicKeyId(pinnedPublicKey) !== keyId)
    return fail(
      `signature is by key ${keyId.slice(0, 16)}…, not by the pinned key ${publicKeyId(pinnedPublicKey).slice(0, 16)}…`,
      { ...facts, keyId },
    );
  const { signature: _omit, ...unsigned } = doc;
  if (!checkSignature(embedded, canonicalJson(unsigned), sig.value))
    return fail(
      'signature is bad: it does not match the content (the export was altered outside the timeline entries)',
      { ...facts, keyId },
    );
  return {
    ok: Boolean(pinnedPublicKey),
    unpinned: !pinnedPublicKey,
    message: `${doc.incidentId}: ${doc.entries.length} entries, chain intact (head ${head.slice(0, 16)}…), signed by Ed25519 key ${keyId.slice(0, 16)}…${pinnedPublicKey ? ' (pinned)' : ' carried by the export itself: not verified, no key was pinned (pass --public-key or set BREACHPLAN_SIGNING_PUBLIC_KEY_FILE)'}`,
    ...facts,
    head,
    keyId,
    pinned: Boolean(pinnedPublicKey),
    decisions: (doc.entries as TimelineEntry[]).filter((e) => e.actor?.source !== 'system').map(decisionAuth),
  };
}
