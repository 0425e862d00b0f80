// The triage dashboard: for each incident a reader may see, its title, severity, phase in words, the next
// legal deadline and what it waits for, on whom; and per person the queue of what waits for them. Read from
// each incident's workflow (a query per row, a few at a time); a row that cannot be read says so.
import type { Client } from '@temporalio/client';
import type { IncidentView } from '../domain/incident-view';
import {
  CAMPAIGN_CONTROLLERS,
  CHANGERS,
  HOLDERS,
  PARTICIPANTS,
  SENDERS,
  effectiveRoles,
} from '../domain/incident-rules';
import type { Actor, Role, RoleDirectory } from '../domain/roles';
import { type IncidentRow, readIncident } from '../temporal/incident-reads';
import { type Step, nextLegalClock, nextSteps, phaseWords } from './console-model';
import { incidentLinks } from './incident-model';

export interface DashboardRow {
  incidentId: string;
  href: string;
  title: string;
  status: string;
  severity: string;
  phase: string;
  restricted: boolean;
  declared: string;
  deadline?: { title: string; text: string; tone: string; dueAt: number; citation?: string };
  waiting?: Step;
  more: number;
  mine: Step[];
  unreadable?: boolean;
}

const SEVERITY_RANK: Record<string, number> = { sev1: 1, sev2: 2, sev3: 3, sev4: 4 };

export const SORTS: Record<string, (a: DashboardRow, b: DashboardRow) => number> = {
  deadline: (a, b) =>
    (a.deadline?.dueAt ?? Infinity) - (b.deadline?.dueAt ?? Infinity) ||
    (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9),
  severity: (a, b) =>
    (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
    (a.deadline?.dueAt ?? Infinity) - (b.deadline?.dueAt ?? Infinity),
  declared: (a, b) => b.declared.localeCompare(a.declared),
  title: (a, b) => a.title.localeCompare(b.title),
};

const ROW_QUERY_MS = 5_000;

async function inBatches<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** What waits for this person: steps naming them (approvals to give, tasks they own, notices to record). */
export function stepsFor(steps: Step[], actor: Actor): Step[] {
  return steps.filter((s) => s.people.includes(actor.id));
}

export function dashboardRow(v: IncidentView, actor: Actor, now: number, dir?: RoleDirectory) {
  const links = incidentLinks(v.incidentId);
  const steps = nextSteps(v, dir, now, links);
  const clock = nextLegalClock(v, now);
  const urgent = steps.find((s) => s.tone === 'bad') ?? steps.find((s) => s.tone === 'warn') ?? steps[0];
  return {
    title: v.facts.title,
    status: v.status,
    severity: v.facts.severity,
    phase: v.status === 'closed' ? 'Closed' : phaseWords(v),
    deadline: clock && {
      title: clock.title,
      text: clock.text,
      tone: clock.tone,
      dueAt: clock.dueAt,
      citation: clock.citation,
    },
    waiting: urgent,
    more: Math.max(0, steps.length - 1),
    mine: stepsFor(steps, actor),
  };
}

export async function dashboardRows(
  client: Client,
  actor: Actor,
  rows: IncidentRow[],
  now: number,
  dir?: RoleDirectory,
): Promise<DashboardRow[]> {
  return inBatches(rows, 6, async (r) => {
    const base = {
      incidentId: r.incidentId,
      href: incidentLinks(r.incidentId).incident,
      restricted: r.restricted,
      declared: r.declared,
      more: 0,
      mine: [] as Step[],
    };
    try {
      // A row whose workflow does not answer soon (no worker, Temporal busy) says so; the page still comes. A
      // gRPC deadline, not a race: the query itself ends, instead of running on after the page was sent.
      const v = await client.connection.withDeadline(Date.now() + ROW_QUERY_MS, () =>
        readIncident(client, r.incidentId, actor),
      );
      return { ...base, ...dashboardRow(v, actor, now, dir) };
    } catch {
      return {
        ...base,
        title: '(could not be read just now)',
        status: r.status ?? '—',
        severity: r.severity ?? '—',
        phase: phaseWords(r.phase),
        unreadable: true,
      };
    }
  });
}

/** Which forms to show this person on this incident (the workflow still decides; these only hide the hopeless). */
export function abilities(v: IncidentView, actor: Actor) {
  const roles = effectiveRoles(actor, v.assignments);
  const any = (list: readonly Role[]) => list.some((r) => roles.has(r));
  const open = v.status === 'open';
  const directory = (list: readonly Role[]) => list.some((r) => actor.roles.includes(r));
  return {
    facts: open && any(CHANGERS),
    assign: open && roles.has('commander'),
    note: open && any(PARTICIPANTS),
    request: open && any(PARTICIPANTS),
    hold: open && any(HOLDERS),
    release: open && directory(HOLDERS),
    sent: open && any(SENDERS),
    advance: open && roles.has('commander'),
    close: open && roles.has('commander'),
    campaign: open && any(CAMPAIGN_CONTROLLERS),
    import: open && any(CHANGERS),
    tasks: open,
    taskRoles: [...roles],
  };
}
