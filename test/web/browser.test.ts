/// <reference lib="dom" />
// The console in a real browser: Debian's Chromium driven by puppeteer-core, against the real HTTP app on a
// real worker and Temporal server. A commander, counsel, communications and an auditor walk an incident from
// declaration to its report, each in their own browser context, and the test asserts what the pages show —
// including each "wrong today" bug of the web review. One browser for the suite; servers on port 0.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { IncidentDriver, eventually } from '../support/incident-driver';
import { startWebTestStack, type WebTestStack } from '../support/web-stack';

export const CHROMIUM = process.env.BREACHPLAN_CHROMIUM ?? '/usr/bin/chromium';

type Who = 'carol' | 'lena' | 'cami' | 'audrey';

describe('the console in Chromium', () => {
  let s: WebTestStack;
  let browser: Browser;
  const pages = {} as Record<Who, Page>;
  let incidentId = '';
  let listHash = '';
  let inc: IncidentDriver;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: .ci/run installs Debian's chromium (apt-get install chromium)`,
      );
    s = await startWebTestStack();
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // As root (CI and this machine) Chromium's sandbox cannot start.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    for (const who of ['carol', 'lena', 'cami', 'audrey'] as const) {
      const ctx = await browser.createBrowserContext();
      const page = await ctx.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(`${s.url}/login`);
      await page.type('#token', s.tokens[who]);
      await Promise.all([page.waitForNavigation(), page.click('form.decide button')]);
      pages[who] = page;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  const text = (page: Page, selector = 'main') => page.$eval(selector, (el) => (el as HTMLElement).innerText);
  const open = async (who: Who, path: string) => {
    const page = pages[who];
    const res = await page.goto(`${s.url}${path}`);
    return { page, status: res?.status() };
  };
  /** Fills a form's fields (by name) and submits it with its button, waiting for the page that follows. */
  const submit = async (page: Page, form: string, fields: Record<string, string> = {}) => {
    // Details that hold forms are opened as a person would, by clicking their summary.
    await page.$eval(form, (el) => el.closest('details')?.setAttribute('open', ''));
    for (const [name, value] of Object.entries(fields)) {
      const sel = `${form} [name="${name}"]`;
      const [tag, type] = await page.$eval(sel, (el) => [el.tagName.toLowerCase(), el.getAttribute('type')]);
      if (tag === 'select') await page.select(sel, value);
      else if (type === 'checkbox') await page.$eval(sel, (el) => ((el as HTMLInputElement).checked = true));
      else if (type === 'datetime-local')
        await page.$eval(sel, (el, v) => ((el as HTMLInputElement).value = v), value);
      else {
        await page.$eval(sel, (el) => ((el as HTMLInputElement).value = ''));
        await page.type(sel, value);
      }
    }
    const [res] = await Promise.all([page.waitForNavigation(), page.click(`${form} button`)]);
    return res?.status();
  };
  const action = (op: string) => `form[action$="/do/${op}"]`;

  it('signs each person in and shows the dashboard with the header, skip link first for the keyboard', async () => {
    const page = pages.lena;
    await page.goto(`${s.url}/incidents`);
    expect(await text(page, 'header')).toContain('Lena Legal (lena)');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content');
    expect(await text(page)).toMatch(/Clocks computed at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('the commander declares, changes facts and imports the people affected', async () => {
    const { page } = await open('carol', '/declare');
    expect(
      await submit(page, 'form[action="/declare"]', {
        title: 'Browser walk: CRM export',
        summary: 'An attacker exported the CRM contacts table.',
        severity: 'sev1',
        dataCategories: 'name, email',
        affected: 'DE:2, US-CA:1',
        affectedSystems: 'crm',
        breachStartedAt: '2026-11-28T22:00',
        contained: 'yes',
        lawEnforcementDelay: 'no',
      }),
    ).toBe(200);
    incidentId = /\/incidents\/(INC-[0-9A-Z-]+)/.exec(page.url())![1]!;
    inc = new IncidentDriver(s.stack.client, incidentId);
    expect(await text(page, '.flash')).toContain('The incident was declared');
    expect(await text(page, 'h1')).toBe('Browser walk: CRM export');
    // What is next names people, not only roles.
    expect(await text(page, '#steps')).toContain('on commander: Carol Commander (carol)');

    await submit(page, action('updateFacts'), { affectedSystems: 'crm, backup', reason: 'backups too' });
    expect(await text(page, '.flash')).toBe('The facts were changed.');
    expect(await text(page)).toContain('crm, backup');

    await submit(page, action('importRecipients'), {
      csv: 'email,name,country,region\nana@example.test,Ana,DE,\nben@example.test,Ben,DE,\ncal@example.test,Cal,US,US-CA\n',
    });
    expect(await text(page, '.flash')).toBe('The recipient list was imported.');
    listHash = await page.$eval('#c-hash', (el) => (el as HTMLInputElement).value);
    expect(listHash).toMatch(/^[0-9a-f]{64}$/);

    await submit(page, action('advancePhase'), {
      to: 'notify_customers',
      force: 'on',
      reason: 'notices first',
    });
    expect(await text(page)).toContain('phase Notify customers + Inform authorities');
    await submit(page, `${action('requestApproval')}:has(input[value="customer_notice"])`);
    expect(await text(page, '.flash')).toBe('The draft was rendered and approval requested.');
  });

  it('the auditor and the requester are not offered Approve or Reject (B5)', async () => {
    for (const who of ['audrey', 'carol'] as const) {
      const { page } = await open(who, `/incidents/${incidentId}/approvals/customer_notice`);
      expect(await page.$('button.approve')).toBeNull();
      expect(await page.$('button.reject')).toBeNull();
      expect(await text(page, '#cannot-decide')).toContain('You cannot decide this draft');
    }
  });

  it('counsel rejects, the commander redrafts, counsel reads the diff and the content check, then approves', async () => {
    const { page } = await open('lena', `/incidents/${incidentId}/approvals/customer_notice`);
    expect(await text(page, '#compliance')).toMatch(/^Passes the content rules/);
    await submit(page, 'form[action$="/reject"]', { reason: 'name the backups' });
    expect(await text(page, '.flash')).toBe('Your rejection was recorded.');

    const carol = (await open('carol', `/incidents/${incidentId}`)).page;
    expect(await text(carol, '.blocked')).toContain('Rejected by Lena Legal (lena)');
    expect(await text(carol, '.blocked')).toContain('name the backups');
    await submit(carol, action('updateFacts'), {
      summary: 'An attacker exported the CRM contacts table and its backups.',
      reason: 'counsel asked',
    });
    await submit(carol, `${action('requestApproval')}:has(input[value="customer_notice"])`);

    await open('lena', `/incidents/${incidentId}/approvals/customer_notice`);
    expect(await text(page, '#diff')).toBe('Changes since the previous draft');
    const diff = await text(page, 'pre.diff');
    expect(diff).toMatch(/^\+ .*backups/m);
    expect(diff).toMatch(/^- .*contacts table\./m);
    expect(await text(page)).toContain('rejected: “name the backups”');
    await submit(page, 'form[action$="/approve"]', { comment: 'OK now' });
    expect(await text(page, '.flash')).toBe('Your approval was recorded.');
    // She voted: no Approve for her any more (the second seat is communications').
    expect(await page.$('button.approve')).toBeNull();

    const cami = (await open('cami', `/incidents/${incidentId}/approvals/customer_notice`)).page;
    await submit(cami, 'form[action$="/approve"]');
    expect(await text(cami, '.badge')).toBe('approved');
  });

  it('the commander starts the campaign and watches it; then the notice reads in full though facts change (B4)', async () => {
    const { page } = await open('carol', `/incidents/${incidentId}#campaign`);
    await submit(page, action('startCampaign'), { recipientsHash: listHash });
    expect(await text(page, '.flash')).toBe('The campaign was started.');
    const view = await eventually(
      () => inc.view(),
      (v) => v.campaigns?.[0]?.status === 'completed',
      { what: 'the campaign to complete', timeoutMs: 90_000 },
    );
    expect(view.campaigns![0]).toMatchObject({ total: 3, sent: 3 });
    await page.goto(`${s.url}/incidents/${incidentId}`);
    expect(await text(page)).toMatch(/completed, 3\/3 sent, 0 undeliverable/);

    // The facts change after the notice went out: the page still shows what was sent, in full.
    await submit(page, action('updateFacts'), {
      affectedSystems: 'crm, backup, wiki',
      reason: 'later finding',
    });
    const audrey = (await open('audrey', `/incidents/${incidentId}/approvals/customer_notice`)).page;
    const body = await text(audrey);
    expect(body).not.toContain('cannot be approved');
    expect(body).toContain('This is the notice that was sent');
    expect((await text(audrey, '#notice-text')).length).toBeGreaterThan(1500);
  });

  it('counsel has the regulator notice approved; the commander records it sent with reference and receipt', async () => {
    const carol = (await open('carol', `/incidents/${incidentId}`)).page;
    await submit(carol, `${action('requestApproval')}:has(input[value="regulator_notice"])`);
    const lena = (await open('lena', `/incidents/${incidentId}/approvals/regulator_notice`)).page;
    await submit(lena, 'form[action$="/approve"]');
    await open('carol', `/incidents/${incidentId}`);
    expect(await text(carol, '#steps')).toContain('File the approved Supervisory authority notice');
    await submit(carol, `${action('recordNoticeSent')}:has(input[value="regulator_notice"])`, {
      channel: 'portal',
      reference: 'BfDI-2026-77',
      receipt: 'ack 9F3',
    });
    expect(await text(carol, '.flash')).toBe('The notice was recorded as sent.');
    expect(await text(carol, '#approvals + *')).toContain('via portal (BfDI-2026-77; receipt: ack 9F3)');
  });

  it('the commander closes the incident: no live countdown any more (B3)', async () => {
    const { page } = await open('carol', `/incidents/${incidentId}`);
    await submit(page, action('closeIncident'), { reason: 'notices out', force: 'on' });
    expect(await text(page, '.badge')).toBe('closed');
    const body = await text(page);
    expect(body).toContain('clocks are frozen at the close');
    expect(body).not.toMatch(/\d+d \d+h left/);
    expect(await page.$('form[action*="/do/"]')).toBeNull();
  });

  it('the auditor reads the report as a document and filters it by person and type', async () => {
    const { page } = await open('audrey', `/incidents/${incidentId}/timeline`);
    const report = await text(page, 'body');
    expect(report).toContain('Browser walk: CRM export');
    expect(report).toContain('“name the backups”');
    // No raw JSON unless asked for.
    expect(await page.$eval('details.raw', (el) => (el as HTMLDetailsElement).open)).toBe(false);
    await page.select('form.filter select[name="person"]', 'lena');
    await Promise.all([page.waitForNavigation(), page.click('form.filter button')]);
    const rows = await page.$$eval('h2 ~ table:last-of-type tbody tr', (trs) => trs.length);
    expect(rows).toBeGreaterThan(0);
    const who = await page.$$eval('h2 ~ table:last-of-type tbody tr td:nth-child(4)', (tds) =>
      tds.map((td) => (td as HTMLElement).innerText),
    );
    expect(who.every((w) => w.includes('Lena Legal'))).toBe(true);
    expect(page.url()).toContain('person=lena');
  });

  it('a US-only incident declared in the browser shows no GDPR clock (B1); the page fits a phone', async () => {
    const { page } = await open('carol', '/declare');
    await submit(page, 'form[action="/declare"]', {
      title: 'US-only laptop',
      severity: 'sev3',
      dataCategories: 'name, ssn',
      affected: 'US-CA:40, US-NY:12',
      awareAt: new Date(Date.now() - 80 * 3_600_000).toISOString().slice(0, 16),
    });
    const body = await text(page);
    expect(body).not.toContain('GDPR');
    expect(body).not.toMatch(/missed:/);
    expect(body).toMatch(/Regulator reports ready \(72 h\)\s+internal target/);

    await page.setViewport({ width: 390, height: 844 });
    await page.reload();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // Every visible form control has a label.
    const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
      els.filter((el) => (el as HTMLInputElement).labels?.length === 0).map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
  });
});
