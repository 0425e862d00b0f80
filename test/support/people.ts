// A small role directory and incident facts the tests share.
import type { IncidentFactsInput } from '../../src/domain/incident';
import { actorFor, type RoleDirectory, type Source } from '../../src/domain/roles';

export const DIRECTORY: RoleDirectory = {
  people: [
    {
      id: 'carol',
      name: 'Carol Commander',
      email: 'carol@example.test',
      slackUserId: 'U0CAROL',
      roles: ['commander', 'responder'],
      onCall: true,
    },
    {
      id: 'rick',
      name: 'Rick Responder',
      email: 'rick@example.test',
      slackUserId: 'U0RICK',
      roles: ['responder'],
      onCall: true,
    },
    {
      id: 'lena',
      name: 'Lena Legal',
      email: 'lena@example.test',
      slackUserId: 'U0LENA',
      roles: ['legal'],
      onCall: false,
    },
    {
      id: 'leo',
      name: 'Leo Legal',
      email: 'leo@example.test',
      slackUserId: 'U0LEO',
      roles: ['legal'],
      onCall: false,
    },
    {
      id: 'cami',
      name: 'Cami Comms',
      email: 'cami@example.test',
      slackUserId: 'U0CAMI',
      roles: ['communications'],
      onCall: false,
    },
    {
      id: 'audrey',
      name: 'Audrey Auditor',
      email: 'audrey@example.test',
      slackUserId: 'U0AUDREY',
      roles: ['auditor'],
      onCall: false,
    },
  ],
};

export const as = (who: string, source: Source = 'cli') => actorFor(DIRECTORY, who, source);

export function sampleFacts(overrides: Partial<IncidentFactsInput> = {}): IncidentFactsInput {
  return {
    title: 'Customer database exfiltrated',
    summary: 'An attacker used a leaked API key to export the customers table.',
    severity: 'sev1',
    reporter: 'carol',
    awareAt: '2026-11-20T09:00:00Z',
    affectedSystems: ['crm-db'],
    dataCategories: ['name', 'email', 'address'],
    estimatedAffected: 1200,
    affected: [
      { country: 'DE', count: 700 },
      { country: 'US', region: 'US-CA', count: 500 },
    ],
    // What the customer notice states: with these the sample incident's draft passes the content check.
    breachStartedAt: '2026-11-18T22:00:00Z',
    contained: true,
    lawEnforcementDelay: false,
    ...overrides,
  };
}
