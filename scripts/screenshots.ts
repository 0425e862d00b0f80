/// <reference lib="dom" />
// Makes the README's web screenshots (docs/web-*.png): a real Temporal dev server, worker and HTTP app as the
// tests start them, a few incidents, and Debian's Chromium driven by puppeteer-core. Not a test: run it by hand
// after changing the pages, `npx tsx scripts/screenshots.ts` (BREACHPLAN_CHROMIUM to use another browser).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import * as msg from '../workflows/messages';
import { loadRunbookFile } from '../src/temporal/incidents';
import globalSetup from '../test/support/global-setup';
import globalTeardown from '../test/support/global-teardown';
import { declareAs } from '../test/support/auth';
import { IncidentDriver } from '../test/support/incident-driver';
import { as, sampleFacts } from '../test/support/people';
import { startWebTestStack } from '../test/support/web-stack';

const H = 3_600_000;
const OUT = join(__dirname, '..', 'docs');

async function main(): Promise<void> {
  await globalSetup();
  const s = await startWebTestStack();
  const browser = await puppeteer.launch({
    executablePath: process.env.BREACHPLAN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const declare = async (facts: Parameters<typeof sampleFacts>[0]) => {
      const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
        facts: sampleFacts(facts),
        runbook: loadRunbookFile(),
        actor: as('carol'),
      });
      return new IncidentDriver(s.stack.client, incidentId);
    };
    const carol = as('carol');
    const eu = await declare({
      title: 'CRM contacts exported with a leaked API key',
      severity: 'sev1',
      awareAt: new Date(Date.now() - 61 * H).toISOString(),
    });
    await eu.send(msg.advancePhase, {
      actor: carol,
      to: 'notify_customers',
      force: true,
      reason: 'notices first',
    });
    const first = await eu.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    await eu.send(msg.reject, {
      actor: as('lena'),
      gateId: 'customer_notice',
      requestId: first.requestId,
      contentHash: first.draft.contentHash,
      reason: 'say that the backups were taken too',
    });
    await eu.send(msg.updateFacts, {
      actor: as('rick'),
      patch: {
        summary: 'An attacker used a leaked API key to export the customers table and its nightly backups.',
      },
      reason: 'counsel asked',
    });
    await eu.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    await eu.send(msg.placeHold, { actor: as('leo'), agency: 'BKA', reference: 'ZD-2026-114' });
    const us = await declare({
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
    await declare({
      title: 'Phishing of a support mailbox',
      severity: 'sev4',
      awareAt: new Date().toISOString(),
    });

    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.setViewport({ width: 1280, height: 960 });
    await page.goto(`${s.url}/login`);
    await page.type('#token', s.tokens.lena);
    await Promise.all([page.waitForNavigation(), page.click('form.decide button')]);
    mkdirSync(OUT, { recursive: true });
    const shot = async (path: string, file: string, fullPage = false) => {
      await page.goto(`${s.url}${path}`);
      await page.screenshot({ path: join(OUT, file), fullPage });
      console.log(`docs/${file}: ${path}`);
    };
    await shot('/incidents?sort=deadline', 'web-dashboard.png');
    await shot(`/incidents/${eu.incidentId}`, 'web-incident.png');
    await page.goto(`${s.url}/incidents/${eu.incidentId}/approvals/customer_notice`);
    await page.$eval('#diff', (el) => el.scrollIntoView());
    await page.screenshot({ path: join(OUT, 'web-approval-diff.png') });
    console.log('docs/web-approval-diff.png: the approval page at the diff');
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2 });
    await shot(`/incidents/${us.incidentId}`, 'web-phone.png');
  } finally {
    await browser.close();
    await s.stop();
    await globalTeardown();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
