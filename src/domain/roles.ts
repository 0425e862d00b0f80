// Roles in an incident and the role directory that maps people (Slack user id, email) to them.
import { z } from 'zod';
import { principalSchema } from './principal';

export const roleSchema = z.enum(['commander', 'responder', 'legal', 'communications', 'auditor']);
export type Role = z.infer<typeof roleSchema>;

export const personSchema = z.object({
  id: z.string().min(1).describe('stable person id, e.g. "alice"'),
  name: z.string().min(1),
  email: z.email().optional(),
  slackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U012ABCDEF')
    .optional(),
  roles: z.array(roleSchema).min(1),
  oidc: z
    .array(
      z.object({
        issuer: z
          .url({ protocol: /^https?$/ })
          .describe('the OpenID provider, exactly as its tokens name it'),
        subject: z.string().min(1).max(300).describe("the person's `sub` at that provider"),
      }),
    )
    .optional()
    .describe('OpenID Connect identities that are this person (issuer + subject)'),
  onCall: z.boolean().default(false).describe('invited to every new incident channel'),
  service: z
    .boolean()
    .optional()
    .describe(
      "an alert source's service account: declares incidents and attaches alerts through its signed source, nothing else",
    ),
});
export type Person = z.infer<typeof personSchema>;

export const roleDirectorySchema = z.object({ people: z.array(personSchema) }).superRefine((dir, ctx) => {
  const seen = new Set<string>();
  dir.people.forEach((p, i) => {
    if (seen.has(p.id))
      ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate id "${p.id}"` });
    seen.add(p.id);
    // A service account may declare (responder) and never approve, hold, send or read restricted incidents.
    if (p.service && (p.roles.length !== 1 || p.roles[0] !== 'responder'))
      ctx.addIssue({
        code: 'custom',
        path: ['people', i, 'roles'],
        message: 'a service account has exactly the role [responder]: it may declare, never approve',
      });
    if (p.service && (p.email || p.slackUserId || p.onCall))
      ctx.addIssue({
        code: 'custom',
        path: ['people', i],
        message: 'a service account is not a person: no email, slackUserId or onCall',
      });
  });
});
export type RoleDirectory = z.infer<typeof roleDirectorySchema>;

export const sourceSchema = z.enum(['slack', 'cli', 'web', 'system', 'alerts']);
export type Source = z.infer<typeof sourceSchema>;

/** Who did something: resolved by an edge from the directory, recorded on the timeline with their roles then. */
export const actorSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  roles: z.array(roleSchema),
  source: sourceSchema,
  /**
   * How the edge authenticated them: set by the worker from the verified signed assertion (never taken from
   * the command), so the timeline records it. Absent on entries from before signed commands.
   */
  principal: principalSchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { id: 'breachplan', name: 'Breachplan', roles: [], source: 'system' };

export function findPerson(dir: RoleDirectory, idOrSlackOrEmail: string): Person | undefined {
  const key = idOrSlackOrEmail.toLowerCase();
  return dir.people.find(
    (p) =>
      p.id.toLowerCase() === key || p.slackUserId?.toLowerCase() === key || p.email?.toLowerCase() === key,
  );
}

/** What an OpenID provider vouched for in a verified ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
}

/**
 * The person an OpenID identity is: the one listing exactly that (issuer, subject), else the one whose email the
 * provider says it verified (`email_verified: true`). Never by a bare name, id or Slack id (review M1): any
 * identity could carry those.
 */
export function findPersonByOidc(dir: RoleDirectory, who: OidcIdentity): Person | undefined {
  const bySubject = dir.people.find((p) =>
    p.oidc?.some((i) => i.issuer === who.issuer && i.subject === who.subject),
  );
  if (bySubject) return bySubject;
  if (who.emailVerified !== true || !who.email) return undefined;
  const email = who.email.toLowerCase();
  const matches = dir.people.filter((p) => p.email?.toLowerCase() === email);
  // Two people with one email: neither (the directory is ambiguous, not the provider).
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * An actor for a person; unknown people get no roles (they may read status but not act), and neither does a
 * service account reached through a person's edge (a token, a proxy identity, Slack): it acts only as its
 * alert source (serviceActorFor).
 */
export function actorFor(dir: RoleDirectory, who: string, source: Source): Actor {
  const person = findPerson(dir, who);
  if (!person || person.service) return { id: person?.id ?? who, roles: [], source };
  return { id: person.id, name: person.name, roles: [...person.roles], source };
}

/** The actor of an alert source's service account, or undefined when the directory has no such account. */
export function serviceActorFor(dir: RoleDirectory, id: string): Actor | undefined {
  const account = dir.people.find((p) => p.id === id && p.service);
  return account && { id: account.id, name: account.name, roles: [...account.roles], source: 'alerts' };
}

/** Who may read decrypted payloads (the codec endpoint): they reveal the PII the codec keeps out of history. */
export const PAYLOAD_READERS: readonly Role[] = ['auditor', 'legal'];
