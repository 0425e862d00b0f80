// Authorized reads, for every edge: an incident's view for someone who may see it (else "not found", the same
// answer as for an incident that does not exist), and lists that leave out the restricted ones they may not.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import {
  type IncidentAudience,
  type ReadContext,
  audienceOf,
  mayRead,
  seesEveryIncident,
} from '../domain/access';
import { type IncidentStatus, type Severity, incidentIdFromWorkflowId } from '../domain/incident';
import type { Actor } from '../domain/roles';
import * as msg from '../../workflows/messages';
import { PHASE, RESTRICTED, SEVERITY, STATUS } from '../../workflows/search-attributes';
import { incidentHandle } from './incidents';

export const LIST_LIMIT = 200;

export interface IncidentRow {
  incidentId: string;
  status?: string;
  severity?: string;
  phase?: string;
  restricted: boolean;
  declared: string;
}

export interface IncidentFilter {
  status?: IncidentStatus;
  severity?: Severity;
  /** Only this deployment's incidents (another may share the namespace). */
  taskQueue?: string;
}

/** The incidents `reader` may see, newest first as visibility returns them, at most LIST_LIMIT. */
export async function listIncidents(
  client: Client,
  reader: Actor,
  f: IncidentFilter = {},
): Promise<IncidentRow[]> {
  if (reader.roles.length === 0) return [];
  const clauses = ['WorkflowType = "incidentWorkflow"'];
  if (f.taskQueue) clauses.push(`TaskQueue = "${f.taskQueue.replace(/"/g, '')}"`);
  if (f.status) clauses.push(`${STATUS.name} = "${f.status}"`);
  if (f.severity) clauses.push(`${SEVERITY.name} = "${f.severity}"`);
  const rows: IncidentRow[] = [];
  for await (const w of client.workflow.list({ query: clauses.join(' AND ') })) {
    const attrs = w.typedSearchAttributes;
    const row: IncidentRow = {
      incidentId: incidentIdFromWorkflowId(w.workflowId) ?? w.workflowId,
      status: attrs.get(STATUS),
      severity: attrs.get(SEVERITY),
      phase: attrs.get(PHASE),
      restricted: attrs.get(RESTRICTED) === 'true',
      declared: w.startTime.toISOString(),
    };
    if (row.restricted && !seesEveryIncident(reader) && !(await readableBy(client, row.incidentId, reader)))
      continue;
    rows.push(row);
    if (rows.length >= LIST_LIMIT) break;
  }
  return rows;
}

/** Neither "it does not exist" nor "you may not see it" is told apart: both are this. */
export class IncidentNotVisibleError extends Error {
  override name = 'IncidentNotVisibleError';
  constructor(readonly incidentId: string) {
    super(`no incident ${incidentId} (or it is not yours to see)`);
  }
}

export const isWorkflowNotFound = (err: unknown): boolean =>
  err instanceof WorkflowNotFoundError || (err as { code?: number } | undefined)?.code === 5;

/** The incident's view if `reader` may see it; IncidentNotVisibleError when it is missing or restricted. */
export async function readIncident(
  client: Client,
  incidentId: string,
  reader: Actor,
  ctx: ReadContext = {},
): Promise<msg.IncidentView> {
  let view: msg.IncidentView;
  try {
    view = await incidentHandle(client, incidentId).query(msg.getIncident);
  } catch (err) {
    if (isWorkflowNotFound(err)) throw new IncidentNotVisibleError(incidentId);
    throw err;
  }
  if (!mayRead(reader, audienceOf(view), ctx)) throw new IncidentNotVisibleError(incidentId);
  return view;
}

/** The same rule for a view read elsewhere (an archived export). */
export function assertVisible(reader: Actor, view: msg.IncidentView): void {
  if (!mayRead(reader, audienceOf(view))) throw new IncidentNotVisibleError(view.incidentId);
}

async function readableBy(client: Client, incidentId: string, reader: Actor): Promise<boolean> {
  let audience: IncidentAudience;
  try {
    audience = audienceOf(await incidentHandle(client, incidentId).query(msg.getIncident));
  } catch {
    return false; // gone or unreadable: not shown
  }
  return mayRead(reader, audience);
}
