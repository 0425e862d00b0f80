// `breachplan operator …`: the commands that talk to Temporal (and the role directory, the tokens file) directly,
// for the people who run Breachplan. They need the deployment's Temporal credentials and codec keys; everyone
// else uses the API. Loaded only when used, so the everyday CLI starts without the Temporal SDK.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { TimelineEntry } from '../domain/timeline';
import { CliUsageError } from './errors';
import { incidentId } from './incident-commands';

export function registerOperatorCommands(program: Command): { close(): Promise<void> } {
  let client: Promise<import('@temporalio/client').Client> | undefined;
  const config = () => (require('../config') as typeof import('../config')).loadConfig();
  const connect = () =>
    (client ??= (require('../temporal/client') as typeof import('../temporal/client')).connectFromConfig(
      config(),
    ));
  const operator = program
    .command('operator')
    .description(
      'For operators: commands that talk to Temporal directly (need its credentials and the codec keys)',
    );

  operator
    .command('web-token <person>')
    .description(
      'Mint a token for a person: the API, the CLI (breachplan login) and the web pages (printed once; only its hash is kept)',
    )
    .option('--label <text>', 'what the token is for, kept beside its hash (e.g. "audrey laptop")')
    .action(async (who: string, o: { label?: string }) => {
      const { loadRoleDirectory } = require('../directory') as typeof import('../directory');
      const { findPerson } = require('../domain/roles') as typeof import('../domain/roles');
      const { addToken } = require('../web/tokens') as typeof import('../web/tokens');
      const c = config();
      const person = findPerson(loadRoleDirectory(c.rolesFile), who);
      if (!person) throw new CliUsageError(`${who} is not in the role directory (BREACHPLAN_ROLES_FILE)`);
      const token = addToken(c.web.tokensFile, person.id, o.label);
      process.stderr.write(
        `token for ${person.id} (${person.roles.join(', ')}) added to ${c.web.tokensFile}; it is shown only now:\n`,
      );
      process.stdout.write(`${token}\n`);
    });

  const isNotFound = (err: unknown) =>
    (err as { code?: number; name?: string } | undefined)?.code === 5 ||
    (err as Error)?.name === 'WorkflowNotFoundError';

  operator
    .command('replay <incident>')
    .description(
      'Replay the incident history (from Temporal or the archive) on the current workflow code and rebuild its timeline',
    )
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
        const cfg = config();
        const { ArchiveStore, decodeHistory, fetchRunChain, sha256File } =
          require('../audit/archive') as typeof import('../audit/archive');
        const { firstDifference, recordedInHistory, replayHistory } =
          require('../temporal/replay') as typeof import('../temporal/replay');
        const { parsePublicKeyPem, loadSigner } =
          require('../audit/signing') as typeof import('../audit/signing');
        const { verifyExportText } = require('../audit/verify') as typeof import('../audit/verify');
        const { workflowIdFor } = require('../domain/incident') as typeof import('../domain/incident');
        const { loadCodecKeys } = require('../temporal/keys') as typeof import('../temporal/keys');
        const { incidentHandle } = require('../temporal/incidents') as typeof import('../temporal/incidents');
        const { readTimeline } = require('../temporal/timeline') as typeof import('../temporal/timeline');
        type TimelineExport = import('../audit/export').TimelineExport;
        const archive = () => new ArchiveStore(cfg.archiveDir);
        /** The deployment's own signing key: what an archive or an export must be signed with. */
        const deploymentKey = () => {
          try {
            return parsePublicKeyPem(loadSigner(cfg).publicKeyPem, 'signing key');
          } catch {
            return undefined;
          }
        };
        const readArchive = (): TimelineExport | undefined => {
          const text = archive().readTimelineText(id);
          const pinned = deploymentKey();
          const check = verifyExportText(text, pinned);
          if (!check.ok) throw new Error(`the archived timeline of ${id} does not verify: ${check.message}`);
          return JSON.parse(text) as TimelineExport;
        };
        const code: import('../temporal/replay').WorkflowCode | undefined = o.workflowBundle
          ? { workflowBundle: { codePath: o.workflowBundle } }
          : undefined;
        const recorded: { what: string; entries: TimelineEntry[]; prefix: boolean }[] = [];
        let history: import('../audit/archive').History;
        let earlier: import('../audit/archive').History[] = [];
        if (o.fromArchive) history = archive().readHistory(id);
        else {
          try {
            const client = await connect();
            const handle = incidentHandle(client, id);
            const running = (await handle.describe()).status.name === 'RUNNING';
            // Asked before the history is fetched, so the history holds at least these entries.
            if (running)
              recorded.push({
                what: 'live timeline',
                // The sealed segments and the live tail, as one chain.
                entries: await readTimeline(handle, { archiveDir: cfg.archiveDir, keys: loadCodecKeys(cfg) }),
                prefix: true,
              });
            // Every run still on the server, oldest first: an incident that continued as new has several.
            const runs = await fetchRunChain(
              client.workflowService,
              cfg.temporal.namespace,
              workflowIdFor(id),
            );
            history = runs.pop()!;
            earlier = runs;
          } catch (err) {
            if (!isNotFound(err)) throw err;
            process.stderr.write(`${id} is no longer on the Temporal server: replaying the archive\n`);
            o.fromArchive = true;
            history = archive().readHistory(id);
          }
        }
        if (o.fromArchive) {
          const doc = readArchive();
          if (doc) {
            // The signed export names the archived history by its SHA-256: a history swapped or edited beside
            // it is not replayed as if it were the incident's.
            const recordedHash = doc.history?.sha256;
            const actual = sha256File(archive().readHistoryBytes(id));
            if (!recordedHash)
              throw new CliUsageError(`the archived export of ${id} names no history hash: cannot check it`);
            if (recordedHash !== actual)
              throw new CliUsageError(
                `the archived history of ${id} is not the one its signed export names (sha256 ${actual.slice(0, 16)}…, export says ${recordedHash.slice(0, 16)}…)`,
              );
            // An incident that continued as new: every earlier run, each checked against its signed hash.
            const runs = doc.history?.runs ?? [];
            earlier = [];
            for (const run of runs.slice(0, -1)) {
              let bytes: Buffer;
              try {
                bytes = archive().readRunBytes(id, run.runId);
              } catch (err) {
                throw new CliUsageError(
                  `the archive of ${id} lacks run ${run.runId}: ${(err as Error).message}`,
                );
              }
              const sha = sha256File(bytes);
              if (sha !== run.sha256)
                throw new CliUsageError(
                  `the archived history of run ${run.runId} of ${id} is not the one its signed export names (sha256 ${sha.slice(0, 16)}…, export says ${run.sha256.slice(0, 16)}…)`,
                );
              earlier.push(decodeHistory(bytes));
            }
            if (runs.length > 0 && runs[runs.length - 1]!.sha256 !== recordedHash)
              throw new CliUsageError(
                `the signed export of ${id} names a run chain that does not end at its history`,
              );
            recorded.push({ what: 'archived export', entries: doc.entries, prefix: false });
          }
        }
        if (o.against) {
          const text = readFileSync(o.against, 'utf8');
          const check = verifyExportText(text, deploymentKey());
          if (!check.ok) throw new CliUsageError(`--against ${o.against} does not verify: ${check.message}`);
          recorded.push({
            what: `export ${o.against}`,
            entries: (JSON.parse(text) as TimelineExport).entries,
            prefix: true,
          });
        }
        const keys = loadCodecKeys(cfg);
        const inHistory = await recordedInHistory(history, keys);
        if (inHistory.archivedTimeline)
          recorded.push({
            what: 'timeline archived at close (history)',
            entries: inHistory.archivedTimeline,
            prefix: false,
          });

        let outcome: import('../temporal/replay').ReplayOutcome = { ok: true, events: 0, rebuilt: [] };
        for (const run of [...earlier, history]) {
          const one = await replayHistory({ history: run, keys, code, workflowId: workflowIdFor(id) });
          outcome = {
            ok: outcome.ok && one.ok,
            events: outcome.events + one.events,
            rebuilt: [...outcome.rebuilt, ...one.rebuilt],
            failure: outcome.failure ?? one.failure,
          };
          if (!one.ok) break;
        }
        let failure = outcome.failure;
        if (!failure && inHistory.result) {
          const head = outcome.rebuilt[outcome.rebuilt.length - 1]?.hash ?? '';
          if (
            inHistory.result.timelineHead !== head ||
            inHistory.result.timelineLength !== (outcome.rebuilt.at(-1)?.seq ?? 0)
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
          runs: earlier.length + 1,
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
              : `OK: ${id}: ${outcome.events} events${earlier.length ? ` of ${earlier.length + 1} runs` : ''} replayed on the current code without nondeterminism; ${outcome.rebuilt.length} rebuilt entries (head ${head.slice(0, 16)}…) match ${report.comparedWith.join(', ') || 'nothing recorded to compare'}\n`,
        );
        if (failure) process.exitCode = 1;
      },
    );
  return { close: async () => void (client && (await (await client).connection.close())) };
}
