// Need to know: who may see an incident. One rule for every edge (API, web pages, Slack): people in the role
// directory see open incidents; a restricted one only its participants, commanders, legal and auditors.
import type { Actor, Role } from './roles';

/** Directory roles that see every incident, restricted ones too. */
export const SEE_EVERY_INCIDENT: readonly Role[] = ['commander', 'legal', 'auditor'];

/** Who may declare: commanders and responders in the role directory (everyone else may only read). */
export const DECLARERS: readonly Role[] = ['commander', 'responder'];

/** What the read rule needs to know of an incident (the view has it; a list row has part of it). */
export interface IncidentAudience {
  restricted: boolean;
  declaredBy?: string;
  reporter?: string;
  assigned: string[];
}

export function audienceOf(view: {
  facts: { restricted?: boolean; reporter: string };
  declaredBy: { id: string };
  assignments: { personId: string }[];
}): IncidentAudience {
  return {
    restricted: view.facts.restricted === true,
    declaredBy: view.declaredBy.id,
    reporter: view.facts.reporter,
    assigned: view.assignments.map((a) => a.personId),
  };
}

export function isParticipant(actor: Actor, a: IncidentAudience): boolean {
  return actor.id === a.declaredBy || actor.id === a.reporter || a.assigned.includes(actor.id);
}

/** What the edge knows of the reader beyond the incident: a member of its Slack channel takes part in it. */
export interface ReadContext {
  channelMember?: boolean;
}

/**
 * Whether `actor` (roles from the directory) may read the incident. Its participants always may (declarer,
 * reporter, people assigned in it, members of its channel); otherwise someone outside the directory sees
 * nothing, and a restricted incident only the roles that oversee every incident.
 */
export function mayRead(actor: Actor, a: IncidentAudience, ctx: ReadContext = {}): boolean {
  if (ctx.channelMember || isParticipant(actor, a)) return true;
  if (actor.roles.length === 0) return false;
  return !a.restricted || actor.roles.some((r) => SEE_EVERY_INCIDENT.includes(r));
}

/** For lists: a restricted row is shown at once to the overseeing roles, else after a look at its audience. */
export function seesEveryIncident(actor: Actor): boolean {
  return actor.roles.some((r) => SEE_EVERY_INCIDENT.includes(r));
}

export function mayDeclare(actor: Actor): boolean {
  return actor.roles.some((r) => DECLARERS.includes(r));
}
