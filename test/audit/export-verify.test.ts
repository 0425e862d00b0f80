// Export and verify offline: the round trip, and that flipping any byte — inside an entry, in the snapshot,
// in the signature — makes verify fail and name the entry or say that the signature is bad.
import { generateKeyPairSync } from 'node:crypto';
import { buildExport, serializeExport, signExport } from '../../src/audit/export';
import { checkChain, verifyExportText } from '../../src/audit/verify';
import { signerFor } from '../../src/audit/signing';
import { entryHash } from '../../src/domain/timeline';
import { sampleRecord } from './fixtures';

const key = generateKeyPairSync('ed25519');
const signer = signerFor(key.privateKey);
const { view, timeline } = sampleRecord();
const text = serializeExport(
  buildExport({ view, timeline, source: 'temporal', exportedAt: new Date('2026-11-21T00:00:00Z') }, signer),
);

/** Flips one bit of the byte at `offset`. */
function flip(s: string, offset: number): string {
  const bytes = Buffer.from(s, 'utf8');
  bytes[offset] = bytes[offset]! ^ 0x01;
  return bytes.toString('utf8');
}
const offsetOf = (needle: string, from = 0): number => {
  const i = Buffer.from(text, 'utf8').indexOf(needle, from);
  if (i < 0) throw new Error(`no ${needle}`);
  return i;
};

const entriesAt = () => offsetOf('"entries": [');

describe('timeline export and verify', () => {
  it('round-trips: a fresh export verifies, pinned to the right key', () => {
    const r = verifyExportText(text, key.publicKey);
    expect(r).toMatchObject({ ok: true, entries: 5, pinned: true, keyId: signer.keyId });
    expect(r.message).toMatch(/5 entries, chain intact/);
    // Without a pinned key nothing is verified: intact and self-consistent is all it can say.
    expect(verifyExportText(text)).toMatchObject({ ok: false, unpinned: true });
    expect(verifyExportText(text).message).toMatch(/not verified, no key was pinned/);
  });

  it('writes one entry per line, entries and signature last', () => {
    const lines = text.split('\n');
    const start = lines.indexOf('  "entries": [');
    expect(start).toBeGreaterThan(0);
    for (let i = 1; i <= 5; i++) expect(JSON.parse(lines[start + i]!.trim().replace(/,$/, '')).seq).toBe(i);
    expect(lines[start + 6]).toBe('  ],');
  });

  it.each([
    ['the summary of entry 3', () => offsetOf('HYPERLINK', entriesAt()), 3],
    ['a detail deep inside entry 4', () => offsetOf('onerror', entriesAt()), 4],
    ['the time of entry 2', () => offsetOf('"at":"2026-11-20T10:01'), 2],
    ['the actor of entry 5', () => offsetOf('"actor"', offsetOf('"seq":5')) + 9, 5],
    ['the stored hash of entry 1', () => offsetOf('"hash":"', offsetOf('"seq":1')) + 10, 1],
    ['the seq of entry 2', () => offsetOf('"seq":2') + 6, 2],
  ])('names the entry when a byte in %s flips', (_what, at, entry) => {
    const r = verifyExportText(flip(text, at()), key.publicKey);
    expect(r.ok).toBe(false);
    expect(r.entry).toBe(entry);
    expect(r.message).toMatch(new RegExp(`^entry ${entry}\\b`));
  });

  it('names the entry when a flipped byte breaks the JSON of that entry line', () => {
    const r = verifyExportText(flip(text, offsetOf('}', offsetOf('"seq":3'))), key.publicKey);
    expect(r).toMatchObject({ ok: false, entry: 3 });
    expect(r.message).toMatch(/entry 3 \(line \d+\) is not valid JSON/);
  });

  it.each([
    ['the signature value', () => offsetOf('"value": "') + 20],
    ['the end of the signature value', () => offsetOf('"value": "') + 10 + 80],
    ['the incident snapshot (facts)', () => offsetOf('leaked API key')],
    ['the export time', () => offsetOf('"exportedAt": "') + 20],
    ['the as-of state', () => offsetOf('"state"') + 20],
    ['the description of what was signed', () => offsetOf('"signed": "') + 12],
  ])('says the signature is bad when a byte in %s flips', (_what, at) => {
    const r = verifyExportText(flip(text, at()), key.publicKey);
    expect(r.ok).toBe(false);
    expect(r.entry).toBeUndefined();
    expect(r.message).toMatch(/signature is bad|not valid JSON|snapshot|chain summary/);
  });

  it('every single-byte flip anywhere in the file fails verification', () => {
    const size = Buffer.byteLength(text);
    for (let i = 0; i < size; i += 7) {
      const r = verifyExportText(flip(text, i), key.publicKey);
      if (r.ok)
        throw new Error(`a flip at byte ${i} (${JSON.stringify(text.slice(i - 10, i + 10))}) verified`);
    }
  });

  it('detects removed entries and a re-chained, re-signed forgery (by pinning the key)', () => {
    const doc = JSON.parse(text);
    doc.entries.pop();
    expect(verifyExportText(serializeExport(doc)).message).toMatch(/chain summary/);

    // A forger edits entry 3, recomputes the chain and signs with their own key.
    const forged = JSON.parse(text);
    forged.entries[2].summary = 'nothing to see';
    for (let i = 2; i < forged.entries.length; i++) {
      const e = forged.entries[i];
      e.prevHash = forged.entries[i - 1].hash;
      const { hash: _h, ...rest } = e;
      e.hash = entryHash(rest);
    }
    forged.chain.head = forged.entries[forged.entries.length - 1].hash;
    forged.incident.timelineHead = forged.chain.head;
    const { signature: _s, ...unsigned } = forged;
    const mallory = signerFor(generateKeyPairSync('ed25519').privateKey);
    const reSigned = serializeExport(signExport(unsigned, mallory));
    expect(verifyExportText(reSigned)).toMatchObject({ ok: false, unpinned: true }); // self-consistent…
    const pinned = verifyExportText(reSigned, key.publicKey); // …but not by the deployment's key
    expect(pinned.ok).toBe(false);
    expect(pinned.message).toMatch(/not by the pinned key/);
  });

  it('an as-of export holds the prefix up to the time and still verifies', () => {
    const doc = buildExport({ view, timeline, source: 'temporal', asOf: '2026-11-20T10:06:00Z' }, signer);
    expect(doc.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(doc.state).toMatchObject({ entries: 3, status: 'open' });
    expect(verifyExportText(serializeExport(doc), key.publicKey).ok).toBe(true);
  });

  it('checkChain reports the first broken link by position', () => {
    const copy = JSON.parse(JSON.stringify(timeline));
    copy[1].prevHash = '0'.repeat(64);
    expect(checkChain(copy)).toMatchObject({ entry: 2 });
    expect(checkChain(timeline)).toBeNull();
  });
});
