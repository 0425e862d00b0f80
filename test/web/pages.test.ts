// The pages people read: the incident list from Temporal visibility, an incident with its clocks and gates,
// and its timeline (the CLI's report, its signed JSON that `breachplan verify` accepts, CSV). Everything from
// an incident is escaped, and the pages carry a CSP that allows no script at all.
import * as msg from '../../workflows/messages';
import { parsePublicKeyPem } from '../../src/audit/signing';
import { verifyExportText } from '../../src/audit/verify';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { WEB_CSP } from '../../src/web/views';
import { IncidentDriver, eventually } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { TEST_SIGNER } from '../support/temporal';
import { startWebTestStack, type WebTestStack } from '../support/web-stack';
import { declareAs } from '../support/auth';

const HOSTILE_TITLE = `<script>alert("title")</script> & <img src=x onerror=alert(1)>`;
const HOSTILE_SUMMARY = `"><svg onload=alert(2)> the attacker's {{payload}} </textarea>`;

describe('web: incident pages', () => {
  let s: WebTestStack;
  let inc: IncidentDriver;
  beforeAll(async () => {
    s = await startWebTestStack();
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({
        title: HOSTILE_TITLE,
        summary: HOSTILE_SUMMARY,
        severity: 'sev2',
        awareAt: new Date().toISOString(),
      }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    inc = new IncidentDriver(s.stack.client, incidentId);
    await inc.send(msg.addNote, { actor: as('rick'), text: '<b>bold</b> note & "quotes"' });
  });
  afterAll(() => s.stop());

  const get = async (path: string, who: 'audrey' | 'rick' = 'audrey') => {
    const res = await fetch(`${s.url}${path}`, { headers: s.bearer(who) });
    return { res, body: await res.text() };
  };
  const expectEscaped = (html: string) => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).toMatch(/&lt;script&gt;alert\((&quot;|&#x27;|&#34;)title/);
  };

  it('lists incidents from visibility, filtered by status and severity', async () => {
    const row = `href="/incidents/${inc.incidentId}"`;
    const { res, body } = await eventually(
      () => get('/incidents?status=open&severity=sev2'),
      (r) => r.body.includes(row),
      { what: 'the incident in the list' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(WEB_CSP);
    expect(WEB_CSP).toMatch(/default-src 'none'/);
    expect(body).not.toMatch(/<script/i);
    // The triage row: the title (escaped), severity, the phase in words, the next legal deadline.
    const tr = new RegExp(`<tr data-incident="${inc.incidentId}">([\\s\\S]*?)</tr>`).exec(body)![1]!;
    expect(tr).toContain('&lt;script&gt;alert(');
    expect(tr).toContain(`${inc.incidentId} · open`);
    expect(tr).toContain('<td data-label="Severity">sev2</td><td data-label="Phase">Triage</td>');
    // GDPR Art. 33 needs more facts (risk) to apply: its 72 hours still run, and counsel must decide.
    expect(tr).toMatch(
      /class="warn">may apply: counsel must decide \((2d 23h|3d 0h) left\)<\/span><br><span class="muted">Lead supervisory authority/,
    );
    expect((await get('/incidents?severity=sev4')).body).not.toContain(row);
    expect((await get('/incidents?status=closed')).body).not.toContain(row);
    const bad = await get('/incidents?status=maybe');
    expect(bad.res.status).toBe(400);
  });

  it('shows an incident: status, phases, deadline clocks and approval gates, all escaped', async () => {
    const { res, body } = await get(`/incidents/${inc.incidentId}`, 'rick');
    expect(res.status).toBe(200);
    expectEscaped(body);
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('<span class="badge">open</span> · sev2 · phase Triage');
    // The GDPR 72-hour clock, from the obligations engine, started at awareness (just now).
    expect(body).toMatch(
      /Lead supervisory authority[^<]*\(EU\) <span class="kind legal">legal, if it applies<\/span><\/td><td data-label="Due">[^<]+<\/td><td data-label="Clock" class="warn">may apply: counsel must decide \((2d 23h|3d 0h) left\)/,
    );
    // California owes nothing for names, emails and addresses: the page says so and why.
    expect(body).toContain(
      '<td data-label="Where">US-CA</td><td data-label="Why">500 California resident(s); data categories (name, email, address) are not personal information under this law</td><td data-label="Citation">Cal. Civ. Code § 1798.82</td>',
    );
    // The runbook's 72-hour deadline is an internal target, labelled so.
    expect(body).toContain('Regulator reports ready (72 h) <span class="kind target">internal target</span>');
    expect(body).toContain(
      `href="/incidents/${inc.incidentId}/approvals/customer_notice">Customer notice</a></td><td data-label="Status">not requested`,
    );
    expect(body).toContain(`href="/incidents/${inc.incidentId}/timeline.json"`);

    expect((await get('/incidents/INC-20990101-NOPE00')).res.status).toBe(404);
    const malformed = await get('/incidents/not-an-id');
    expect(malformed.res.status).toBe(400);
    expect(malformed.body).toContain('is not an incident id like INC-20261124-7F3K');
  });

  it('serves the timeline report with links to the signed JSON, the CSV and the public key', async () => {
    const { res, body } = await get(`/incidents/${inc.incidentId}/timeline`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(WEB_CSP);
    expectEscaped(body);
    expect(body).toContain('&lt;b&gt;bold&lt;/b&gt; note &amp; &quot;quotes&quot;');
    expect(body).toContain('<h2>Full timeline</h2>');
    for (const href of ['timeline.json', 'timeline.csv'])
      expect(body).toContain(`href="/incidents/${inc.incidentId}/${href}"`);
    expect(body).toContain(`href="/signing-key.pem">Public key ${TEST_SIGNER.keyId.slice(0, 12)}`);

    const json = await fetch(`${s.url}/incidents/${inc.incidentId}/timeline.json`, {
      headers: s.bearer('audrey'),
    });
    expect(json.headers.get('content-disposition')).toBe(
      `attachment; filename="${inc.incidentId}-timeline.json"`,
    );
    const exported = await json.text();
    const pem = await (await fetch(`${s.url}/signing-key.pem`, { headers: s.bearer('audrey') })).text();
    expect(pem).toBe(TEST_SIGNER.publicKeyPem);
    const check = verifyExportText(exported, parsePublicKeyPem(pem, 'signing-key.pem'));
    expect(check).toMatchObject({ ok: true, pinned: true, incidentId: inc.incidentId });
    expect(check.entries).toBe((await inc.timeline()).length);

    const csv = await (
      await fetch(`${s.url}/incidents/${inc.incidentId}/timeline.csv`, { headers: s.bearer('audrey') })
    ).text();
    expect(csv.split('\r\n')[0]).toBe('seq,at,type,actor,actor_name,actor_roles,source,summary,details,hash');
    expect(csv).toContain('note.added,rick,Rick Responder,responder,cli');

    const early = await get(`/incidents/${inc.incidentId}/timeline.json?as-of=2000-01-01T00:00:00Z`);
    expect(JSON.parse(early.body)).toMatchObject({ asOf: '2000-01-01T00:00:00.000Z', entries: [] });
    expect((await get(`/incidents/${inc.incidentId}/timeline?as-of=yesterday`)).res.status).toBe(400);
  });
});
