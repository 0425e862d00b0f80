// `breachplan regulator packages`, `breachplan notice substitute` and `breachplan submission`: the regulator
// packages of an incident (the fields each authority's form asks), substitute notice texts, and recording a
// filed authority notice with the authority's reference and its receipt (streamed to the API, hashed there).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import type { ApiClient } from './api-client';
import { CliUsageError } from './errors';
import { incidentId } from './incident-commands';
import { clean, print } from './output';

export interface LetterCliContext {
  api(): ApiClient;
}

interface PackageAnswer {
  packages: {
    obligationId: string;
    status: string;
    due: string | null;
    gateId: string | null;
    gate: { status: string; draftHash: string | null; sent: unknown } | null;
    form: { id: string; title: string; authority: string };
    missing: string[];
    text: string;
  }[];
}

const RECEIPT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.eml': 'message/rfc822',
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
};

export function registerLetterCommands(program: Command, ctx: LetterCliContext): void {
  const path = (id: string, rest: string) => `/incidents/${incidentId(id)}${rest}`;

  program
    .command('regulator')
    .description('Regulator packages')
    .command('packages <incident>')
    .description(
      'For each obligation to an authority: the fields its form asks, filled from the facts, and what counsel must complete',
    )
    .option('--obligation <id>', 'only this obligation, with the whole package text')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { obligation?: string; json?: boolean }) => {
      const r = await ctx.api().get<PackageAnswer>(path(id, '/regulator-packages'));
      const shown = o.obligation ? r.packages.filter((p) => p.obligationId === o.obligation) : r.packages;
      if (o.obligation && shown.length === 0)
        throw new CliUsageError(`--obligation: no regulator package for "${o.obligation}"`);
      print(o.json, { packages: shown }, () =>
        clean(
          shown
            .map((p) =>
              o.obligation
                ? p.text
                : `${p.obligationId}  ${p.form.id}  gate ${p.gateId ?? '-'} (${p.gate?.status ?? '-'})  due ${p.due ?? '-'}  ` +
                  `${p.missing.length ? `to complete: ${p.missing.join(', ')}` : 'complete'}\n`,
            )
            .join('') || 'no obligation to an authority has a modelled form\n',
        ),
      );
    });

  const notice = program.commands.find((c) => c.name() === 'notice') ?? program.command('notice');
  notice
    .command('substitute <incident>')
    .description(
      'Website posting and media notice texts where the law allows substitute notice, with the grounds met',
    )
    .option('--unreachable <n>', 'people with no usable contact details', '0')
    .option('--cost <usd>', 'what individual notice would cost, in US dollars')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { unreachable: string; cost?: string; json?: boolean }) => {
      if (!/^\d+$/.test(o.unreachable)) throw new CliUsageError('--unreachable: a whole number');
      if (o.cost !== undefined && !/^\d+$/.test(o.cost))
        throw new CliUsageError('--cost: a whole number of dollars');
      const r = await ctx.api().get<{
        notices: {
          jurisdiction: string;
          rule: { citation: string };
          grounds: string[];
          website: string;
          media: string;
        }[];
      }>(path(id, '/substitute-notices'), { unreachable: o.unreachable, ...(o.cost ? { estimatedCostUsd: o.cost } : {}) });
      print(o.json, r, () =>
        clean(
          r.notices
            .map(
              (n) =>
                `== ${n.jurisdiction} (${n.rule.citation}): ${n.grounds.length ? `allowed: ${n.grounds.join('; ')}` : 'no ground met yet'}\n` +
                `-- website posting\n${n.website}-- media notice\n${n.media}\n`,
            )
            .join('') || 'no jurisdiction among the affected has a substitute-notice rule\n',
        ),
      );
    });

  program
    .command('submission <incident> <gate>')
    .description(
      "Record an approved authority notice as filed: the authority's reference and its receipt (the file's sha256 goes on the timeline)",
    )
    .requiredOption('--reference <ref>', "the authority's reference for the submission")
    .requiredOption('--receipt <file>', 'the receipt: PDF, screenshot, confirmation mail (.eml) or text')
    .option('--channel <how>', 'portal, email, edgar or post', 'portal')
    .option('--json', 'machine-readable output')
    .action(
      async (
        id: string,
        gateId: string,
        o: { reference: string; receipt: string; channel: string; json?: boolean },
      ) => {
        if (!existsSync(o.receipt) || !statSync(o.receipt).isFile())
          throw new CliUsageError(`--receipt: ${o.receipt}: no such file`);
        if (!['portal', 'email', 'edgar', 'post'].includes(o.channel))
          throw new CliUsageError('--channel: portal, email, edgar or post');
        const res = await ctx.api().raw('POST', path(id, `/gates/${encodeURIComponent(gateId)}/submission`), {
          query: { reference: o.reference, channel: o.channel, name: basename(o.receipt) },
          stream: {
            body: createReadStream(o.receipt),
            contentType: RECEIPT_TYPES[extname(o.receipt).toLowerCase()] ?? 'application/octet-stream',
          },
          idempotent: true,
        });
        const g = (await res.json()) as { noticeSent?: { receipt?: { sha256: string; bytes: number } } };
        print(o.json, g, () =>
          clean(
            `${gateId}: submission recorded (reference ${o.reference}); receipt sha256 ${g.noticeSent?.receipt?.sha256 ?? '?'}\n`,
          ),
        );
      },
    );
}
