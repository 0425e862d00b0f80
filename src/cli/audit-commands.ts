// `breachplan timeline | as-of | verify | public-key`: the auditor's commands. Exports and as-of views come
// from the API (live, or the archive written at close); `verify` checks an export offline, with no server.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AsOfState } from '../domain/as-of';
import type { TimelineEntry } from '../domain/timeline';
import type { TimelineExport } from '../audit/export';
import type { ApiClient, ApiResponse } from './api-client';
import { CliUsageError } from './errors';
import { incidentId } from './incident-commands';
import { clean, table } from './output';

export interface AuditCliContext {
  api(): ApiClient;
}

const FORMATS = ['text', 'json', 'html', 'csv'] as const;

function isoTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new CliUsageError(`${flag}: "${value}" is not an ISO-8601 time`);
  return new Date(t).toISOString();
}

const short = (iso?: string) => (iso ? iso.replace('T', ' ').slice(0, 16) + 'Z' : '-');

/** Said on stderr when the server answered from the archive without being asked to. */
const fromArchiveNote = (id: string, res: Pick<ApiResponse, 'headers'>, asked?: boolean) => {
  if (!asked && res.headers.get('x-breachplan-source') === 'archive')
    process.stderr.write(`${id} is no longer on the Temporal server: reading the archive\n`);
};

export function asOfText(incidentId: string, title: unknown, s: AsOfState, entries: TimelineEntry[]): string {
  return [
    `${incidentId}  ${String(title ?? '')}`,
    `  as of ${short(s.asOf)}: ${s.status}  facts v${s.factsVersion}  phases ${
      s.phases.map((p) => `${p.id}:${p.status}`).join(' ') || '-'
    }`,
    `  declared ${short(s.declaredAt)} by ${s.declaredBy?.id ?? '-'}${s.closedAt ? `; closed ${short(s.closedAt)}` : ''}; ${s.entries} entries (head ${s.head.slice(0, 12)})`,
    '',
    'Deadlines',
    table(
      ['id', 'status', 'due', 'met/missed', 'kind'],
      s.deadlines.map((d) => [
        d.id,
        d.paused ? `${d.status} (paused)` : d.status,
        short(d.dueAt),
        short(d.metAt ?? d.missedAt),
        d.source === undefined ? '-' : d.source === 'obligation' ? 'legal' : 'internal target',
      ]),
    ),
    'Approvals',
    table(
      ['gate', 'status', 'draft', 'approvers'],
      s.approvals.map((a) => [
        a.gateId,
        a.status,
        a.contentHash?.slice(0, 12),
        a.votes.map((v) => `${v.actor.id}(${v.role})`).join(' ') ||
          (a.rejection ? `rejected: ${a.rejection.reason}` : '-'),
      ]),
    ),
    'Notices sent',
    table(
      ['gate', 'sent', 'channel', 'recipients'],
      s.notices.map((n) => [n.gateId, short(n.at), n.channel, n.recipients]),
    ),
    `Tasks done: ${s.tasksDone.map((t) => t.taskId).join(', ') || 'none'}`,
    `Roles: ${s.roles.map((r) => `${r.personId}=${r.role}`).join(', ') || 'none'}   Holds: ${
      s.holds
        .map((h) => `${h.agency} ${h.endedAt ? `(ended ${short(h.endedAt)})` : '(active)'}`)
        .join(', ') || 'none'
    }`,
    '',
    'Timeline',
    table(
      ['#', 'at', 'type', 'actor', 'summary'],
      entries.map((e) => [e.seq, short(e.at), e.type, `${e.actor.id} (${e.actor.source})`, e.summary]),
    ),
  ].join('\n');
}

export function registerAuditCommands(program: Command, ctx: AuditCliContext): void {
  program
    .command('timeline <incident>')
    .description('Export the whole timeline: signed JSON, a printable HTML report, CSV, or text')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, 'text')
    .option('--out <file>', 'write to this file instead of standard output (readable only by you)')
    .option('--as-of <time>', 'the incident as it stood at this moment (ISO-8601)')
    .option('--from-archive', 'read the archive written at close, not Temporal')
    .action(
      async (idArg: string, o: { format: string; out?: string; asOf?: string; fromArchive?: boolean }) => {
        const id = incidentId(idArg);
        const format = o.format as (typeof FORMATS)[number];
        if (!FORMATS.includes(format)) throw new CliUsageError(`--format: one of ${FORMATS.join(', ')}`);
        const asOf = isoTime(o.asOf, '--as-of');
        const res = await ctx.api().raw('GET', `/incidents/${id}/timeline`, {
          query: {
            format: format === 'text' ? 'json' : format,
            asOf,
            fromArchive: o.fromArchive ? 'true' : undefined,
          },
        });
        fromArchiveNote(id, res, o.fromArchive);
        let out = await res.text();
        if (format === 'text') {
          const doc = JSON.parse(out) as TimelineExport;
          out = asOfText(id, doc.state.facts.title, doc.state, doc.entries);
        }
        if (o.out) {
          // The export holds notes and hold details: not for other users of this machine.
          writeFileSync(o.out, out, { mode: 0o600 });
          process.stderr.write(`wrote ${o.out}\n`);
        } else process.stdout.write(format === 'text' ? clean(out) : out);
      },
    );

  program
    .command('as-of <incident> <time>')
    .description('Show the incident as it stood at a moment: facts, phases, tasks done, approvals, deadlines')
    .option('--from-archive', 'read the archive written at close, not Temporal')
    .option('--json')
    .action(async (idArg: string, time: string, o: { fromArchive?: boolean; json?: boolean }) => {
      const id = incidentId(idArg);
      const at = isoTime(time, 'time')!;
      const res = await ctx.api().raw('GET', `/incidents/${id}/as-of`, {
        query: { at, fromArchive: o.fromArchive ? 'true' : undefined },
      });
      fromArchiveNote(id, res, o.fromArchive);
      const { state, entries } = (await res.json()) as { state: AsOfState; entries: TimelineEntry[] };
      process.stdout.write(
        o.json
          ? `${JSON.stringify(state, null, 2)}\n`
          : clean(asOfText(id, state.facts.title, state, entries)),
      );
    });

  program
    .command('verify <file>')
    .description('Check a JSON timeline export offline: hash chain and signature (exit 1 when it fails)')
    .option('--public-key <file>', 'the Ed25519 public key (PEM) the export must be signed with')
    .action(async (file: string, o: { publicKey?: string }) => {
      // Offline on purpose: an auditor checks an export with no server and no credentials.
      const { parsePublicKeyPem } = require('../audit/signing') as typeof import('../audit/signing');
      const { verifyExportText } = require('../audit/verify') as typeof import('../audit/verify');
      // --public-key, or the key file an operator set for this machine (BREACHPLAN_SIGNING_PUBLIC_KEY_FILE).
      const keyFile = o.publicKey ?? process.env.BREACHPLAN_SIGNING_PUBLIC_KEY_FILE;
      const pinned = keyFile ? parsePublicKeyPem(readFileSync(keyFile, 'utf8'), keyFile) : undefined;
      const r = verifyExportText(readFileSync(file, 'utf8'), pinned);
      // Unpinned is not verified: a re-signed forgery looks exactly like this. Exit 3, not 0.
      process.stdout.write(`${r.ok ? 'OK' : r.unpinned ? 'UNPINNED' : 'FAILED'}: ${r.message}\n`);
      // Per decision: whether the edge authenticated who made it (the principal the worker verified).
      for (const d of r.decisions ?? [])
        process.stdout.write(`  #${d.seq} ${d.type} by ${d.actorId}: ${d.authentication}\n`);
      if (!r.ok) process.exitCode = r.unpinned ? 3 : 1;
    });

  program
    .command('public-key')
    .description("Print the server's signing public key (PEM), for auditors to pin with --public-key")
    .action(async () => {
      const res = await ctx.api().raw('GET', '/public-key');
      process.stdout.write(await res.text());
    });
}
