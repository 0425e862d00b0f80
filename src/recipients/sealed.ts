// A file of records encrypted at rest in independently sealed frames (AES-256-GCM, key id per frame, frame
// index bound as associated data), so a list of millions can be written and read as a stream, from any frame.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type CodecKey, open as openFrame, seal as sealFrame } from '../crypto/keyring';

const MAGIC = Buffer.from('BPSEAL1\n');

function aad(index: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(index);
  return b;
}

export class SealedWriter {
  private readonly fd: number;
  private lines: string[] = [];
  private bytes = 0;
  private frameIndex = 0;
  private position = MAGIC.length;
  private firstOfFrame = 0;
  private count = 0;
  readonly frames: { offset: number; first: number; count: number }[] = [];

  constructor(
    readonly path: string,
    private readonly key: CodecKey,
    private readonly frameBytes = 256 * 1024,
  ) {
    this.fd = openSync(path, 'wx', 0o600);
    writeSync(this.fd, MAGIC);
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
    const sealed = sealFrame(this.key.key, plain, aad(this.frameIndex));
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
 * Reads the records of a sealed file in order, starting at a frame (its byte offset and index). Yields frames
 * of lines, decrypted one at a time: memory stays at one frame whatever the size of the file. With `frames`
 * (how many the file was written with), a file that ends early is an error, not a shorter list.
 */
export async function* readSealedFrames(
  path: string,
  keys: CodecKey[],
  start: { offset: number; index: number; frames?: number } = { offset: MAGIC.length, index: 0 },
): AsyncGenerator<string[]> {
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const fh = await open(path, 'r');
  try {
    const magic = Buffer.alloc(MAGIC.length);
    await fh.read(magic, 0, MAGIC.length, 0);
    if (!magic.equals(MAGIC)) throw new SealedFileError(`${path}: not a sealed recipient file`);
    let position = start.offset;
    let index = start.index;
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
        plain = openFrame(key, frame.subarray(1 + idLen), aad(index));
      } catch {
        throw new SealedFileError(`${path}: frame ${index} failed authentication (tampered or wrong key)`);
      }
      const text = plain.toString('utf8');
      yield text.slice(0, -1).split('\n');
      position += 4 + len;
      index += 1;
    }
  } finally {
    await fh.close();
  }
}
