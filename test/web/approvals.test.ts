// Counsel approves from the web page: the workflow's validators decide (role, four eyes, stale draft) exactly
// as for the CLI and Slack, a refusal comes back as a page with their reason and writes nothing, forms need
// their CSRF token and our own origin, and an approval shows on the timeline with who gave it, from the web.
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as msg from '../../workflows/messages';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { TEMPLATES_DIR } from '../../src/paths';
import { IncidentDriver } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { csrfOf, postForm, startWebTestStack, type WebTestStack } from '../support/web-stack';
import { declareAs } from '../support/auth';

type Person = 'carol' | 'rick' | 'lena' | 'leo' | 'cami' | 'audrey';

describe('web: approvals', () => {
  let s: WebTestStack;
  let inc: IncidentDriver;
  let customerHash: string;
  let regulatorHash: string;
  beforeAll(async () => {
    s = await startWebTestStack();
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ title: 'Payroll export <leaked>', awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    inc = new IncidentDriver(s.stack.client, incidentId);
    await inc.send(msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'test: straight to notices',
    });
    // Drafts are requested as the CLI and Slack do, through the shared client module.
    customerHash = (await inc.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' }))
      .draft.contentHash;
    regulatorHash = (await inc.send(msg.requestApproval, { actor: as('lena'), gateId: 'regulator_notice' }))
      .draft.contentHash;
  });
  afterAll(() => s.stop());

  const pagePath = (gate: string) => `/incidents/${inc.incidentId}/approvals/${gate}`;
  const open = async (gate: string, who: Person) => {
    const res = await fetch(`${s.url}${pagePath(gate)}`, { headers: s.bearer(who) });
    return { status: res.status, html: await res.text() };
  };
  /** Posts a decision with `who`'s token and the CSRF token of their own page, unless told otherwise. */
  const decide = async (
    gate: string,
    action: 'approve' | 'reject',
    who: Person,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ) => {
    const csrf = fields._csrf ?? csrfOf((await open(gate, who)).html);
    const res = await postForm(
      `${s.url}${pagePath(gate)}/${action}`,
      { _csrf: csrf, ...fields },
      { ...s.bearer(who), ...headers },
    );
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  const gate = async (id: string) => (await inc.view()).gates.find((g) => g.id === id)!;
  /** Runs `act` and checks that neither the timeline nor the workflow history grew. */
  const writesNothing = async (act: () => Promise<void>) => {
    const [entries, events] = [(await inc.timeline()).length, await inc.historyLength()];
    await act();
    expect((await inc.timeline()).length).toBe(entries);
    expect(await inc.historyLength()).toBe(events);
  };

  it('shows counsel the whole draft, its hash and version, with Approve and Reject', async () => {
    const { status, html } = await open('customer_notice', 'lena');
    expect(status).toBe(200);
    const draft = (await gate('customer_notice')).draft!;
    expect(html).toContain(`<code>${customerHash}</code>`);
    expect(html).toContain(`notices/customer/en, version <code>${draft.templateVersion}</code>`);
    expect(html).toContain('This is the draft awaiting approval');
    expect(html).toMatch(
      /Passes the content rules: \d+ notices checked \(variants general, EU-GDPR, US-CA; languages de, en/,
    );
    expect(html).not.toContain('/override"');
    expect(html).toContain('<p>Dear {{recipient name}},</p>');
    expect(html).toContain('WHAT HAPPENED');
    expect(html).toContain('Payroll export &lt;leaked&gt;');
    expect(html).toContain('by Carol Commander (carol)');
    expect(html).toContain('still needed: 1 × legal, 1 × communications');
    expect(html).toMatch(/<form method="post" action="[^"]+\/approve"/);
    expect(html).toContain(`name="contentHash" value="${customerHash}"`);
  });

  it('offers Approve and Reject only to who can use them: not the auditor, the requester or a voter', async () => {
    const forms = (html: string) => ({
      approve: /action="[^"]+\/approve"/.test(html),
      reject: /action="[^"]+\/reject"/.test(html),
    });
    // The auditor has no quorum role; carol requested the customer notice; rick is a responder.
    for (const who of ['audrey', 'carol', 'rick'] as const) {
      const { html } = await open('customer_notice', who);
      expect({ who, ...forms(html) }).toEqual({ who, approve: false, reject: false });
      expect(html).toContain('You cannot decide this draft:');
    }
    expect((await open('customer_notice', 'carol')).html).toContain(
      'carol requested this approval and cannot approve or reject it (four eyes)',
    );
    // lena requested the regulator notice herself: four eyes hide it from her; leo, legal too, may decide.
    expect(forms((await open('regulator_notice', 'lena')).html)).toEqual({ approve: false, reject: false });
    expect(forms((await open('regulator_notice', 'leo')).html)).toEqual({ approve: true, reject: true });
    expect(forms((await open('customer_notice', 'cami')).html)).toEqual({ approve: true, reject: true });
  });

  it('does not offer to approve a draft the page cannot show as it is (templates changed since)', async () => {
    const templatesDir = mkdtempSync(join(tmpdir(), 'bp-web-templates-'));
    cpSync(TEMPLATES_DIR, templatesDir, { recursive: true });
    appendFileSync(
      join(templatesDir, 'notices/customer/en.body.hbs'),
      '\n{{#say}}P.S. edited after the draft.{{/say}}\n',
    );
    const edited = await s.startApp({}, templatesDir);
    const res = await fetch(`${edited.url}${pagePath('customer_notice')}`, { headers: s.bearer('lena') });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`is not the draft awaiting approval (${customerHash.slice(0, 12)})`);
    expect(html).toContain('Excerpt recorded with the draft');
    expect(html).not.toContain('P.S. edited');
    expect(html).not.toContain('/approve"');
    expect(html).toContain('/reject"');
  });

  it('refuses what the workflow refuses — wrong role, own request, stale draft — with its reason, writing nothing', async () => {
    await writesNothing(async () => {
      const wrongRole = await decide('customer_notice', 'approve', 'rick', { contentHash: customerHash });
      expect(wrongRole.status).toBe(403);
      expect(wrongRole.html).toContain('Approval refused');
      expect(wrongRole.html).toContain(
        'Nothing was recorded: rick cannot approve &quot;Customer notice&quot;: needs the legal or communications role.',
      );

      const ownRequest = await decide('regulator_notice', 'approve', 'lena', { contentHash: regulatorHash });
      expect(ownRequest.status).toBe(403);
      expect(ownRequest.html).toContain(
        'lena requested this approval and cannot approve or reject it (four eyes)',
      );
      const ownReject = await decide('regulator_notice', 'reject', 'lena', {
        contentHash: regulatorHash,
        reason: 'mine',
      });
      expect(ownReject.status).toBe(403);

      const stale = await decide('customer_notice', 'approve', 'lena', { contentHash: 'e'.repeat(64) });
      expect(stale.status).toBe(409);
      expect(stale.html).toContain('the draft you saw (eeeeeeeeeeee) is no longer the one awaiting approval');

      const auditor = await decide('customer_notice', 'approve', 'audrey', { contentHash: customerHash });
      expect(auditor.status).toBe(403);
      expect(auditor.html).toContain('audrey cannot approve');
    });
    expect((await gate('customer_notice')).votes).toEqual([]);
  });

  it('refuses a decision without its CSRF token or from another site, writing nothing', async () => {
    await writesNothing(async () => {
      const missing = await postForm(
        `${s.url}${pagePath('customer_notice')}/approve`,
        { contentHash: customerHash },
        s.bearer('lena'),
      );
      expect(missing.status).toBe(403);
      expect(await missing.text()).toContain('CSRF check failed');

      // A token from someone else's page is not lena's.
      const ricks = csrfOf((await open('customer_notice', 'rick')).html);
      expect(
        (await decide('customer_notice', 'approve', 'lena', { contentHash: customerHash, _csrf: ricks }))
          .status,
      ).toBe(403);

      const crossOrigin = await decide(
        'customer_notice',
        'approve',
        'lena',
        { contentHash: customerHash },
        { origin: 'https://evil.example' },
      );
      expect(crossOrigin.status).toBe(403);
      expect(crossOrigin.html).toContain('the request came from https://evil.example');
      const crossSite = await decide(
        'customer_notice',
        'approve',
        'lena',
        { contentHash: customerHash },
        { 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.status).toBe(403);

      const noReason = await decide('regulator_notice', 'reject', 'leo', {
        contentHash: regulatorHash,
        reason: '  ',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.html).toContain('say why you reject the draft: the reason goes on the timeline');
    });
  });

  it('records an approval from the web page, shown on the timeline with who gave it', async () => {
    const lena = await decide('customer_notice', 'approve', 'lena', {
      contentHash: customerHash,
      comment: 'Reviewed <ok>',
    });
    expect(lena.status).toBe(303);
    expect(lena.location).toBe(`${pagePath('customer_notice')}?done=approved`);
    const after = await fetch(`${s.url}${lena.location}`, { headers: s.bearer('lena') });
    const html = await after.text();
    expect(html).toContain('Your approval was recorded.');
    expect(html).toMatch(
      /<td>Lena Legal \(lena\)<\/td><td>legal<\/td><td>web<\/td><td>[^<]+<\/td><td>Reviewed &lt;ok&gt;<\/td>/,
    );

    // She has voted: the page no longer offers her Approve (the second seat is communications').
    expect(html).not.toMatch(/action="[^"]+\/approve"/);
    expect(html).toContain('lena has already approved this draft');

    const granted = (await inc.timeline()).filter((e) => e.type === 'approval.granted');
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({
      actor: {
        id: 'lena',
        name: 'Lena Legal',
        roles: ['legal'],
        source: 'web',
        // The web edge signed how it knew her: her token (named by a prefix of its hash, never the token).
        principal: {
          personId: 'lena',
          method: 'token',
          subject: expect.stringMatching(/^sha256:[0-9a-f]{16}$/),
          edge: 'web',
        },
      },
      details: {
        gateId: 'customer_notice',
        contentHash: customerHash,
        role: 'legal',
        comment: 'Reviewed <ok>',
      },
    });
    const report = await (
      await fetch(`${s.url}/incidents/${inc.incidentId}/timeline`, { headers: s.bearer('audrey') })
    ).text();
    expect(report).toContain('Approved as legal: Customer notice');
    expect(report).toContain('Lena Legal <span class="muted">(lena, web)</span>');

    // The second seat; then the gate is decided and the page offers no more buttons.
    expect((await decide('customer_notice', 'approve', 'cami', { contentHash: customerHash })).status).toBe(
      303,
    );
    expect((await gate('customer_notice')).status).toBe('approved');
    const decided = await open('customer_notice', 'leo');
    expect(decided.html).not.toContain('/approve"');
    expect(decided.html).toContain('Cami Comms (cami)');
    // Leo's CSRF token from a page that still has forms: he may post, and the workflow says no.
    const leos = csrfOf((await open('regulator_notice', 'leo')).html);
    const late = await decide('customer_notice', 'approve', 'leo', {
      contentHash: customerHash,
      _csrf: leos,
    });
    expect(late.status).toBe(409);
    expect(late.html).toContain('&quot;Customer notice&quot; was already approved');
  });

  it('records a rejection with its reason', async () => {
    const res = await decide('regulator_notice', 'reject', 'leo', {
      contentHash: regulatorHash,
      reason: 'Art. 33 facts <incomplete>',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${pagePath('regulator_notice')}?done=rejected`);
    expect(await gate('regulator_notice')).toMatchObject({
      status: 'rejected',
      rejection: { actor: { id: 'leo', source: 'web' }, reason: 'Art. 33 facts <incomplete>' },
    });
    const { html } = await open('regulator_notice', 'audrey');
    expect(html).toContain('Rejected by Leo Legal (leo)');
    expect(html).toContain('Art. 33 facts &lt;incomplete&gt;');
  });

  it('lists what the content check found per jurisdiction, and takes counsel’s override before approval', async () => {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({
        awareAt: new Date().toISOString(),
        lawEnforcementDelay: undefined,
        breachStartedAt: undefined,
      }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    const other = new IncidentDriver(s.stack.client, incidentId);
    await other.send(msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'test',
    });
    const hash = (await other.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' }))
      .draft.contentHash;
    const path = `/incidents/${incidentId}/approvals/customer_notice`;
    const page = async () => (await fetch(`${s.url}${path}`, { headers: s.bearer('lena') })).text();
    const html = await page();
    expect(html).toContain('Fails the content rules: 2 problem(s)');
    expect(html).toMatch(
      /<td>US-CA<\/td><td>US-CA<\/td><td>missing whether the notice was delayed by a law-enforcement investigation<\/td><td>§ 1798\.82\(d\)\(2\)\(E\)<\/td><td>de, en, es, fr, it, ja, nl, pl, pt<\/td>/,
    );
    expect(html).toContain('§ 1798.82(d)(2)(C)');
    // No Approve button until counsel overrides; the override form is there instead.
    expect(html).not.toContain('/approve"');
    expect(html).toMatch(/<form method="post" action="[^"]+\/override"/);
    const csrf = csrfOf(html);
    const refused = await postForm(
      `${s.url}${path}/approve`,
      { _csrf: csrf, contentHash: hash },
      s.bearer('lena'),
    );
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('fails the notice content check (2 problem(s): US-CA)');
    const noReason = await postForm(
      `${s.url}${path}/override`,
      { _csrf: csrf, contentHash: hash, reason: ' ' },
      s.bearer('lena'),
    );
    expect(noReason.status).toBe(400);
    const cami = await postForm(
      `${s.url}${path}/override`,
      {
        _csrf: csrfOf(await (await fetch(`${s.url}${path}`, { headers: s.bearer('cami') })).text()),
        contentHash: hash,
        reason: 'go',
      },
      s.bearer('cami'),
    );
    expect(cami.status).toBe(403);
    const done = await postForm(
      `${s.url}${path}/override`,
      { _csrf: csrf, contentHash: hash, reason: 'dates unknown; <no> delay' },
      s.bearer('lena'),
    );
    expect(done.status).toBe(303);
    const after = await (
      await fetch(`${s.url}${done.headers.get('location')}`, { headers: s.bearer('lena') })
    ).text();
    expect(after).toContain('Your override of the content check was recorded.');
    expect(after).toContain('Overridden by Lena Legal (lena)');
    expect(after).toContain('dates unknown; &lt;no&gt; delay');
    expect(after).toMatch(/<form method="post" action="[^"]+\/approve"/);
    expect((await other.types()).filter((t) => t === 'approval.compliance_overridden')).toHaveLength(1);
  });
});
