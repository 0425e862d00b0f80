// An incident view for the Slack layout and activity tests, its user text hostile (JSON and mrkdwn injection).
import type { IncidentView } from '../../workflows/messages';

export const HOSTILE = 'x"}]}, {"type":"section" \\ <!channel> & <https://evil.example|click> \u2028\n\t`';

export function incidentView(overrides: Partial<IncidentView['facts']> = {}): IncidentView {
  return {
    incidentId: 'INC-20261124-7F3K5',
    status: 'open',
    declaredAt: '2026-11-24T09:30:00.000Z',
    declaredBy: { id: 'carol', name: 'Carol <Commander>', roles: ['commander'], source: 'slack' },
    facts: {
      title: HOSTILE,
      summary: HOSTILE,
      severity: 'sev1',
      reporter: 'carol',
      awareAt: '2026-11-24T09:00:00Z',
      affectedSystems: [],
      dataCategories: [],
      estimatedAffected: 0,
      affected: [],
      encrypted: false,
      keyCompromised: false,
      entity: {},
      ...overrides,
    },
    factsVersion: 1,
    factsHash: 'f'.repeat(64),
    runbook: { id: 'rb', name: 'rb', version: 1, hash: 'h' },
    phases: [{ id: 'triage', name: 'Triage', status: 'active' }],
    tasks: [
      { id: 'confirm', title: HOSTILE, owner: 'commander', phase: 'triage', status: 'open', required: true },
      {
        id: 'scope',
        title: 'Scope',
        owner: 'responder',
        phase: 'triage',
        status: 'done',
        required: true,
        completedBy: { id: 'rick', roles: ['responder'], source: 'slack' },
      },
    ],
    gates: [],
    holds: [],
    deadlines: [],
    assignments: [],
    timelineLength: 3,
    timelineHead: 'a'.repeat(64),
  } as unknown as IncidentView;
}
