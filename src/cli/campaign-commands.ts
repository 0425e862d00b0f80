// `breachplan recipients import`, `notice preview` and `campaign start|pause|resume|cancel|status|undeliverable`:
// the customer-notice campaign through the API. The import streams the file to the server, which encrypts it
// at rest; the CLI holds no key.
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CampaignProgress, CampaignSummary } from '../domain/campaign';
import { ApiRefusal, type ApiClient } from './api-client';
import { CliUsageError } from './errors';
import { incidentId } from './incident-commands';
import { clean, print, table } from './output';

export interface CampaignCliContext {
  api(): ApiClient;
}

interface ImportAnswer {
  listHash: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  total: number;
  existed: boolean;
  locales: Record<string, number>;
  /** Absent from servers before language fallback was counted. */
  fallbacks?: number;
  countryLanguages?: Record<string, number>;
  localeFallbacks?: Record<string, number>;
  withoutEmail?: number;
  rejects: { line: number; reason: string }[];
  factsChanged: string[];
}

/** ` (country language DE:de 3, FR:fr 1; no template for sv 2)`: how the fallbacks came about. */
function fallbackDetail(r: ImportAnswer): string {
  const kv = (o: Record<string, number> = {}) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const parts = [];
  if (Object.keys(r.countryLanguages ?? {}).length) parts.push(`country language ${kv(r.countryLanguages)}`);
  if (Object.keys(r.localeFallbacks ?? {}).length) parts.push(`no template for ${kv(r.localeFallbacks)}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Per channel once the letters are laid out: `\n  channels: email 95  letter 4  failed 1` and the files. */
export function channelLines(p: CampaignProgress): string {
  const out: string[] = [];
  if (p.channels)
    out.push(
      `  channels: email ${p.channels.email}  letter ${p.channels.letter}  failed ${p.channels.failed}`,
    );
  else if (p.toLetter) out.push(`  waiting for a printed letter: ${p.toLetter}`);
  if (p.letters && 'error' in p.letters) out.push(`  letters not laid out: ${p.letters.error}`);
  else if (p.letters)
    out.push(
      `  letters: ${p.letters.printed} in ${p.letters.files} file(s), ${p.letters.pages} pages (${p.letters.noEmail} without email, ${p.letters.bounced} refused by email), ${p.letters.unreachable} without a usable address; manifest sha256 ${p.letters.manifestSha256}`,
    );
  return out.length ? `\n${out.join('\n')}` : '';
}

/** A one-line progress bar: `[#########-----------]  45%  4,500 sent  12 failed  5,488 left  310/s  ETA 18s`. */
export function progressBar(p: CampaignProgress, width = 30): string {
  const done = p.sent + p.failed;
  const frac = p.total > 0 ? done / p.total : 1;
  const filled = Math.round(frac * width);
  const n = (x: number) => x.toLocaleString('en-US');
  const eta = p.etaSeconds === null ? '-' : `${p.etaSeconds}s`;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}%  ` +
    `${n(p.sent)} sent  ${n(p.failed)} failed  ${n(p.remaining)} left  ${n(p.rate)}/s  ETA ${eta}  (${p.status}${
      p.pausedBy.length ? `: ${p.pausedBy.join(', ')}` : ''
    })` +
    (p.inDoubt || p.reconciled
      ? `  in doubt after a crash: ${n(p.reconciled ?? 0)} confirmed delivered, ${n(p.inDoubt)} resent`
      : '')
  );
}

export function registerCampaignCommands(program: Command, ctx: CampaignCliContext): void {
  const path = (id: string, rest: string) => `/incidents/${incidentId(id)}${rest}`;

  const recipients = program.command('recipients').description('The people a customer notice goes to');
  recipients
    .command('import <incident> <file>')
    .description(
      'Import the people affected (CSV or JSONL), encrypted at rest by the server; updates the affected counts',
    )
    .option('--format <format>', 'csv or jsonl (default: from the file name)')
    .option('--rejects <file>', 'write rejected rows here (default: stderr)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, file: string, o: { format?: string; rejects?: string; json?: boolean }) => {
      if (o.format && o.format !== 'csv' && o.format !== 'jsonl')
        throw new CliUsageError('--format: csv or jsonl');
      if (!existsSync(file)) throw new CliUsageError(`${file}: no such file`);
      const format = o.format ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv');
      const writeRejects = (rejects: ImportAnswer['rejects']) => {
        const lines = rejects.map((r) => clean(`${file}:${r.line}: rejected: ${r.reason}\n`)).join('');
        // Written before the process exits: the file holds every rejected row or the command fails.
        if (o.rejects) writeFileSync(o.rejects, lines, { mode: 0o600 });
        else process.stderr.write(lines);
      };
      let r: ImportAnswer;
      try {
        const res = await ctx.api().raw('POST', path(id, '/recipients'), {
          query: { format },
          stream: {
            body: createReadStream(file),
            contentType: format === 'jsonl' ? 'application/x-ndjson' : 'text/csv',
          },
          idempotent: true,
        });
        r = (await res.json()) as ImportAnswer;
      } catch (err) {
        // Nothing stored, facts untouched: show every rejected row, then the server's reason.
        if (err instanceof ApiRefusal && Array.isArray(err.problem.rejects)) {
          writeRejects(err.problem.rejects as ImportAnswer['rejects']);
          throw new CliUsageError(`${file}: ${err.message}`);
        }
        throw err;
      }
      writeRejects(r.rejects);
      print(o.json, { ...r, rejects: undefined }, () =>
        [
          `accepted ${r.accepted}  rejected ${r.rejected}  duplicates merged ${r.duplicates}  people ${r.total}`,
          `list ${r.listHash}${r.existed ? ' (already stored)' : ''}`,
          `locales ${Object.entries(r.locales)
            .map(([l, c]) => `${l}:${c}`)
            .join(' ')}`,
          ...(r.fallbacks !== undefined
            ? [
                `language fallback ${r.fallbacks}${fallbackDetail(r)}`,
                `without email (printed letter) ${r.withoutEmail ?? 0}`,
              ]
            : []),
          `facts ${r.factsChanged.length ? `updated: ${r.factsChanged.join(', ')}` : 'unchanged'}`,
          '',
        ].join('\n'),
      );
    });

  program
    .command('notice')
    .description('Customer notices')
    .command('preview <incident>')
    .description(
      'The customer notice as counsel will approve it: the content check per jurisdiction, then one variant',
    )
    .option('--locale <locale>', 'language of the notice', 'en')
    .option('--variant <variant>', 'reader variant to show (US-MA, EU-GDPR, general; default the first)')
    .action(async (id: string, o: { locale: string; variant?: string }) => {
      const p = await ctx.api().get<{ text: string; found: boolean }>(path(id, '/notice-preview'), {
        locale: o.locale,
        ...(o.variant ? { variant: o.variant } : {}),
      });
      process.stdout.write(clean(p.text));
      if (!p.found) process.exitCode = 2;
    });

  const campaign = program.command('campaign').description('The customer-notice campaign of an incident');
  campaign
    .command('start <incident> <listHash>')
    .description('Send the approved customer notice to everyone on an imported list')
    .option('--batch <n>', 'people per batch activity')
    .action(async (id: string, listHash: string, o: { batch?: string }) => {
      if (!/^[0-9a-f]{64}$/.test(listHash))
        throw new CliUsageError('listHash: the 64-hex list hash printed by `recipients import`');
      if (o.batch !== undefined && !/^\d+$/.test(o.batch)) throw new CliUsageError('--batch: a whole number');
      const c = await ctx.api().post<CampaignSummary>(path(id, '/campaigns'), {
        recipientsHash: listHash,
        ...(o.batch ? { batchSize: Number(o.batch) } : {}),
      });
      process.stdout.write(`campaign ${c.campaignId} started: ${c.total} people\n`);
    });

  for (const verb of ['pause', 'resume', 'cancel'] as const) {
    campaign
      .command(`${verb} <incident>`)
      .description(`${verb[0]!.toUpperCase()}${verb.slice(1)} the running campaign`)
      .option('--reason <text>', 'why (recorded on the timeline)')
      .action(async (id: string, o: { reason?: string }) => {
        const c = await ctx.api().post<CampaignSummary>(path(id, `/campaign/${verb}`), { reason: o.reason });
        process.stdout.write(`campaign ${c.campaignId}: ${verb} requested\n`);
      });
  }

  campaign
    .command('status <incident>')
    .description('Progress of the latest campaign: sent, failed, remaining, rate, ETA')
    .option('--watch', 'keep showing progress until the campaign ends')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { watch?: boolean; json?: boolean }) => {
      for (;;) {
        const s = await ctx
          .api()
          .get<{ campaign: CampaignSummary; progress: CampaignProgress }>(path(id, '/campaign'));
        if (o.json) return print(true, s, () => '');
        const line = `${s.campaign.campaignId}  ${progressBar(s.progress)}${channelLines(s.progress)}`;
        if (!o.watch || ['completed', 'cancelled', 'failed'].includes(s.progress.status)) {
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
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      const rows = await ctx.api().post<
        {
          email: string;
          name: string;
          country: string;
          region?: string;
          smtpCode: number;
          reason: string;
        }[]
      >(path(id, '/campaign/undeliverable'));
      print(o.json, rows, () =>
        clean(
          table(
            ['email', 'name', 'country', 'region', 'code', 'reason'],
            rows.map((r) => [r.email, r.name, r.country, r.region, r.smtpCode, r.reason]),
          ),
        ),
      );
    });
}
