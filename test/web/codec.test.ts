// The codec endpoint the Temporal UI calls: proto3-JSON payloads in and out through the deployment's keyring,
// for auditors and counsel only, from the configured UI origin only, every decode logged without its content.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { requireBinary, temporalCliPath } from '../../src/temporal/binaries';
import { incidentHandle, loadRunbookFile } from '../../src/temporal/incidents';
import { declareAs } from '../support/auth';
import { as, sampleFacts } from '../support/people';
import { UI_ORIGIN, postForm, startWebTestStack, type WebTestStack } from '../support/web-stack';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

interface JsonPayloads {
  payloads: { metadata?: Record<string, string>; data?: string }[];
}

describe('web: codec endpoint', () => {
  let s: WebTestStack;
  beforeAll(async () => {
    s = await startWebTestStack();
  });
  afterAll(() => s.stop());

  const codec = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const decodedLogs = () => s.logs.filter((l) => l.op === 'decode' && /decoded/.test(String(l.msg)));

  it('encodes then decodes back to the same payloads', async () => {
    const input: JsonPayloads = {
      payloads: [
        { metadata: { encoding: b64('json/plain') }, data: b64('{"email":"jane@example.com"}') },
        { metadata: { encoding: b64('binary/null') } },
      ],
    };
    const enc = await codec('/codec/encode', input, { ...s.bearer('lena'), 'x-namespace': 'default' });
    expect(enc.status).toBe(200);
    const encoded = (await enc.json()) as JsonPayloads;
    expect(encoded.payloads).toHaveLength(2);
    for (const p of encoded.payloads) {
      expect(text(p.metadata!.encoding!)).toBe('binary/encrypted');
      expect(text(p.metadata!['encryption-key-id']!)).toBe('test-key-1');
      expect(text(p.data!)).not.toContain('jane@example.com');
    }

    const dec = await codec('/codec/default/decode', encoded, s.bearer('audrey'));
    expect(dec.status).toBe(200);
    expect(dec.headers.get('cache-control')).toBe('no-store');
    expect(await dec.json()).toEqual(input);

    // Logged: who, the namespace, how many; never the content.
    expect(decodedLogs().at(-1)).toMatchObject({ user: 'audrey', namespace: 'default', payloads: 2 });
    expect(JSON.stringify(s.logs)).not.toContain('jane@example.com');
    expect(JSON.stringify(s.logs)).not.toContain(input.payloads[0]!.data);
  });

  it('decodes what the workflow stored: the incident input in its history', async () => {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ title: 'Codec probe: payroll export' }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const history = await incidentHandle(s.stack.client, incidentId).fetchHistory();
    const stored = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const asJson = {
      metadata: Object.fromEntries(
        Object.entries(stored.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(stored.data!).toString('base64'),
    };
    expect(text(asJson.data)).not.toContain('Codec probe');

    const res = await codec(
      '/codec/decode',
      { payloads: [asJson] },
      { ...s.bearer('lena'), 'x-namespace': 'default' },
    );
    expect(res.status).toBe(200);
    const [plain] = ((await res.json()) as JsonPayloads).payloads;
    expect(text(plain!.metadata!.encoding!)).toBe('json/plain');
    expect(JSON.parse(text(plain!.data!))).toMatchObject({
      incidentId,
      facts: { title: 'Codec probe: payroll export' },
    });
    expect(decodedLogs().at(-1)).toMatchObject({ user: 'lena', roles: ['legal'], payloads: 1 });
    expect(JSON.stringify(s.logs)).not.toContain('Codec probe');
  });

  it('refuses people who are not signed in (401) and people without the auditor or legal role (403)', async () => {
    const body = { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('1') }] };
    const before = decodedLogs().length;

    const anonymous = await codec('/codec/decode', body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await anonymous.json()).toEqual({ error: expect.stringMatching(/sign in first/) });

    const forged = await codec('/codec/decode', body, { authorization: 'Bearer bpt_not-a-real-token' });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: 'the bearer token is not valid (unknown or revoked)' });

    const responder = await codec('/codec/decode', body, s.bearer('rick'));
    expect(responder.status).toBe(403);
    expect(((await responder.json()) as { error: string }).error).toBe(
      'rick may not use the codec endpoint (it reveals personal data): needs the auditor or legal role (has responder)',
    );
    const stranger = await codec('/codec/encode', body, s.bearer('mallory'));
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { error: string }).error).toBe(
      'mallory may not use the codec endpoint (it reveals personal data): needs the auditor or legal role (not in the role directory)',
    );
    expect(decodedLogs()).toHaveLength(before);
    // The attempts are on the record, without their payloads.
    const refusals = s.logs.filter((l) => l.msg === 'codec: refused');
    expect(refusals.map((l) => l.status)).toEqual([401, 401, 403, 403]);
    expect(refusals[2]).toMatchObject({ peer: '127.0.0.1', reason: expect.stringMatching(/^rick may not/) });
  });

  it("answers the Temporal UI's CORS preflight for the configured origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${s.url}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace,authorization',
        },
      });
    const ok = await preflight(UI_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const allowed = ok.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const h of ['content-type', 'x-namespace', 'authorization']) expect(allowed).toContain(h);
    expect(ok.headers.get('vary')).toMatch(/Origin/);

    const evil = await preflight('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    // Credentials do not help a page on another origin either.
    const body = { payloads: [] };
    const fromEvil = await codec('/codec/decode', body, {
      ...s.bearer('audrey'),
      origin: 'https://evil.example',
    });
    expect(fromEvil.status).toBe(403);

    // The UI with "include cross-origin credentials": the session cookie of someone who signed in here.
    const login = await postForm(`${s.url}/login`, { token: s.tokens.audrey });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const fromUi = await codec('/codec/decode', body, {
      cookie,
      origin: UI_ORIGIN,
      'x-namespace': 'default',
    });
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(await fromUi.json()).toEqual({ payloads: [] });
  });

  it("answers the protocol's errors: another namespace, not JSON, bad payloads, tampered ciphertext", async () => {
    const auth = s.bearer('audrey');
    const other = await codec('/codec/decode', { payloads: [] }, { ...auth, 'x-namespace': 'payments' });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({
      error: 'this codec endpoint serves namespace "default", not "payments"',
    });
    expect((await codec('/codec/payments/decode', { payloads: [] }, auth)).status).toBe(404);
    expect((await codec('/codec/decode', '{"payloads": [', auth)).status).toBe(400);
    expect((await codec('/codec/decode', { payloads: [{ data: 'not base64!' }] }, auth)).status).toBe(400);
    const plainText = await fetch(`${s.url}/codec/decode`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: '{"payloads":[]}',
    });
    expect(plainText.status).toBe(415);
    expect((await fetch(`${s.url}/codec/decode`, { headers: auth })).status).toBe(405);

    const enc = (await (
      await codec(
        '/codec/encode',
        { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('42') }] },
        auth,
      )
    ).json()) as JsonPayloads;
    const data = Buffer.from(enc.payloads[0]!.data!, 'base64');
    data[data.length - 1] = data[data.length - 1]! ^ 1;
    const tampered = await codec(
      '/codec/decode',
      { payloads: [{ ...enc.payloads[0], data: data.toString('base64') }] },
      auth,
    );
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toEqual({
      error: 'payload failed authentication with key "test-key-1" (wrong key or tampered data)',
    });
  });

  it("serves the Temporal CLI's own commands verbatim: workflow show and workflow query, without -n", async () => {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ title: 'Codec probe: the CLI reads it' }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const temporal = (...args: string[]) =>
      promisify(execFile)(
        requireBinary(temporalCliPath(), 'Temporal CLI'),
        [
          ...args,
          '-w',
          `incident-${incidentId}`,
          '--address',
          s.stack.temporal.address,
          '--codec-endpoint',
          `${s.url}/codec`,
          '--codec-auth',
          s.bearer('audrey').authorization,
          '--output',
          'json',
        ],
        { timeout: 60_000 },
      );
    // What the CLI printed, with its base64 payload data (proto3 JSON) spelled out.
    const readable = (stdout: string) =>
      stdout + [...stdout.matchAll(/"([A-Za-z0-9+/]{16,}={0,2})"/g)].map((m) => text(m[1]!)).join('\n');
    // The README's command as is: the CLI sends an empty X-Namespace.
    const show = await temporal('workflow', 'show');
    expect(show.stdout).toContain(`"encoding": "${b64('json/plain')}"`);
    expect(readable(show.stdout)).toContain('Codec probe: the CLI reads it');
    // A query with no arguments: the CLI encodes them by posting {} to /codec/encode.
    const query = await temporal('workflow', 'query', '--type', 'getIncident');
    expect(readable(query.stdout)).toContain('Codec probe: the CLI reads it');
  });

  it('throttles the codec endpoint per address: past 600 calls a minute, 429 with Retry-After (L11)', async () => {
    const app = await s.startApp({});
    const call = () =>
      fetch(`${app.url}/codec/default/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...s.bearer('audrey') },
        body: JSON.stringify({ payloads: [] }),
      });
    for (let i = 0; i < 600; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, call));
      expect(batch.map((r) => r.status).filter((c) => c !== 200)).toEqual([]);
    }
    const throttled = await call();
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(app.logs.some((l) => l.msg === 'web: throttled' && l.what === 'codec')).toBe(true);
    // Each app process counts on its own: the main app still answers this address.
    expect((await codec('/codec/default/decode', { payloads: [] }, s.bearer('audrey'))).status).toBe(200);
  });

  it('lets the Temporal CLI send an update through the codec, and the incident refuses it: no signed assertion', async () => {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ title: 'Codec probe: the back door' }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const handle = incidentHandle(s.stack.client, incidentId);
    const before = await handle.query('getIncident');
    const cli = requireBinary(temporalCliPath(), 'Temporal CLI');
    // An auditor may encode (the CLI must, to send arguments); the worker still wants an edge's signed actor.
    const actor = { id: 'lena', name: 'Lena', roles: ['legal'], source: 'cli' };
    const run = await promisify(execFile)(
      cli,
      [
        'workflow',
        'update',
        'execute',
        '--name',
        'addNote',
        '--input',
        JSON.stringify({ actor, text: 'posing as counsel through the Temporal CLI' }),
        '-w',
        `incident-${incidentId}`,
        '--address',
        s.stack.temporal.address,
        '--codec-endpoint',
        `${s.url}/codec`,
        '--codec-auth',
        s.bearer('audrey').authorization,
      ],
      { timeout: 60_000 },
    ).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    // The codec did its part (the worker decrypted the input: no `not_encrypted`), and the incident said no,
    // in words the person at the terminal can read.
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'unable to update workflow: addNote carries no signed actor assertion: only an authenticated edge may send commands (type: not_authenticated, retryable: false)',
    );
    expect(s.logs.some((l) => l.op === 'encode' && l.user === 'audrey')).toBe(true);
    const after = await handle.query('getIncident');
    expect(after).toEqual(before);
  });
});
