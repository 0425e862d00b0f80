// SHA-256 as lowercase hex, for content hashes, template versions and file digests of the notice services
// (Node's crypto; workflows use src/domain/hash.ts instead).
import { createHash } from 'node:crypto';

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
