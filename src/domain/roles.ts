// Roles in an incident and the role directory that maps people (Slack user id, email) to them.
import { z } from 'zod';

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
  onCall: z.boolean().default(false).describe('invited to every new incident channel'),
});
export type Person = z.infer<typeof personSchema>;

export const roleDirectorySchema = z.object({ people: z.array(personSchema) }).superRefine((dir, ctx) => {
  const seen = new Set<string>();
  dir.people.forEach((p, i) => {
    if (seen.has(p.id))
      ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate id "${p.id}"` });
    seen.add(p.id);
  });
});
export type RoleDirectory = z.infer<typeof roleDirectorySchema>;

export const sourceSchema = z.enum(['slack', 'cli', 'web', 'system']);
export type Source = z.infer<typeof sourceSchema>;

/** Who did something: resolved by an edge from the directory, recorded on the timeline with their roles then. */
export const actorSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  roles: z.array(roleSchema),
  source: sourceSchema,
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

/** An actor for a person; unknown people get no roles (they may read status but not act). */
export function actorFor(dir: RoleDirectory, who: string, source: Source): Actor {
  const person = findPerson(dir, who);
  if (!person) return { id: who, roles: [], source };
  return { id: person.id, name: person.name, roles: [...person.roles], source };
}

/** Who may read decrypted payloads (the codec endpoint): they reveal the PII the codec keeps out of history. */
export const PAYLOAD_READERS: readonly Role[] = ['auditor', 'legal'];
