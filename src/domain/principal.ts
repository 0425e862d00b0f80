// Who an authenticated command comes from: the person, how an edge knew them, and which edge. Edges build it
// after authentication; the signed actor assertion carries it to the workflow; the timeline records it.
import { z } from 'zod';
import type { Actor } from './roles';

/** How the edge authenticated the person. */
export const authMethodSchema = z.enum([
  'token', // a personal API/web token (subject: the token's id, never the token)
  'oidc', // OpenID Connect sign-in (issuer + subject)
  'proxy', // a trusted auth proxy's identity header (subject: the header value)
  'slack', // a correctly signed Slack request (subject: the Slack user id, issuer: the team id)
  'alert-source', // a signed alert webhook's service account (subject: the source id)
  'system', // Breachplan itself (timers, the worker)
]);
export type AuthMethod = z.infer<typeof authMethodSchema>;

/** The edge that authenticated and sent the command. */
export const edgeSchema = z.enum(['api', 'web', 'slack', 'cli', 'alerts', 'system']);
export type Edge = z.infer<typeof edgeSchema>;

export const principalSchema = z.object({
  /** The person's id in the role directory (or the service account's id). */
  personId: z.string().min(1).max(100),
  method: authMethodSchema,
  subject: z.string().min(1).max(300),
  issuer: z.string().max(500).optional(),
  edge: edgeSchema,
});
export type Principal = z.infer<typeof principalSchema>;

/**
 * What an edge hands to the client functions that send a command: the actor as the workflow records it (the
 * person and their roles from the directory) and the principal that proves how the edge knew them.
 */
export interface AuthenticatedActor {
  actor: Actor;
  principal: Principal;
}
