// `breachplan timeline | verify | replay | as-of | public-key`: the auditor's commands. They read an incident
// from Temporal or, when its history is gone (or with --from-archive), from the archive written at close.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Config } from '../config';
import { type AsOfState, incidentAsOf } from '../domain/as-of';
import { incidentIdSchema, workflowIdFor } from '../domain/incident';
import type { TimelineEntry } from '../domain/timeline';
import { ArchiveStore, type History, fetchRawHistory } from '../audit/archive';
import { renderCsv } from '../audit/csv';
import { type TimelineExport, buildExport, serializeExport } from '../audit/export';
import {
  type ReplayOutcome,
  type WorkflowCode,
  firstDifference,
  recordedInHistory,
  replayHistory,
} from '../temporal/replay';
import { renderHtmlReport } from '../audit/report';
import { type Signer, loadSigner, parsePublicKeyPem } from '../audit/signing';
import { verifyExportText } from '../audit/verify';
import { loadCodecKeys } from '../temporal/keys';
import { incidentHandle } from '../temporal/incidents';
import * as msg from '../../workflows/messages';
import { CliUsageError } from './errors';
import { table } from './output';

export interface AuditCliContext {
  client(): Promise<Client>;
  config(): Config;
}

const FORMATS = ['text', 'json', 'html', 'csv'] as const;

function incidentId(value: string): string {
  const r = incidentIdSchema.safeParse(value.toUpperCase());
  if (!r.success) throw new CliUsageError(`"${value}" is not an incident id like INC-20261124-7F3K`);
  return r.data;
}

function isoTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new CliUsageError(`${flag}: "${value}" is not an ISO-8601 time`);
  return new Date(t).toISOString();
}

const isNotFound = (err: unknown) =>
  err instanceof WorkflowNotFoundError || (err as { code?: number } | undefined)?.code === 5;

const short = (iso?: string) => (iso ? iso.replace('T', ' ').slice(0, 16) + 'Z' : '-');

/** Where an incident's record came from: live from Temporal, or the archive's verified export. */
type Source =
  | { kind: 'temporal'; view: msg.IncidentView; timeline: TimelineEntry[] }
  | { kind: 'archive'; doc: TimelineExport; text: string };

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
      ['id', 'status', 'due', 'met/missed'],
      s.deadlines.map((d) => [
        d.id,
        d.paused ? `${d.status} (paused)` : d.status,
        short(d.dueAt),
        short(d.metAt ?? d.missedAt),
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
  const archive = () => new ArchiveStore(ctx.config().archiveDir);
  let signer: Signer | undefined;
  const deploymentSigner = () => (signer ??= loadSigner(ctx.config()));

  const readArchive = (id: string): Source => {
    const text = archive().readTimelineText(id);
    // The archive is trusted only as far as it verifies, against this deployment's key when we have it.
    let pinned;
    try {
      pinned = parsePublicKeyPem(deploymentSigner().publicKeyPem, 'signing key');
    } catch {
      pinned = undefined;
    }
    const check = verifyExportText(text, pinned);
    if (!check.ok) throw new Error(`the archived timeline of ${id} does not verify: ${check.message}`);
    const doc = JSON.parse(text) as TimelineExport;
    if (doc.incidentId !== id) throw new Error(`the archive folder of ${id} holds ${doc.incidentId}`);
    return { kind: 'archive', doc, text };
  };

  const load = async (id: string, fromArchive?: boolean): Promise<Source> => {
    if (fromArchive) return readArchive(id);
    try {
      const handle = incidentHandle(await ctx.client(), id);
      const [view, timeline] = await Promise.all([
        handle.query(msg.getIncident),
        handle.query(msg.getTimeline),
      ]);
      return { kind: 'temporal', view, timeline };
    } catch (err) {
      if (!isNotFound(err)) throw err;
      process.stderr.write(`${id} is no longer on the Temporal server: reading the archive\n`);
      return readArchive(id);
    }
  };

  const exportOf = (src: Source, asOf?: string): TimelineExport => {
    if (src.kind === 'archive' && !asOf) return src.doc;
    const base =
      src.kind === 'archive'
        ? { view: src.doc.incident, timeline: src.doc.entries, history: src.doc.history ?? undefined }
        : { view: src.view, timeline: src.timeline };
    return buildExport({ ...base, source: src.kind, asOf }, deploymentSigner());
  };

  program
    .command('timeline <incident>')
    .description('Export the whole timeline: signed JSON, a printable HTML report, CSV, or text')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, 'text')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--as-of <time>', 'the incident as it stood at this moment (ISO-8601)')
    .option('--from-archive', 'read the archive written at close, not Temporal')
    .action(
      async (idArg: string, o: { format: string; out?: string; asOf?: string; fromArchive?: boolean }) => {
        const id = incidentId(idArg);
        const format = o.format as (typeof FORMATS)[number];
        if (!FORMATS.includes(format)) throw new CliUsageError(`--format: one of ${FORMATS.join(', ')}`);
        const asOf = isoTime(o.asOf, '--as-of');
        const src = await load(id, o.fromArchive);
        let out: string;
        if (format === 'json' && src.kind === 'archive' && !asOf) out = src.text;
        else {
          const doc = exportOf(src, asOf);
          out =
            format === 'json'
              ? serializeExport(doc)
              : format === 'html'
                ? renderHtmlReport(doc)
                : format === 'csv'
                  ? renderCsv(doc)
                  : asOfText(id, doc.state.facts.title, doc.state, doc.entries);
        }
        if (o.out) {
          writeFileSync(o.out, out);
          process.stderr.write(`wrote ${o.out}\n`);
        } else process.stdout.write(out);
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
      const src = await load(id, o.fromArchive);
      const view = src.kind === 'archive' ? src.doc.incident : src.view;
      const all = src.kind === 'archive' ? src.doc.entries : src.timeline;
      const state = incidentAsOf(all, at, view.deadlines);
      const entries = all.slice(0, state.entries);
      process.stdout.write(
        o.json ? `${JSON.stringify(state, null, 2)}\n` : asOfText(id, state.facts.title, state, entries),
      );
    });

  program
    .command('verify <file>')
    .description('Check a JSON timeline export offline: hash chain and signature (exit 1 when it fails)')
    .option('--public-key <file>', 'the Ed25519 public key (PEM) the export must be signed with')
    .action((file: string, o: { publicKey?: string }) => {
      const pinned = o.publicKey
        ? parsePublicKeyPem(readFileSync(o.publicKey, 'utf8'), o.publicKey)
        : undefined;
      const r = verifyExportText(readFileSync(file, 'utf8'), pinned);
      process.stdout.write(`${r.ok ? 'OK' : 'FAILED'}: ${r.message}\n`);
      if (!r.ok) process.exitCode = 1;
    });

  program
    .command('public-key')
    .description("Print this deployment's signing public key (PEM), for auditors to pin with --public-key")
    .action(() => {
      const s = deploymentSigner();
      process.stderr.write(`key id ${s.keyId}\n`);
      process.stdout.write(s.publicKeyPem);
    });

  program
    .command('replay <incident>')
    .description('Replay the incident history on the current workflow code and rebuild its timeline')
    .option('--from-archive', 'replay the archived history, not the one on the Temporal server')
    .option('--against <export>', 'also compare with this (verified) JSON export')
    .option(
      '--workflow-bundle <file>',
      'replay on this prebuilt workflow bundle instead of bundling workflows/',
    )
    .option('--json')
    .action(
      async (
        idArg: string,
        o: { fromArchive?: boolean; against?: string; workflowBundle?: string; json?: boolean },
      ) => {
        const id = incidentId(idArg);
        const config = ctx.config();
        const code: WorkflowCode | undefined = o.workflowBundle
          ? { workflowBundle: { codePath: o.workflowBundle } }
          : undefined;
        const recorded: { what: string; entries: TimelineEntry[]; prefix: boolean }[] = [];
        let history: History;
        if (o.fromArchive) history = archive().readHistory(id);
        else {
          try {
            const client = await ctx.client();
            const handle = incidentHandle(client, id);
            const running = (await handle.describe()).status.name === 'RUNNING';
            // Asked before the history is fetched, so the history holds at least these entries.
            if (running)
              recorded.push({
                what: 'live timeline',
                entries: await handle.query(msg.getTimeline),
                prefix: true,
              });
            history = await fetchRawHistory(client.workflowService, config.temporal.namespace, {
              workflowId: workflowIdFor(id),
            });
          } catch (err) {
            if (!isNotFound(err)) throw err;
            process.stderr.write(`${id} is no longer on the Temporal server: replaying the archive\n`);
            o.fromArchive = true;
            history = archive().readHistory(id);
          }
        }
        if (o.fromArchive) {
          const src = readArchive(id);
          if (src.kind === 'archive')
            recorded.push({ what: 'archived export', entries: src.doc.entries, prefix: false });
        }
        if (o.against) {
          const text = readFileSync(o.against, 'utf8');
          const check = verifyExportText(text);
          if (!check.ok) throw new CliUsageError(`--against ${o.against} does not verify: ${check.message}`);
          recorded.push({
            what: `export ${o.against}`,
            entries: (JSON.parse(text) as TimelineExport).entries,
            prefix: true,
          });
        }
        const keys = loadCodecKeys(config);
        const inHistory = await recordedInHistory(history, keys);
        if (inHistory.archivedTimeline)
          recorded.push({
            what: 'timeline archived at close (history)',
            entries: inHistory.archivedTimeline,
            prefix: false,
          });

        const outcome: ReplayOutcome = await replayHistory({
          history,
          keys,
          code,
          workflowId: workflowIdFor(id),
        });
        let failure = outcome.failure;
        if (!failure && inHistory.result) {
          const head = outcome.rebuilt[outcome.rebuilt.length - 1]?.hash ?? '';
          if (
            inHistory.result.timelineHead !== head ||
            inHistory.result.timelineLength !== outcome.rebuilt.length
          )
            failure = {
              kind: 'timeline_mismatch',
              message: `the workflow result records ${inHistory.result.timelineLength} entries (head ${inHistory.result.timelineHead.slice(0, 12)}), the code rebuilds ${outcome.rebuilt.length} (head ${head.slice(0, 12)})`,
            };
        }
        for (const r of recorded) {
          if (failure) break;
          const diff = firstDifference(outcome.rebuilt, r.entries, r.prefix);
          if (diff)
            failure = {
              kind: 'timeline_mismatch',
              seq: diff.seq,
              message: `the rebuilt timeline differs from the ${r.what} at ${diff.reason}`,
            };
        }
        const head = outcome.rebuilt[outcome.rebuilt.length - 1]?.hash ?? '';
        const report = {
          incidentId: id,
          ok: !failure,
          events: outcome.events,
          rebuiltEntries: outcome.rebuilt.length,
          head,
          comparedWith: [...recorded.map((r) => r.what), ...(inHistory.result ? ['workflow result'] : [])],
          failure,
        };
        process.stdout.write(
          o.json
            ? `${JSON.stringify(report, null, 2)}\n`
            : failure
              ? `FAILED: ${id}: ${failure.message}\n`
              : `OK: ${id}: ${outcome.events} events replayed on the current code without nondeterminism; ${outcome.rebuilt.length} rebuilt entries (head ${head.slice(0, 16)}…) match ${report.comparedWith.join(', ') || 'nothing recorded to compare'}\n`,
        );
        if (failure) process.exitCode = 1;
      },
    );
}
