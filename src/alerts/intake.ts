// Alerts in: a signed delivery from a configured source becomes, per alert, a timeline entry on the open
// incident its fingerprint names, or a new incident declared in triage as the source's service account.
//
// One fingerprint, one open incident, even under a burst of concurrent deliveries: the incident id comes from
// a request key (source, fingerprint, generation), so concurrent declares start one workflow and the others
// find it started. A closed incident moves the fingerprint to the next generation. Identical alerts in flight
// in this process share one answer, and the incident refuses a repeat of a state it already recorded.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ArchiveStore } from '../audit/archive';
import {
  type AlertSource,
  type NormalizedAlert,
  alertStateKey,
  alertmanagerPayloadSchema,
  fromAlertmanager,
  fromGeneric,
  fromPagerDuty,
  genericAlertSchema,
  implicationsOf,
  pagerdutyPayloadSchema,
} from '../domain/alerts';
import type { AuthenticatedActor } from '../domain/principal';
import { type RoleDirectory, serviceActorFor } from '../domain/roles';
import type { PinnedRunbook } from '../domain/runbook';
import {
  GENERIC_SIGNATURE_HEADER,
  GENERIC_TIMESTAMP_HEADER,
  type AlertSignatureCheck,
  verifyBearer,
  verifyGeneric,
  verifyPagerDuty,
} from '../crypto/webhook-signatures';
import type { ConfiguredAlertSource } from '../integrations';
import {
  RefusedError,
  declareIncident,
  incidentHandle,
  incidentIdForRequest,
  loadRunbookFile,
  sendCommand,
} from '../temporal/incidents';
import * as msg from '../../workflows/messages';
import { ApiProblem, invalidInput } from '../api/problem';

export interface AlertIntakeOptions {
  sources: ConfiguredAlertSource[];
  directory: () => RoleDirectory;
  client: Client;
  taskQueue: string;
  /** Closed incidents' archives: a generation whose workflow is gone (retention) but archived is closed. */
  archiveDir?: string;
  logger: Logger;
}

/** What became of one alert of a delivery. */
export interface AlertOutcome {
  fingerprint: string;
  status: NormalizedAlert['status'];
  incidentId?: string;
  outcome: 'declared' | 'attached' | 'repeat' | 'ignored';
  /** The timeline entry that recorded it. */
  seq?: number;
}

export interface AlertIntake {
  /** The source's service account, or a 401 (nothing is read before the signature holds). */
  authenticate(sourceId: string, headers: IncomingHttpHeaders, raw: Buffer): AuthenticatedActor;
  /** The delivery's alerts, or a 400 naming the field. */
  parse(sourceId: string, raw: Buffer): NormalizedAlert[];
  receive(sourceId: string, who: AuthenticatedActor, alerts: NormalizedAlert[]): Promise<AlertOutcome[]>;
}

const header = (h: IncomingHttpHeaders, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export function createAlertIntake(o: AlertIntakeOptions): AlertIntake {
  const sources = new Map(o.sources.map((s) => [s.source.id, s]));
  const archive = o.archiveDir ? new ArchiveStore(o.archiveDir) : undefined;
  const runbooks = new Map<string, PinnedRunbook>();
  /** The generation of each fingerprint known to be the open (or next) one. */
  const generations = new Map<string, number>();
  const inFlight = new Map<string, Promise<AlertOutcome>>();
  const logger = o.logger.child({ edge: 'alerts' });

  const refused = (sourceId: string, why: string, reason: string): never => {
    logger.warn({ source: sourceId, reason }, 'alerts: refused');
    throw new ApiProblem(401, 'not_signed_in', why);
  };

  function check(source: ConfiguredAlertSource, h: IncomingHttpHeaders, raw: Buffer): AlertSignatureCheck {
    const secret = source.secret();
    switch (source.source.kind) {
      case 'alertmanager':
        return verifyBearer(secret, header(h, 'authorization'));
      case 'pagerduty':
        return verifyPagerDuty(secret, header(h, 'x-pagerduty-signature'), raw);
      case 'generic':
        return verifyGeneric(
          secret,
          { timestamp: header(h, GENERIC_TIMESTAMP_HEADER), signature: header(h, GENERIC_SIGNATURE_HEADER) },
          raw,
        );
    }
  }

  const runbookOf = (s: AlertSource) => {
    const key = s.runbook ?? '';
    let r = runbooks.get(key);
    if (!r) runbooks.set(key, (r = s.runbook ? loadRunbookFile(s.runbook) : loadRunbookFile()));
    return r;
  };

  type Generation = { state: 'missing' } | { state: 'open' } | { state: 'closed'; repeat: boolean };

  async function generationState(incidentId: string, alert: NormalizedAlert): Promise<Generation> {
    const handle = incidentHandle(o.client, incidentId);
    try {
      const d = await handle.describe();
      if (d.status.name === 'RUNNING') return { state: 'open' };
      // Closed: was this very alert state already recorded there (a repeat of an old episode)?
      const view = (await handle.result().catch(() => undefined)) as msg.IncidentView | undefined;
      const key = alertStateKey(alert);
      return { state: 'closed', repeat: (view?.alerts ?? []).some((a) => alertStateKey(a) === key) };
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      return archive?.has(incidentId) ? { state: 'closed', repeat: false } : { state: 'missing' };
    }
  }

  async function attach(
    source: AlertSource,
    who: AuthenticatedActor,
    incidentId: string,
    alert: NormalizedAlert,
    updateId: string,
  ): Promise<{ seq: number; repeat: boolean } | 'repeat'> {
    try {
      return await sendCommand(
        incidentHandle(o.client, incidentId),
        msg.attachAlert,
        {
          source: source.id,
          fingerprint: alert.fingerprint,
          status: alert.status,
          title: alert.title.slice(0, 200),
          ...(alert.startsAt ? { startsAt: alert.startsAt } : {}),
          ...(alert.url ? { url: alert.url.slice(0, 2000) } : {}),
        },
        { as: who, updateId },
      );
    } catch (err) {
      if (err instanceof RefusedError && err.code === 'duplicate') return 'repeat';
      throw err;
    }
  }

  async function one(source: AlertSource, who: AuthenticatedActor, alert: NormalizedAlert) {
    const base = `alert:${source.id}:${alert.fingerprint}`;
    // A source's delivery id is the update id (a redelivery is the same update); without one (Alertmanager)
    // the incident itself refuses a repeat of the state it recorded.
    const updateId = alert.deliveryId
      ? `alert:${source.id}:${sha(alert.deliveryId)}`
      : `alert:${source.id}:${randomUUID()}`;
    const done = (outcome: AlertOutcome['outcome'], incidentId?: string, seq?: number): AlertOutcome => ({
      fingerprint: alert.fingerprint,
      status: alert.status,
      outcome,
      ...(incidentId ? { incidentId } : {}),
      ...(seq !== undefined ? { seq } : {}),
    });
    for (let g = generations.get(base) ?? 0, hops = 0; hops < 1000; g++, hops++) {
      const requestKey = `${base}:${g}`;
      const incidentId = incidentIdForRequest(requestKey);
      const known = generations.get(base) === g;
      const gen: Generation = known ? { state: 'open' } : await generationState(incidentId, alert);
      if (gen.state === 'closed') {
        if (gen.repeat) return done('repeat', incidentId);
        continue;
      }
      let declared = false;
      if (gen.state === 'missing') {
        // A resolved alert never opens an incident: there is nothing open to record it on.
        if (alert.status === 'resolved') return done('ignored');
        const implied = implicationsOf(source, alert);
        const r = await declareIncident(o.client, o.taskQueue, {
          facts: {
            title: alert.title.length >= 3 ? alert.title.slice(0, 200) : `Alert: ${alert.title}`,
            summary: alert.description.slice(0, 10_000),
            severity: implied.severity,
            reporter: who.actor.id,
            awareAt: new Date().toISOString(),
            dataCategories: implied.dataCategories,
            ...(implied.restricted ? { restricted: true } : {}),
          },
          runbook: runbookOf(source),
          as: who,
          requestKey,
        });
        declared = r.created;
      }
      try {
        const r = await attach(source, who, incidentId, alert, updateId);
        generations.set(base, g);
        if (r === 'repeat' || r.repeat)
          return done(declared ? 'declared' : 'repeat', incidentId, r === 'repeat' ? undefined : r.seq);
        return done(declared ? 'declared' : 'attached', incidentId, r.seq);
      } catch (err) {
        // Closed between the look and the attach: the next generation is the open one.
        if (err instanceof RefusedError && err.code === 'closed') {
          // Look at this generation again (closed: was the alert recorded there?), then the next.
          generations.delete(base);
          g -= 1;
          continue;
        }
        throw err;
      }
    }
    throw new Error(`alerts: fingerprint ${alert.fingerprint} has too many closed incidents`);
  }

  return {
    authenticate(sourceId, headers, raw) {
      const source = sources.get(sourceId);
      if (!source)
        return refused(
          sourceId,
          `no alert source "${sourceId}" (or its signature is wrong)`,
          'unknown source',
        );
      const r = check(source, headers, raw);
      if (!r.ok)
        return refused(
          sourceId,
          r.reason === 'stale'
            ? 'the signature timestamp is more than 5 minutes from now'
            : `the request is not signed by alert source "${sourceId}" (${r.reason})`,
          r.reason,
        );
      const actor = serviceActorFor(o.directory(), source.source.serviceAccount);
      if (!actor)
        throw new ApiProblem(
          403,
          'not_authorized',
          `alert source "${sourceId}": ${source.source.serviceAccount} is not a service account in the role directory`,
        );
      return {
        actor,
        principal: { personId: actor.id, method: 'alert-source', subject: sourceId, edge: 'alerts' },
      };
    },

    parse(sourceId, raw) {
      const source = sources.get(sourceId)!.source;
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ApiProblem(400, 'unreadable_body', 'the body is not valid JSON', {
          errors: [{ field: 'body', rule: 'JSON' }],
        });
      }
      const parse = <T>(schema: z.ZodType<T>): T => {
        const r = schema.safeParse(body);
        if (!r.success) throw invalidInput('body', r.error);
        return r.data;
      };
      if (source.kind === 'alertmanager') return fromAlertmanager(parse(alertmanagerPayloadSchema));
      if (source.kind === 'pagerduty') return fromPagerDuty(parse(pagerdutyPayloadSchema));
      return fromGeneric(parse(genericAlertSchema));
    },

    async receive(sourceId, who, alerts) {
      const source = sources.get(sourceId)!.source;
      return Promise.all(
        alerts.map((alert) => {
          // Identical alerts in flight share one answer: a burst becomes one declare and one attach.
          const key = `${sourceId}|${alertStateKey(alert)}`;
          let p = inFlight.get(key);
          if (!p) {
            p = one(source, who, alert).finally(() => inFlight.delete(key));
            inFlight.set(key, p);
          }
          return p;
        }),
      );
    },
  };
}
