// /api/v1 on the real HTTP app, worker and Temporal server: the OpenAPI document matches the routes, errors
// are problem details naming field and rule, Idempotency-Key makes a retry the same update, uploads stream,
// and need to know holds for the API and the web pages alike.
import { OPERATIONS } from '../../src/api/operations';
import { sealSession } from '../../src/web/session';
import { hashToken } from '../../src/web/tokens';
import { type WebTestStack, startWebTestStack } from '../support/web-stack';

type JsonSchema = { required?: string[]; properties: Record<string, { pattern?: string; type?: string }> };
type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        parameters: { name: string; in: string }[];
      }
    >
  >;
};

describe('/api/v1', () => {
  let web: WebTestStack;
  beforeAll(async () => {
    web = await startWebTestStack();
  });
  afterAll(() => web?.stop());

  const api = (path: string, init: RequestInit & { who?: keyof WebTestStack['tokens'] } = {}) =>
    fetch(`${web.url}/api/v1${path}`, {
      ...init,
      headers: {
        ...(init.who ? web.bearer(init.who) : {}),
        ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const declare = async (who: 'carol' | 'rick', facts: Record<string, unknown> = {}) => {
    const res = await api('/incidents', {
      method: 'POST',
      who,
      body: JSON.stringify({ title: 'API declared', severity: 'sev2', ...facts }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { incidentId: string }).incidentId;
  };

  it('serves an OpenAPI 3.1 document generated from the schemas, one path per operation', async () => {
    const res = await fetch(`${web.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    for (const op of OPERATIONS)
      expect(doc.paths[op.path]?.[op.method]).toMatchObject({ operationId: op.operationId });
    const approve = doc.paths['/incidents/{incidentId}/gates/{gateId}/approve']!.post!;
    const body = approve.requestBody!.content['application/json']!.schema;
    expect(body.required).toEqual(['contentHash']);
    expect(body.properties.contentHash?.pattern).toBe('^[0-9a-f]{64}$');
    expect(body.properties).not.toHaveProperty('actor');
    expect(approve.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:incidentId',
      'path:gateId',
      'header:Idempotency-Key',
    ]);
    const declareBody = doc.paths['/incidents']!.post!.requestBody!.content['application/json']!.schema;
    expect(declareBody.properties.restricted).toMatchObject({ type: 'boolean' });
    expect(declareBody.properties).not.toHaveProperty('reporter');
    expect(
      Object.keys(doc.paths['/incidents/{incidentId}/recipients']!.post!.requestBody!.content),
    ).toContain('text/csv');
  });

  it('answers every operation without credentials with a 401 problem, and a browser session is not a credential', async () => {
    for (const op of OPERATIONS) {
      if (op.operationId === 'publicKey') continue;
      const path = op.path.replace('{incidentId}', 'INC-20261124-AAAAAA').replace(/\{\w+\}/g, 'x');
      const res = await api(path, { method: op.method.toUpperCase() });
      expect([op.operationId, res.status, res.headers.get('content-type')]).toEqual([
        op.operationId,
        401,
        'application/problem+json; charset=utf-8',
      ]);
    }
    const session = sealSession(await sessionSecrets(), {
      kind: 'token',
      tokenHash: hashToken(web.tokens.carol),
    });
    const withCookie = await api('/incidents', { headers: { cookie: `__Host-bp_session=${session}` } });
    expect(withCookie.status).toBe(401);
    // The same cookie is a valid session for the pages (so the 401 is the API's rule, not a broken cookie).
    expect(
      (await fetch(`${web.url}/incidents`, { headers: { cookie: `__Host-bp_session=${session}` } })).status,
    ).toBe(200);
    const nobody = await api('/nowhere', { who: 'carol' });
    expect(nobody.status).toBe(404);
    expect(await nobody.json()).toMatchObject({ code: 'no_such_operation' });
  });

  it('refuses bad input as problem+json naming the field and the rule, and workflow refusals with their reason', async () => {
    const id = await declare('carol');
    const bad = await api(`/incidents/${id}/facts`, {
      method: 'POST',
      who: 'carol',
      body: JSON.stringify({ patch: { severity: 'sev9' }, reason: '' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await bad.json()) as { type: string; errors: { field: string; rule: string }[] };
    expect(problem).toMatchObject({
      status: 400,
      code: 'invalid_input',
      type: expect.stringMatching(/invalid_input$/),
    });
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['body.patch.severity', 'body.reason']);
    expect(problem.errors.find((e) => e.field === 'body.reason')!.rule).toBe('must not be empty');

    const notJson = await api(`/incidents/${id}/notes`, {
      method: 'POST',
      who: 'carol',
      body: '{',
      headers: {},
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      code: 'unreadable_body',
      errors: [{ field: 'body', rule: 'JSON' }],
    });

    const refused = await api(`/incidents/${id}/advance`, { method: 'POST', who: 'lena', body: '{}' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      code: 'not_authorized',
      detail: 'lena may not advance the phase: needs the commander role',
    });
    const auditorDeclares = await api('/incidents', {
      method: 'POST',
      who: 'audrey',
      body: JSON.stringify({ title: 'nope', severity: 'sev4' }),
    });
    expect(auditorDeclares.status).toBe(403);
    const badKey = await api(`/incidents/${id}/notes`, {
      method: 'POST',
      who: 'carol',
      body: JSON.stringify({ text: 'x' }),
      headers: { 'idempotency-key': 'has spaces in it' },
    });
    expect(badKey.status).toBe(400);
    expect(await badKey.json()).toMatchObject({ errors: [{ field: 'header' }] });
  });

  it('applies a retried request with the same Idempotency-Key once, and answers it with the first outcome', async () => {
    const key = { 'idempotency-key': 'retry-me-1' };
    const first = await api('/incidents', {
      method: 'POST',
      who: 'carol',
      headers: key,
      body: JSON.stringify({ title: 'Declared twice', severity: 'sev3' }),
    });
    const again = await api('/incidents', {
      method: 'POST',
      who: 'carol',
      headers: key,
      body: JSON.stringify({ title: 'Declared twice', severity: 'sev3' }),
    });
    const a = (await first.json()) as { incidentId: string; created: boolean };
    expect([first.status, a.created]).toEqual([201, true]);
    expect([again.status, await again.json()]).toEqual([200, { incidentId: a.incidentId, created: false }]);

    const note = () =>
      api(`/incidents/${a.incidentId}/notes`, {
        method: 'POST',
        who: 'carol',
        headers: key,
        body: JSON.stringify({ text: 'once' }),
      });
    const [n1, n2] = [await (await note()).json(), await (await note()).json()];
    expect(n2).toBe(n1);
    const timeline = await (await api(`/incidents/${a.incidentId}/timeline`, { who: 'audrey' })).json();
    expect(
      (timeline as { entries: { type: string }[] }).entries.filter((e) => e.type === 'note.added'),
    ).toHaveLength(1);
  });

  it('takes a recipient list as a streamed CSV upload and says which rows it rejected', async () => {
    const id = await declare('carol', { dataCategories: ['email'] });
    const csv = 'email,name,country\nada@example.test,Ada,DE\nnot-an-email,Bob,US\n';
    const res = await api(`/incidents/${id}/recipients`, {
      method: 'POST',
      who: 'carol',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      total: 1,
      listHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      rejects: [{ line: 3, reason: expect.stringMatching(/^email:/) }],
      factsChanged: expect.arrayContaining(['estimatedAffected']),
    });
    const wrongType = await api(`/incidents/${id}/recipients`, {
      method: 'POST',
      who: 'carol',
      headers: { 'content-type': 'application/pdf' },
      body: csv,
    });
    expect(wrongType.status).toBe(415);
  });

  it('hides a restricted incident from a responder not on it: 404 by id, absent from lists, on the pages too', async () => {
    const id = await declare('carol', { restricted: true });
    const open = await declare('carol');
    const rick = await api(`/incidents/${id}`, { who: 'rick' });
    expect(rick.status).toBe(404);
    const missing = await api('/incidents/INC-20261124-ZZZZZZ', { who: 'rick' });
    expect(await rick.json()).toMatchObject({ code: 'not_found' });
    expect(missing.status).toBe(404);
    const list = (await (await api('/incidents', { who: 'rick' })).json()) as { incidentId: string }[];
    expect(list.map((r) => r.incidentId)).toContain(open);
    expect(list.map((r) => r.incidentId)).not.toContain(id);
    expect((await api(`/incidents/${id}/timeline?format=csv`, { who: 'rick' })).status).toBe(404);
    expect(
      (await api(`/incidents/${id}/notes`, { method: 'POST', who: 'rick', body: '{"text":"x"}' })).status,
    ).toBe(404);
    const page = await fetch(`${web.url}/incidents/${id}`, { headers: web.bearer('rick') });
    expect(page.status).toBe(404);
    const listPage = await (await fetch(`${web.url}/incidents`, { headers: web.bearer('rick') })).text();
    expect(listPage).toContain(open);
    expect(listPage).not.toContain(id);
    for (const who of ['carol', 'lena', 'audrey'] as const)
      expect([who, (await api(`/incidents/${id}`, { who })).status]).toEqual([who, 200]);
    expect((await fetch(`${web.url}/incidents/${id}`, { headers: web.bearer('audrey') })).status).toBe(200);
  });
});

/** The session keys of the test app, derived the way the edge derives them. */
async function sessionSecrets() {
  const { deriveWebSecrets } = await import('../../src/web/session');
  const { TEST_SESSION_SECRET } = await import('../support/web-stack');
  return deriveWebSecrets(TEST_SESSION_SECRET);
}
