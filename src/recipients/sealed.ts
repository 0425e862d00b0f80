// A file of records encrypted at rest in independently sealed frames (AES-256-GCM, key id per frame), so a list
// of millions can be written and read as a stream, from any frame. Each frame's associated data binds the file's
// random id (in its header), the frame's index and the position of its first record: frames cannot be moved,
// dropped from the middle, or taken from another file. The file id and the frame count are sealed with the
// list's metadata (store.ts), so a file cut short or swapped for another list's is detected.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type CodecKey, open as openFrame, seal as sealFrame } from '../crypto/keyring';

const MAGIC = Buffer.from('BPSEAL2\n');
const FILE_ID = 16;
const HEADER = MAGIC.length + FILE_ID;

function aad(fileId: Buffer, index: number, first: number): Buffer {
  const b = Buffer.alloc(FILE_ID + 4 + 6);
  fileId.copy(b, 0);
  b.writeUInt32BE(index, FILE_ID);
  b.writeUIntBE(first, FILE_ID + 4, 6);
  return b;
}

export class SealedWriter {
  private readonly fd: number;
  private lines: string[] = [];
  private bytes = 0;
  private frameIndex = 0;
  private position = HEADER;
  private readonly id = randomBytes(FILE_ID);
  private firstOfFrame = 0;
  private count = 0;
  readonly frames: { offset: number; first: number; count: number }[] = [];

  constructor(
    readonly path: string,
    private readonly key: CodecKey,
    private readonly frameBytes = 256 * 1024,
  ) {
    this.fd = openSync(path, 'wx', 0o600);
    writeSync(this.fd, Buffer.concat([MAGIC, this.id]));
  }

  /** The file's random id (hex), bound into every frame: the list's sealed metadata names it. */
  get fileId(): string {
    return this.id.toString('hex');
  }

  /** Adds one record (a line of text without newlines). */
  write(line: string): void {
    this.lines.push(line);
    this.bytes += line.length + 1;
    this.count += 1;
    if (this.bytes >= this.frameBytes) this.seal();
  }

  private seal(): void {
    if (this.lines.length === 0) return;
    const plain = Buffer.from(this.lines.join('\n') + '\n');
    const sealed = sealFrame(this.key.key, plain, aad(this.id, this.frameIndex, this.firstOfFrame));
    const id = Buffer.from(this.key.id);
    const head = Buffer.alloc(5);
    head.writeUInt32BE(1 + id.length + sealed.length);
    head.writeUInt8(id.length, 4);
    const frame = Buffer.concat([head, id, sealed]);
    this.frames.push({ offset: this.position, first: this.firstOfFrame, count: this.lines.length });
    writeSync(this.fd, frame);
    this.position += frame.length;
    this.frameIndex += 1;
    this.firstOfFrame += this.lines.length;
    this.lines = [];
    this.bytes = 0;
  }

  get records(): number {
    return this.count;
  }

  close(): void {
    this.seal();
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

export class SealedFileError extends Error {
  override name = 'SealedFileError';
}

/**
 * Reads the records of a sealed file in order, starting at a frame (its byte offset, index and first record).
 * Yields frames of lines, decrypted one at a time: memory stays at one frame whatever the size of the file.
 * With `frames` (how many the file was written with), a file that ends early is an error, not a shorter list;
 * with `fileId`, a file written as another one is refused.
 */
export async function* readSealedFrames(
  path: string,
  keys: CodecKey[],
  start: { offset: number; index: number; first?: number; frames?: number; fileId?: string } = {
    offset: HEADER,
    index: 0,
  },
): AsyncGenerator<string[]> {
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const fh = await open(path, 'r');
  try {
    const header = Buffer.alloc(HEADER);
    await fh.read(header, 0, HEADER, 0);
    if (!header.subarray(0, MAGIC.length).equals(MAGIC))
      throw new SealedFileError(
        header.subarray(0, 6).toString('latin1') === 'BPSEAL'
          ? `${path}: written by an older version without the list binding: import the file again`
          : `${path}: not a sealed recipient file`,
      );
    const fileId = header.subarray(MAGIC.length);
    if (start.fileId !== undefined && fileId.toString('hex') !== start.fileId)
      throw new SealedFileError(`${path}: belongs to another list (swapped)`);
    let position = start.offset;
    let index = start.index;
    let first = start.first ?? 0;
    const head = Buffer.alloc(4);
    for (;;) {
      const { bytesRead } = await fh.read(head, 0, 4, position);
      if (bytesRead === 0) {
        if (start.frames !== undefined && index < start.frames)
          throw new SealedFileError(`${path}: ends after frame ${index} of ${start.frames} (truncated)`);
        return;
      }
      if (bytesRead < 4) throw new SealedFileError(`${path}: truncated frame header at ${position}`);
      const len = head.readUInt32BE(0);
      const frame = Buffer.alloc(len);
      const got = await fh.read(frame, 0, len, position + 4);
      if (got.bytesRead < len) throw new SealedFileError(`${path}: truncated frame at ${position}`);
      const idLen = frame.readUInt8(0);
      const keyId = frame.subarray(1, 1 + idLen).toString();
      const key = byId.get(keyId);
      if (!key) throw new SealedFileError(`${path}: no key "${keyId}" to decrypt it (wrong keyring?)`);
      let plain: Buffer;
      try {
        plain = openFrame(key, frame.subarray(1 + idLen), aad(fileId, index, first));
      } catch {
        throw new SealedFileError(`${path}: frame ${index} failed authentication (tampered or wrong key)`);
      }
      const lines = plain.toString('utf8').slice(0, -1).split('\n');
      yield lines;
      position += 4 + len;
      index += 1;
      first += lines.length;
    }
  } finally {
    await fh.close();
  }
}
