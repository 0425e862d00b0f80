// A hand-made incident snapshot and timeline for the offline audit tests (no server needed).
import { type TimelineEntry, appendEntry } from '../../src/domain/timeline';
import { SYSTEM_ACTOR } from '../../src/domain/roles';
import type { IncidentView } from '../../workflows/messages';
import { as, sampleFacts } from '../support/people';

export function sampleRecord(): { view: IncidentView; timeline: TimelineEntry[] } {
  const timeline: TimelineEntry[] = [];
  const t = (m: number) => new Date(Date.parse('2026-11-20T10:00:00Z') + m * 60_000).toISOString();
  const facts = sampleFacts({ title: 'Leak <script>alert("x")</script> & co' });
  appendEntry(timeline, {
    at: t(0),
    type: 'incident.declared',
    actor: as('carol'),
    summary: 'declared',
    details: { facts },
  });
  appendEntry(timeline, {
    at: t(1),
    type: 'phase.started',
    actor: SYSTEM_ACTOR,
    summary: 'Phase started: Triage',
    details: { phase: 'triage' },
  });
  appendEntry(timeline, {
    at: t(5),
    type: 'note.added',
    actor: as('rick'),
    summary: '=HYPERLINK("http://evil")',
    details: { text: '=HYPERLINK("http://evil"), "quoted"\nnext line' },
  });
  appendEntry(timeline, {
    at: t(9),
    type: 'task.completed',
    actor: as('carol'),
    summary: 'Task done',
    details: { taskId: 'confirm-incident', phase: 'triage', note: '<img src=x onerror=alert(1)>' },
  });
  appendEntry(timeline, {
    at: t(12),
    type: 'incident.closed',
    actor: as('carol'),
    summary: 'Incident closed',
    details: { reason: 'done' },
  });
  const last = timeline[timeline.length - 1]!;
  const view = {
    incidentId: 'INC-20261120-TEST1',
    status: 'closed',
    declaredAt: t(0),
    declaredBy: as('carol'),
    closedAt: t(12),
    facts,
    factsVersion: 1,
    factsHash: 'f'.repeat(64),
    runbook: {
      id: 'default-breach-plan',
      name: 'Personal data breach response',
      version: 1,
      hash: 'a'.repeat(64),
    },
    phases: [{ id: 'triage', name: 'Triage', status: 'done', startedAt: t(1), completedAt: t(12) }],
    tasks: [
      {
        id: 'confirm-incident',
        title: 'Confirm',
        owner: 'commander',
        required: true,
        phase: 'triage',
        status: 'done',
      },
    ],
    gates: [],
    holds: [],
    deadlines: [],
    assignments: [],
    timelineLength: timeline.length,
    timelineHead: last.hash,
  } as unknown as IncidentView;
  return { view, timeline };
}
