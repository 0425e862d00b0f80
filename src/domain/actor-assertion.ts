// The edge's signed statement of who sent a command: Ed25519 over the workflow id, the message name, a hash of
// the command, the time, a nonce, the actor (id and directory roles) and the principal that proves it. Edges
// sign it (src/crypto/edge-keys.ts, node:crypto); the worker's workflow interceptor verifies it before any
// validator runs (workflows/command-auth.ts, pure JS in the sandbox). This module is shared by both: it must
// stay deterministic and free of Node APIs.
import { z } from 'zod';
import { canonicalJson, hashCanonical } from './hash';
import { principalSchema } from './principal';
import { roleSchema } from './roles';

export const ASSERTION_VERSION = 1;
/** How far the assertion's time may be from the workflow's clock (both ways). */
export const ASSERTION_MAX_SKEW_MS = 5 * 60_000;
/** The message name of a workflow start (the incident is declared by its first command). */
export const START_MESSAGE = 'start';

export const actorAssertionSchema = z
  .object({
    v: z.literal(ASSERTION_VERSION),
    keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    workflowId: z.string().min(1).max(300),
    message: z.string().min(1).max(100),
    argsHash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.iso.datetime(),
    nonce: z.string().regex(/^[0-9a-f]{32}$/),
    actor: z.object({ id: z.string().min(1), roles: z.array(roleSchema) }),
    principal: principalSchema,
    signature: z.string().regex(/^[0-9a-f]{128}$/),
  })
  .strict();
export type ActorAssertion = z.infer<typeof actorAssertionSchema>;
export type UnsignedAssertion = Omit<ActorAssertion, 'signature'>;

/** The hash of a command as the workflow receives it (after the JSON round trip: undefined fields gone). */
export function commandHash(command: unknown): string {
  return hashCanonical(command === undefined ? null : command);
}

/** The exact text that is signed: the canonical JSON of every field but the signature. */
export function assertionSigningText(a: UnsignedAssertion): string {
  return canonicalJson({
    v: a.v,
    keyId: a.keyId,
    workflowId: a.workflowId,
    message: a.message,
    argsHash: a.argsHash,
    at: a.at,
    nonce: a.nonce,
    actor: { id: a.actor.id, roles: [...a.actor.roles].sort() },
    principal: a.principal,
  });
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The public keys of the edges the worker trusts: key id → 32-byte raw Ed25519 public key, hex. */
export type TrustedEdgeKeys = Record<string, string>;

/** The same set of roles, in any order. */
export function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((r, i) => r === y[i]);
}
