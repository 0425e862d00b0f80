// Vendor payloads as their documentation shows them: Alertmanager's webhook_config v4 body and a PagerDuty v3
// webhook (incident event); the signing each source does, as the vendors describe it.
import { createHmac } from 'node:crypto';
import { genericSignature } from '../../src/crypto/webhook-signatures';

/** Alertmanager webhook v4: one group, one firing alert (the documented shape, values changed). */
export function alertmanagerPayload(
  o: { fingerprint?: string; status?: 'firing' | 'resolved'; alertname?: string } = {},
) {
  const status = o.status ?? 'firing';
  const alertname = o.alertname ?? 'ProbeFailure';
  return {
    receiver: 'breachplan',
    status,
    alerts: [
      {
        status,
        labels: {
          alertname,
          instance: 'https://server.example.org',
          job: 'http_checks',
          severity: 'critical',
        },
        annotations: {
          description: 'Instance https://server.example.org has been down for over 5m. Job: http_checks',
          summary: `BlackBox Probe Failure: https://server.example.org`,
        },
        startsAt: '2026-11-30T13:08:45.828Z',
        endsAt: status === 'resolved' ? '2026-11-30T14:00:00.000Z' : '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1',
        fingerprint: o.fingerprint ?? '1a30ba71cca2921f',
      },
    ],
    groupLabels: { alertname },
    commonLabels: { alertname, job: 'http_checks', severity: 'critical' },
    commonAnnotations: {},
    externalURL: 'http://prometheus.example.org:9093',
    version: '4',
    groupKey: `{}/{severity="critical"}:{alertname="${alertname}"}`,
    truncatedAlerts: 0,
  };
}

/** PagerDuty v3: an incident event (`event.data` is the documented incident object). */
export function pagerdutyPayload(o: { eventId?: string; type?: string; incidentId?: string } = {}) {
  return {
    event: {
      id: o.eventId ?? '5ac64822-4adc-4fda-ade0-410becf0de4f',
      event_type: o.type ?? 'incident.triggered',
      resource_type: 'incident',
      occurred_at: '2026-11-30T18:45:22.169Z',
      agent: {
        html_url: 'https://acme.pagerduty.com/users/PLH1HKV',
        id: 'PLH1HKV',
        self: 'https://api.pagerduty.com/users/PLH1HKV',
        summary: 'Tenex Engineer',
        type: 'user_reference',
      },
      client: { name: 'PagerDuty' },
      data: {
        id: o.incidentId ?? 'PGR0VU2',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/PGR0VU2',
        html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
        number: 2,
        status: 'triggered',
        incident_key: 'd3640fbd41094207a1c11e58e46b1662',
        created_at: '2026-11-30T15:16:27Z',
        title: 'A little bump in the road',
        service: {
          html_url: 'https://acme.pagerduty.com/services/PF9KMXH',
          id: 'PF9KMXH',
          self: 'https://api.pagerduty.com/services/PF9KMXH',
          summary: 'API Service',
          type: 'service_reference',
        },
        priority: {
          html_url: 'https://acme.pagerduty.com/account/incident_priorities',
          id: 'PSO75BM',
          self: 'https://api.pagerduty.com/priorities/PSO75BM',
          summary: 'P1',
          type: 'priority_reference',
        },
        urgency: 'high',
        resolve_reason: null,
      },
    },
  };
}

/** X-PagerDuty-Signature: `v1=<hex HMAC-SHA256 of the body>` per secret, comma-separated. */
export const pagerdutySignature = (body: string, ...secrets: string[]) =>
  secrets.map((s) => `v1=${createHmac('sha256', s).update(body).digest('hex')}`).join(',');

export function genericHeaders(secret: string, body: string, at = Date.now()): Record<string, string> {
  const ts = String(Math.floor(at / 1000));
  return {
    'content-type': 'application/json',
    'x-breachplan-timestamp': ts,
    'x-breachplan-signature': genericSignature(secret, ts, body),
  };
}

export function genericAlert(o: { id: string; fingerprint: string; status?: 'firing' | 'resolved' }) {
  return {
    id: o.id,
    fingerprint: o.fingerprint,
    status: o.status ?? 'firing',
    title: 'Mass download of customer records',
    description: 'DLP rule 7 matched 40,000 rows leaving crm-db',
    labels: { rule: 'dlp-7' },
  };
}
