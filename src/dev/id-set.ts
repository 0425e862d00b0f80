// A compact set of message ids for counting duplicates at the mail sink: 64-bit hashes in an open-addressing
// table (16 bytes per id at the worst load), so a million ids take ~16 MiB instead of a Set of strings.
export class CompactIdSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private used = 0;

  get size(): number {
    return this.used;
  }

  /** Adds the id; false when it was already there. */
  add(id: string): boolean {
    const [h1, h2] = hashOf(id);
    if ((this.used + 1) * 2 > this.hi.length) this.grow();
    return this.insert(h1, h2);
  }

  has(id: string): boolean {
    const [h1, h2] = hashOf(id);
    const mask = this.hi.length - 1;
    for (let i = (h1 ^ h2) & mask; ; i = (i + 1) & mask) {
      if (this.hi[i] === 0 && this.lo[i] === 0) return false;
      if (this.hi[i] === h1 && this.lo[i] === h2) return true;
    }
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.hi.length - 1;
    for (let i = (h1 ^ h2) & mask; ; i = (i + 1) & mask) {
      if (this.hi[i] === 0 && this.lo[i] === 0) {
        this.hi[i] = h1;
        this.lo[i] = h2;
        this.used += 1;
        return true;
      }
      if (this.hi[i] === h1 && this.lo[i] === h2) return false;
    }
  }

  private grow(): void {
    const [hi, lo] = [this.hi, this.lo];
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.used = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i]!, lo[i]!);
  }
}

function hashOf(id: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  // 0/0 marks an empty slot.
  if (h1 === 0 && h2 === 0) h2 = 1;
  return [h1 >>> 0, h2 >>> 0];
}
