// Typed answers: every JSON operation of /api/v1 says in the OpenAPI document what it answers (from zod), and
// the real answers of a walk through an incident parse with exactly those schemas.
import type { z } from 'zod';
import { OPERATIONS } from '../../src/api/operations';
import { RESPONSE_SCHEMAS } from '../../src/api/responses';
import { type WebTestStack, startWebTestStack } from '../support/web-stack';

type Responses = Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>;
type Doc = { paths: Record<string, Record<string, { responses: Responses }>> };

describe('/api/v1: typed responses', () => {
  let web: WebTestStack;
  beforeAll(async () => {
    web = await startWebTestStack();
  });
  afterAll(() => web?.stop());

  const schemaOf = (operationId: string): z.ZodType => {
    const op = OPERATIONS.find((o) => o.operationId === operationId)!;
    return (op.response.schema ?? RESPONSE_SCHEMAS[operationId])!;
  };
  /** Calls the API as `who` and checks the answer against the operation's response schema. */
  const call = async (
    operationId: string,
    who: keyof WebTestStack['tokens'],
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> => {
    const res = await fetch(`${web.url}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...web.bearer(who), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    expect([operationId, res.status < 300]).toEqual([operationId, true]);
    const parsed = schemaOf(operationId).safeParse(json);
    expect([operationId, parsed.success ? 'ok' : parsed.error.message]).toEqual([operationId, 'ok']);
    return json;
  };

  it('documents a response schema for every JSON operation, from zod', async () => {
    const doc = (await (await fetch(`${web.url}/api/v1/openapi.json`)).json()) as Doc;
    const missing: string[] = [];
    for (const op of OPERATIONS) {
      const answer = doc.paths[op.path]![op.method]!.responses[String(op.response.status)]!;
      const json = answer.content['application/json'];
      if (!json) continue; // a PEM, say
      if (!json.schema.type && !json.schema.anyOf) missing.push(op.operationId);
    }
    expect(missing).toEqual([]);
    const get = doc.paths['/incidents/{incidentId}']!.get!.responses['200']!.content['application/json']!;
    expect(get.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['incidentId', 'status', 'gates', 'holds']),
    });
    const approve = doc.paths['/incidents/{incidentId}/gates/{gateId}/approve']!.post!.responses['200']!;
    expect(approve.content['application/json']!.schema).toMatchObject({
      properties: { status: { enum: ['not_requested', 'drafting', 'pending', 'approved', 'rejected'] } },
    });
  });

  it('answers what it documents, through an incident', async () => {
    await call('whoami', 'carol', '/whoami');
    const { incidentId } = (await call('declareIncident', 'carol', '/incidents', {
      title: 'Typed answers',
      severity: 'sev2',
    })) as { incidentId: string };
    const at = `/incidents/${incidentId}`;
    await call('listIncidents', 'carol', '/incidents');
    await call('getIncident', 'carol', at);
    await call('updateFacts', 'carol', `${at}/facts`, {
      patch: { summary: 'Checked against the schema.' },
      reason: 'test',
    });
    await call('addNote', 'carol', `${at}/notes`, { text: 'a note' });
    await call('advancePhase', 'carol', `${at}/advance`, {
      to: 'notify_customers',
      force: true,
      reason: 'test',
    });
    const requested = (await call(
      'requestApproval',
      'carol',
      `${at}/gates/regulator_notice/request-approval`,
      {},
    )) as {
      draft: { contentHash: string };
    };
    await call('approve', 'lena', `${at}/gates/regulator_notice/approve`, {
      contentHash: requested.draft.contentHash,
    });
    const hold = (await call('placeHold', 'lena', `${at}/holds`, { agency: 'FBI', reference: 'case 1' })) as {
      id: string;
    };
    await call('releaseHold', 'lena', `${at}/holds/release`, { holdId: hold.id, reason: 'cleared' });
    await call('exportTimeline', 'audrey', `${at}/timeline`);
    await call('getIncident', 'audrey', at);
  });
});
