// `breachplan recipients import`, `notice preview` and `campaign start|pause|resume|cancel|status|undeliverable`:
// the customer-notice campaign from the command line, on the shared client and the encrypted recipient store.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { incidentIdSchema } from '../domain/incident';
import { listHashSchema } from '../domain/recipient';
import type { Actor } from '../domain/roles';
import { contentHashOf, NoticeRenderer, noticeLocales } from '../notices/render';
import { noticePreview } from '../notices/preview';
import { type ImportFormat, importRecipients, RecipientImportError } from '../recipients/import';
import { latestCampaign, progressBar, progressOf, undeliverable } from '../temporal/campaigns';
import { loadCodecKeys } from '../temporal/keys';
import { incidentHandle } from '../temporal/incidents';
import { TEMPLATES_DIR } from '../paths';
import * as msg from '../../workflows/messages';
import { CliUsageError } from './errors';
import { print, table } from './output';
import { cliSend } from './embedded-signing';

export interface CampaignCliContext {
  client(): Promise<Client>;
  config(): Config;
  actor(as?: string): Actor;
}

function incidentId(value: string): string {
  const r = incidentIdSchema.safeParse(value.toUpperCase());
  if (!r.success) throw new CliUsageError(`"${value}" is not an incident id like INC-20261124-7F3K`);
  return r.data;
}

const asOpt = (c: Command) =>
  c.option('--as <person>', 'act as this person (id, email or Slack id); default BREACHPLAN_ACTOR');

export function registerCampaignCommands(program: Command, ctx: CampaignCliContext): void {
  const recipientsDir = () => resolve(ctx.config().recipientsDir);
  const keys = () => loadCodecKeys(ctx.config());
  const importLocales = (view: msg.IncidentView) => {
    const gate = view.gates.find((g) => g.kind === 'customer_notice');
    const available = gate ? noticeLocales(TEMPLATES_DIR, gate.template) : [];
    if (available.length === 0) return undefined;
    return { available, fallback: available.includes('en') ? 'en' : available[0]! };
  };
  const handle = async (id: string) => incidentHandle(await ctx.client(), incidentId(id));

  const recipients = program.command('recipients').description('The people a customer notice goes to');
  asOpt(recipients.command('import <incident> <file>'))
    .description('Import the people affected (CSV or JSONL), encrypted at rest; updates the affected counts')
    .option('--format <format>', 'csv or jsonl (default: from the file name)')
    .option('--rejects <file>', 'write rejected rows here (default: stderr)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        id: string,
        file: string,
        o: { format?: string; rejects?: string; as?: string; json?: boolean },
      ) => {
        if (o.format && o.format !== 'csv' && o.format !== 'jsonl')
          throw new CliUsageError('--format: csv or jsonl');
        const actor = ctx.actor(o.as);
        const h = await handle(id);
        const view = await h.query(msg.getIncident);
        const rejectsOut = o.rejects ? createWriteStream(o.rejects) : undefined;
        let r;
        try {
          r = await importRecipients({
            input: file,
            format: o.format as ImportFormat | undefined,
            dir: recipientsDir(),
            keys: keys(),
            // A file without a data-categories column: each person had what the incident says was exposed.
            defaultDataCategories: view.facts.dataCategories,
            // Languages without a notice template get the fallback's (counted below), never a refusal later.
            locales: importLocales(view),
            onReject: ({ line, reason }) =>
              (rejectsOut ?? process.stderr).write(`${file}:${line}: rejected: ${reason}\n`),
          });
        } catch (err) {
          // Nothing stored, facts untouched: the incident keeps its estimate.
          if (err instanceof RecipientImportError) throw new CliUsageError(`${file}: ${err.message}`);
          throw err;
        } finally {
          rejectsOut?.end();
        }
        const facts = await cliSend(h, msg.updateFacts, {
          actor,
          patch: { affected: r.meta.affected, estimatedAffected: r.total },
          reason: `recipient list ${r.listHash.slice(0, 12)} imported (${r.total} people)`,
        });
        print(o.json, { ...r, meta: undefined, factsChanged: facts.changed }, () =>
          [
            `accepted ${r.accepted}  rejected ${r.rejected}  duplicates merged ${r.duplicates}  people ${r.total}`,
            `list ${r.listHash}${r.existed ? ' (already stored)' : ''}`,
            `locales ${Object.entries(r.meta.locales)
              .map(([l, c]) => `${l}:${c}`)
              .join(' ')}`,
            ...Object.entries(r.localeFallbacks).map(
              ([l, c]) =>
                `locale ${l}: no notice template; ${c} person(s) get the ${importLocales(view)!.fallback} notice`,
            ),
            `facts ${facts.changed.length ? `updated: ${facts.changed.join(', ')}` : 'unchanged'}`,
            '',
          ].join('\n'),
        );
      },
    );

  program
    .command('notice')
    .description('Customer notices')
    .command('preview <incident>')
    .description(
      'Render the customer notice as counsel approves it: the content-rule check per jurisdiction, and one variant',
    )
    .option('--locale <locale>', 'language of the notice', 'en')
    .option(
      '--variant <jurisdictions>',
      'reader variant to show, e.g. US-MA or EU-GDPR (default: the general one)',
    )
    .option('--html', 'show the HTML part instead of the text')
    .option('--json', 'print the compliance result as JSON')
    .action(async (id: string, o: { locale: string; variant?: string; html?: boolean; json?: boolean }) => {
      const view = await (await handle(id)).query(msg.getIncident);
      const gate = view.gates.find((g) => g.kind === 'customer_notice');
      if (!gate) throw new CliUsageError('this incident has no customer notice gate');
      const p = noticePreview(TEMPLATES_DIR, view.incidentId, view.facts, gate, o, ctx.config().notice);
      if (o.json) {
        print(true, { contentHash: p.content.contentHash, compliance: p.content.compliance }, () => '');
        return;
      }
      if (!p.found) throw new CliUsageError(p.text.trim().split('\n').pop()!);
      process.stdout.write(p.text);
    });

  const campaign = program.command('campaign').description('The customer-notice campaign of an incident');
  asOpt(campaign.command('start <incident> <listHash>'))
    .description('Send the approved customer notice to everyone on an imported list')
    .option('--batch <n>', 'people per batch activity', (v) => Number(v))
    .action(async (id: string, listHash: string, o: { as?: string; batch?: number }) => {
      if (!listHashSchema.safeParse(listHash).success)
        throw new CliUsageError('listHash: the 64-hex list hash printed by `recipients import`');
      const c = await cliSend(await handle(id), msg.startCampaign, {
        actor: ctx.actor(o.as),
        recipientsHash: listHash,
        ...(o.batch ? { batchSize: o.batch } : {}),
      });
      process.stdout.write(`campaign ${c.campaignId} started: ${c.total} people\n`);
    });

  for (const [verb, def] of [
    ['pause', msg.pauseCampaign],
    ['resume', msg.resumeCampaign],
    ['cancel', msg.cancelCampaign],
  ] as const) {
    asOpt(campaign.command(`${verb} <incident>`))
      .description(`${verb[0]!.toUpperCase()}${verb.slice(1)} the running campaign`)
      .option('--reason <text>', 'why (recorded on the timeline)')
      .action(async (id: string, o: { as?: string; reason?: string }) => {
        const c = await cliSend(await handle(id), def, { actor: ctx.actor(o.as), reason: o.reason });
        process.stdout.write(`campaign ${c.campaignId}: ${verb} requested\n`);
      });
  }

  campaign
    .command('status <incident>')
    .description('Progress of the latest campaign: sent, failed, remaining, rate, ETA')
    .option('--watch', 'keep showing progress until the campaign ends')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { watch?: boolean; json?: boolean }) => {
      const client = await ctx.client();
      for (;;) {
        const c = await latestCampaign(client, incidentId(id));
        const p = await progressOf(client, c);
        if (o.json) return print(true, { campaign: c, progress: p }, () => '');
        const line = `${c.campaignId}  ${progressBar(p)}`;
        if (!o.watch || ['completed', 'cancelled', 'failed'].includes(p.status)) {
          process.stdout.write(`${o.watch ? '\r' : ''}${line}\n`);
          return;
        }
        process.stdout.write(`\r${line}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    });

  campaign
    .command('undeliverable <incident>')
    .description(
      'People the campaign could not reach, with their postal address (for substitute notice); the export is recorded on the timeline',
    )
    .option('--as <person>', 'who exports the list (a participant of the incident); default BREACHPLAN_ACTOR')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean; as?: string }) => {
      const actor = ctx.actor(o.as);
      const h = await handle(id);
      const c = await latestCampaign(await ctx.client(), incidentId(id));
      const bad = await undeliverable(recipientsDir(), keys(), c);
      // Personal data leaves the store: the timeline says who took it, when, and how many people (no names).
      await cliSend(h, msg.addNote, {
        actor,
        text: `Exported the undeliverable list of campaign ${c.campaignId} (${bad.length} people) for substitute notice`,
      });
      const rows = bad.map((b) => ({
        email: b.recipient[0],
        name: b.recipient[1],
        country: b.recipient[3],
        region: b.recipient[4],
        address: b.recipient[5],
        smtpCode: b.code,
        reason: b.code === 0 ? 'unusable data' : b.code === 499 ? 'transient failures, gave up' : 'refused',
      }));
      print(o.json, rows, () =>
        table(
          ['email', 'name', 'country', 'region', 'code', 'reason'],
          rows.map((r) => [r.email, r.name, r.country, r.region, r.smtpCode, r.reason]),
        ),
      );
    });
}
