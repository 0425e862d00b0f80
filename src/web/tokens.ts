// Bearer tokens of the web edge: a YAML file maps sha256(token) → person id, so no clear token is stored
// anywhere; `breachplan operator web-token` mints a token, prints it once and appends only its hash.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Document, isSeq, parse, parseDocument } from 'yaml';
import { z } from 'zod';
import { describeIssues } from '../domain/commands';

export const tokenFileSchema = z.object({
  tokens: z
    .array(
      z.object({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the token, 64 lowercase hex characters'),
        user: z.string().min(1).describe('person id (or email) in the role directory'),
        label: z.string().optional().describe('what the token is for, e.g. "audrey laptop 2026-11"'),
      }),
    )
    .nullish()
    .transform((t) => t ?? []),
});

export class TokenFileError extends Error {
  override name = 'TokenFileError';
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes, base64url, with a prefix that secret scanners and people recognise. */
export function mintToken(): string {
  return `bpt_${randomBytes(32).toString('base64url')}`;
}

export function parseTokenFile(text: string, file: string): Map<string, string> {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (err) {
    throw new TokenFileError(`BREACHPLAN_WEB_TOKENS_FILE ${file}: not YAML (${(err as Error).message})`);
  }
  const parsed = tokenFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new TokenFileError(`BREACHPLAN_WEB_TOKENS_FILE ${file}: ${describeIssues(parsed.error)}`);
  return new Map(parsed.data.tokens.map((t) => [t.sha256, t.user]));
}

/**
 * The tokens file, re-read when it changes (a new token works, a removed one stops working, without a
 * restart). A file that no longer parses fails closed: no token is accepted until it is fixed.
 */
export class TokenStore {
  private byHash = new Map<string, string>();
  private stamp = '';
  private broken?: TokenFileError;

  constructor(readonly file: string) {
    this.refresh();
  }

  private refresh(): void {
    const stamp = existsSync(this.file)
      ? (({ mtimeMs, size, ino }) => `${mtimeMs}:${size}:${ino}`)(statSync(this.file))
      : 'absent';
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    try {
      this.byHash =
        stamp === 'absent' ? new Map() : parseTokenFile(readFileSync(this.file, 'utf8'), this.file);
      this.broken = undefined;
    } catch (err) {
      this.byHash = new Map();
      this.broken = err as TokenFileError;
    }
  }

  /** Why no token is accepted right now, if the file is broken. */
  problem(): string | undefined {
    this.refresh();
    return this.broken?.message;
  }

  /** The person a token hash belongs to, if it is (still) in the file. */
  userOfHash(hash: string): string | undefined {
    this.refresh();
    return this.byHash.get(hash);
  }

  get size(): number {
    this.refresh();
    return this.byHash.size;
  }
}

/** Mints a token for `user`, adds its hash to the file (created 0600 if absent) and returns the token. */
export function addToken(file: string, user: string, label?: string): string {
  const doc = existsSync(file)
    ? parseDocument(readFileSync(file, 'utf8'))
    : Object.assign(new Document({ tokens: [] }), {
        commentBefore: ' Breachplan web tokens: sha256(token) → person id. Clear tokens are never stored.',
      });
  if (doc.errors.length > 0)
    throw new TokenFileError(`BREACHPLAN_WEB_TOKENS_FILE ${file}: not YAML (${doc.errors[0]!.message})`);
  if (!isSeq(doc.get('tokens'))) doc.set('tokens', doc.createNode([]));
  const token = mintToken();
  doc.addIn(['tokens'], doc.createNode({ sha256: hashToken(token), user, ...(label ? { label } : {}) }));
  const text = doc.toString();
  parseTokenFile(text, file);
  // Written whole and renamed into place: the edge never reads half a file.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
  return token;
}
