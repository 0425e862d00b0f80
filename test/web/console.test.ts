// The console's pages over real HTTP on a real worker and Temporal server: each "wrong today" bug of the web
// review (legal clocks vs runbook targets, closed incidents' clocks, sent notices in full), the diff counsel
// reads, acting through the API's operations from forms (same refusals), the triage dashboard and its queue,
// and a long incident whose timeline is partly in sealed segments.
import * as msg from '../../workflows/messages';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { IncidentDriver, eventually } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { declareAs } from '../support/auth';
import { csrfOf, postForm, startWebTestStack, type WebTestStack } from '../support/web-stack';

type Who = 'carol' | 'rick' | 'lena' | 'leo' | 'cami' | 'audrey';
const H = 3_600_000;

describe('web console', () => {
  let s: WebTestStack;
  beforeAll(async () => {
    s = await startWebTestStack();
  });
  afterAll(() => s.stop());

  const get = async (path: string, who: Who = 'audrey') => {
    const res = await fetch(`${s.url}${path}`, { headers: s.bearer(who) });
    return { status: res.status, html: await res.text() };
  };
  /** Posts a console form as `who`, with the CSRF token of their own page. */
  const post = async (path: string, who: Who, fields: Record<string, string>, page = '/incidents') => {
    const csrf = csrfOf((await get(page, who)).html);
    const res = await postForm(`${s.url}${path}`, { _csrf: csrf, ...fields }, s.bearer(who));
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  const declare = async (overrides: Parameters<typeof sampleFacts>[0] = {}, updatesPerRun?: number) => {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), ...overrides }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
      ...(updatesPerRun ? { updatesPerRun } : {}),
    });
    return new IncidentDriver(s.stack.client, incidentId);
  };

  it('shows no GDPR clock on a US-only incident: the runbook deadlines are internal targets (B1)', async () => {
    const inc = await declare({
      title: 'Lost laptop with HR spreadsheets',
      severity: 'sev3',
      dataCategories: ['name', 'ssn'],
      affected: [
        { country: 'US', region: 'US-CA', count: 40 },
        { country: 'US', region: 'US-NY', count: 12 },
      ],
      estimatedAffected: 52,
      awareAt: new Date(Date.now() - 80 * H).toISOString(),
    });
    // The 72-hour runbook target passed while the incident was being declared.
    await eventually(
      () => inc.view(),
      (v) => v.deadlines.some((d) => d.id === 'regulator-72h' && d.status === 'missed'),
      { what: 'the 72-hour target passed' },
    );
    const { html } = await get(`/incidents/${inc.incidentId}`, 'lena');
    expect(html).not.toContain('GDPR');
    expect(html).not.toContain('missed:');
    expect(html).toMatch(
      /Regulator reports ready \(72 h\) <span class="kind target">internal target<\/span><\/td><td data-label="Due">[^<]+<\/td><td data-label="Clock" class="warn">target passed: was due/,
    );
    // The legal clocks are the obligations engine's: California and New York, not the EU.
    const legal = html.slice(html.indexOf('id="legal"'), html.indexOf('id="targets"'));
    expect(legal).toMatch(/\(US-CA\) <span class="kind legal">legal<\/span>/);
    expect(legal).not.toMatch(/\(EU\)|\(DE\)/);
    // The timeline entry says "internal target", never "Deadline missed".
    const missed = (await inc.timeline()).find((e) => e.type === 'deadline.missed')!;
    expect(missed.summary).toMatch(/^Internal target passed: Regulator reports ready \(72 h\)/);
  });

  it('freezes the clocks of a closed incident at the close: no live countdown (B3)', async () => {
    const inc = await declare({ title: 'Closed early', severity: 'sev4' });
    await inc.send(msg.closeIncident, { actor: as('carol'), reason: 'false alarm', force: true });
    const { html } = await get(`/incidents/${inc.incidentId}`, 'audrey');
    expect(html).toContain('Closed ');
    expect(html).toContain('clocks are frozen at the close');
    expect(html).toContain('not met when the incident closed');
    expect(html).not.toMatch(/class="(ok|warn)">\d+d \d+h left/);
    expect(html).not.toContain('http-equiv="refresh"');
    // And nothing to do: no forms to act on a closed incident.
    expect(html).not.toContain('/do/addNote');
  });

  it('shows a sent notice in full, as it was sent, though the facts changed since (B4)', async () => {
    const inc = await declare({ title: 'Sent then changed' });
    await inc.send(msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'test',
    });
    const r = await inc.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' });
    const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
    await inc.send(msg.approve, { actor: as('lena'), ...ask });
    await inc.send(msg.approve, { actor: as('cami'), ...ask });
    await inc.send(msg.recordNoticeSent, { actor: as('cami'), gateId: 'customer_notice', channel: 'email' });
    await inc.send(msg.updateFacts, {
      actor: as('rick'),
      patch: { estimatedAffected: 1300 },
      reason: 'more rows found',
    });
    const { html } = await get(`/incidents/${inc.incidentId}/approvals/customer_notice`, 'audrey');
    expect(html).not.toContain('cannot be approved');
    expect(html).not.toContain('request a new draft');
    expect(html).toContain(
      'This is the notice that was sent: rendered again from the facts as they stood then',
    );
    const text = /<pre class="notice" id="notice-text">([\s\S]*?)<\/pre>/.exec(html)![1]!;
    expect(text.length).toBeGreaterThan(r.draft.excerpt.length);
    expect(text).toContain('WHAT HAPPENED');
  });

  it('shows counsel what changed since the rejected draft, with the rejection reason', async () => {
    const inc = await declare({ title: 'Redrafted' });
    await inc.send(msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'test',
    });
    const first = await inc.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' });
    await inc.send(msg.reject, {
      actor: as('lena'),
      gateId: 'customer_notice',
      requestId: first.requestId,
      contentHash: first.draft.contentHash,
      reason: 'say what was taken',
    });
    await inc.send(msg.updateFacts, {
      actor: as('rick'),
      patch: { summary: 'The attacker exported the customers table and the support tickets.' },
      reason: 'scope',
    });
    await inc.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' });
    const { html } = await get(`/incidents/${inc.incidentId}/approvals/customer_notice`, 'lena');
    expect(html).toContain('Changes since the previous draft');
    expect(html).toContain('rejected: “say what was taken”');
    expect(html).toMatch(/<ins>\+ [^<]*support tickets/);
    expect(html).toMatch(/<del>- [^<]*customers table/);
    expect(html).toContain('Passes the content rules');
    // And on the incident page: the rejection reason was shown until the new request.
    expect((await get(`/incidents/${inc.incidentId}`, 'carol')).html).toContain(
      'Approve or reject the draft',
    );
  });

  it('acts from forms through the API operations, with their refusals in words', async () => {
    const declared = await post(
      '/declare',
      'carol',
      {
        title: 'Declared <in the browser>',
        severity: 'sev2',
        dataCategories: 'name, email',
        affected: 'DE:5, US-CA:7',
        affectedSystems: 'crm',
        awareAt: new Date().toISOString().slice(0, 16),
      },
      '/declare',
    );
    expect(declared.status).toBe(303);
    const id = /\/incidents\/(INC-[0-9A-Z-]+)\?done=declareIncident/.exec(declared.location!)![1]!;
    const inc = new IncidentDriver(s.stack.client, id);
    const page = `/incidents/${id}`;
    expect((await inc.view()).facts).toMatchObject({
      title: 'Declared <in the browser>',
      estimatedAffected: 12,
      affected: [
        { country: 'DE', count: 5 },
        { country: 'US', region: 'US-CA', count: 7 },
      ],
    });

    const note = await post(`${page}/do/addNote`, 'rick', { text: 'from the <console>' }, page);
    expect(note.status).toBe(303);
    expect(note.location).toBe(`${page}?done=addNote`);
    const entry = (await inc.timeline()).find((e) => e.type === 'note.added')!;
    expect(entry).toMatchObject({
      details: { text: 'from the <console>' },
      actor: { id: 'rick', source: 'web' },
    });
    expect((await get(note.location!, 'rick')).html).toContain('The note was added to the timeline.');

    // The same refusals as the API: the auditor may not write; a missing reason names the field.
    const auditor = await post(`${page}/do/addNote`, 'audrey', { text: 'x' }, page);
    expect(auditor.status).toBe(403);
    expect(auditor.html).toContain('Nothing was changed:');
    expect(auditor.html).toContain('audrey');
    const noReason = await post(`${page}/do/updateFacts`, 'rick', { severity: 'sev1' }, page);
    expect(noReason.status).toBe(400);
    expect(noReason.html).toMatch(/Nothing was changed: [^<]*reason/);
    const facts = await post(`${page}/do/updateFacts`, 'rick', { severity: 'sev1', reason: 'worse' }, page);
    expect(facts.status).toBe(303);
    expect((await inc.view()).facts.severity).toBe('sev1');

    // A hold from the browser pauses the customer target: the chart draws the pause.
    const hold = await post(
      `${page}/do/placeHold`,
      'lena',
      { agency: 'FBI <Cyber>', reference: 'C-9' },
      page,
    );
    expect(hold.status).toBe(303);
    const held = (await get(page, 'lena')).html;
    expect(held).toContain('FBI &lt;Cyber&gt;');
    expect(held).toMatch(
      /<div class="pause" style="left:[\d.]+%;width:[\d.]+%" title="paused by FBI &lt;Cyber&gt;">/,
    );
    expect(held).toContain('paused by a hold');
    const holdId = (await inc.view()).holds[0]!.id;
    const release = await post(`${page}/do/releaseHold`, 'lena', { holdId, reason: 'cleared' }, page);
    expect(release.status).toBe(303);

    // A task completed by its owner's role, named on the page.
    const tasks = (await get(page, 'carol')).html;
    expect(tasks).toContain('commander: Carol Commander (carol)');
    const done = await post(
      `${page}/do/completeTask`,
      'carol',
      { taskId: 'confirm-incident', note: 'confirmed' },
      page,
    );
    expect(done.status).toBe(303);
    expect((await inc.view()).tasks.find((t) => t.id === 'confirm-incident')!.status).toBe('done');

    // A form sent twice (the same page's key) is applied once.
    const csrf = csrfOf((await get(page, 'rick')).html);
    const key = /name="_key" value="([^"]+)"/.exec((await get(page, 'rick')).html)![1]!;
    for (let i = 0; i < 2; i++)
      await postForm(
        `${s.url}${page}/do/addNote`,
        { _csrf: csrf, _key: key, text: 'once' },
        s.bearer('rick'),
      );
    expect(
      (await inc.timeline()).filter((e) => e.type === 'note.added' && e.details.text === 'once'),
    ).toHaveLength(1);
  });

  it('reads the timeline report as a document: entries in words, filters, raw data behind a toggle', async () => {
    const inc = await declare({ title: 'Report me' });
    await inc.send(msg.addNote, { actor: as('rick'), text: 'rick says <hi>' });
    await inc.send(msg.addNote, { actor: as('carol'), text: 'carol says hi' });
    await inc.send(msg.updateFacts, {
      actor: as('rick'),
      patch: { severity: 'sev2' },
      reason: 'less <bad> than feared',
    });
    const all = await get(`/incidents/${inc.incidentId}/timeline`);
    expect(all.html).toContain('<details class="raw"><summary>note.added · data</summary>');
    // What a person wrote with an entry (here a reason) reads with it, escaped.
    expect(all.html).toContain('<span class="said">“less &lt;bad&gt; than feared”</span>');
    expect(all.html).toContain('<option value="rick">Rick Responder (rick)</option>');
    // The runbook's deadlines are labelled internal targets in the report too.
    expect(all.html).toContain(
      'Regulator reports ready (72 h) <span class="kind target">internal target</span>',
    );
    const notes = await get(`/incidents/${inc.incidentId}/timeline?type=note&person=rick`);
    expect(notes.status).toBe(200);
    expect(notes.html).toContain('rick says &lt;hi&gt;');
    expect(notes.html).not.toContain('carol says hi');
    expect(notes.html).toMatch(/Showing 1 of \d+ entries of type note by rick/);
    expect((await get(`/incidents/${inc.incidentId}/timeline?type=<x>`)).status).toBe(400);
  });

  it('triages: the next legal deadline, what waits on whom, a queue per person, filters in the URL', async () => {
    const urgent = await declare({
      title: 'Urgent EU breach',
      severity: 'sev1',
      awareAt: new Date(Date.now() - 70 * H).toISOString(),
    });
    await urgent.send(msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'go',
    });
    await urgent.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' });
    const row = (html: string, id: string) =>
      new RegExp(`<tr data-incident="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
    const { html } = await eventually(
      () => get('/incidents?status=open&sort=deadline', 'lena'),
      (r) => row(r.html, urgent.incidentId) !== undefined,
      { what: 'the incident on the dashboard' },
    );
    const tr = row(html, urgent.incidentId)!;
    expect(tr).toContain('Urgent EU breach');
    expect(tr).toContain('Notify customers + Inform authorities');
    expect(tr).toMatch(/class="(warn|bad)">may apply: counsel must decide \((1h \d+m|2h 0m) left\)/);
    expect(tr).toMatch(
      /Approve or reject the draft of Customer notice[^<]*<br><span class="muted">on legal or communications: Lena Legal \(lena\), Leo Legal \(leo\), Cami Comms \(cami\)/,
    );
    expect(html).toMatch(/Clocks computed at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(html).toContain('<meta http-equiv="refresh" content="60">');
    // The sort links keep the filters.
    expect(html).toContain('href="/incidents?status&#x3D;open&amp;sort&#x3D;severity"');
    // Lena's queue has the approval; the auditor's has nothing.
    const mine = await get('/incidents?mine=1', 'lena');
    expect(mine.html).toContain('Waiting for me');
    expect(mine.html).toMatch(
      new RegExp(
        `${urgent.incidentId}</a> Urgent EU breach: <span class="[a-z]+">Approve or reject the draft of Customer notice`,
      ),
    );
    const auditor = await get('/incidents?mine=1', 'audrey');
    expect(auditor.html).not.toContain('Waiting for me (');
    expect(auditor.html).toContain('Nothing waits for you');
    // Sorted by the next legal deadline, the urgent one comes before one declared just now.
    const calm = await declare({ title: 'Calm one', severity: 'sev4' });
    const sorted = await eventually(
      () => get('/incidents?sort=deadline', 'lena'),
      (r) => row(r.html, calm.incidentId) !== undefined,
      { what: 'both incidents listed' },
    );
    const table = sorted.html.slice(sorted.html.indexOf('id="incidents"'));
    expect(table.indexOf(urgent.incidentId)).toBeLessThan(table.indexOf(calm.incidentId));
    expect((await get('/incidents?sort=nonsense', 'lena')).status).toBe(400);
  });

  it('reads a long incident whose timeline is partly in sealed segments (#12)', async () => {
    // Segments are sealed by entries (700) or bytes (768 KB live): long notes get there with ~80 entries.
    const inc = await declare({ title: 'Long one' }, 30);
    const filler = 'x'.repeat(9_800);
    for (let i = 0; i < 90; i += 6)
      await Promise.all(
        Array.from({ length: 6 }, (_, k) =>
          inc.send(msg.addNote, { actor: as('rick'), text: `long note ${i + k} ${filler}` }),
        ),
      );
    await eventually(
      () => inc.handle.query(msg.getTimelineIndex),
      (x) => x.segments.length >= 1,
      { what: 'a sealed segment' },
    );
    // The live run no longer holds the first notes; the page reads them from the segments.
    const live = await inc.timeline();
    expect(live.some((e) => String(e.details.text).startsWith('long note 0 '))).toBe(false);
    const { status, html } = await get(`/incidents/${inc.incidentId}/timeline`, 'audrey');
    expect(status).toBe(200);
    for (const i of [0, 7, 89]) expect(html).toContain(`long note ${i} xxx`);
    expect(html).toContain('Incident declared');
  });
});
