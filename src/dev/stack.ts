// `npm start`: the whole embedded stack in one command — Temporal dev server (state under .data/, UI, our
// search attributes), the worker, the HTTP app and a local mail sink. Ctrl-C stops all of it cleanly; the
// next start resumes every open incident from the persisted server state.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigError, loadWebEdgeConfig } from '../config';
import { loadRoleDirectory } from '../directory';
import { createLogger } from '../log';
import { loadCodecKeys } from '../temporal/keys';
import { startWorker } from '../worker/worker';
import { checkTokensFile, codecEndpointUrl } from '../web/edge';
import { startHttpApp } from '../web/http-app';
import { ensureEmbeddedSignIn } from './embedded-sign-in';
import { startMailSink } from './mail-sink';
import { freePort, startDevServer } from './temporal-server';
import { startUiGuard, wantsTemporalUi } from './ui-guard';

async function main(): Promise<void> {
  const config = loadWebEdgeConfig();
  if (config.mode !== 'embedded')
    throw new Error('npm start runs the embedded stack; set BREACHPLAN_MODE=embedded');
  checkTokensFile(config);
  const logger = createLogger(config.logLevel, 'breachplan');
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // We stop the worker ourselves, after the app and before the server.
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'WARN'),
  });

  const keys = loadCodecKeys(config);
  const sink = config.mail.smtpUrl
    ? undefined
    : await startMailSink({
        port: config.mail.sinkPort,
        outboxDir: resolve(dataDir, 'outbox'),
        keepInMemory: false,
        apiPort: config.mail.sinkApiPort,
      });

  const [host, portText] = config.temporal.address.split(':') as [string, string];
  // The Temporal UI only when asked for (it can send any signal): on loopback, behind a Host check.
  const withUi = wantsTemporalUi(config, process.argv);
  const server = await startDevServer({
    ip: host,
    port: Number(portText),
    headless: !withUi,
    uiPort: withUi ? await freePort('127.0.0.1') : undefined,
    // The UI decodes payloads through our codec endpoint, for people signed in as auditor or counsel.
    uiCodecEndpoint: codecEndpointUrl(config),
    dbFilename: resolve(dataDir, 'temporal.db'),
    namespace: config.temporal.namespace,
    logLevel: 'error',
    onOutput: (line) => logger.debug({ temporal: line }),
  });

  const ui = server.uiPort
    ? await startUiGuard({ port: config.temporalUiPort, upstreamPort: server.uiPort })
    : undefined;

  // The same two starts as the production mains (src/worker/worker-main.ts, src/web/main.ts), in one process.
  const directory = loadRoleDirectory(config.rolesFile);
  const worker = await startWorker(config, { keys, directory });
  const http = await startHttpApp(config, { logger, keys, directory });
  const client = http.client;

  const appUrl = `http://${['0.0.0.0', '::', ''].includes(config.http.host) ? '127.0.0.1' : config.http.host}:${config.http.port}`;
  // The example people sign in at once (the CLI with `breachplan login --embedded <person>`, the pages with a token).
  const signIn = config.web.auth.includes('token')
    ? ensureEmbeddedSignIn(dataDir, config.web.tokensFile, directory, appUrl)
    : undefined;
  const people = Object.entries(signIn?.signIn.tokens ?? {});
  const w = Math.max(8, ...people.map(([who]) => who.length));
  const open = await client.workflow.count(`ExecutionStatus = "Running"`).catch(() => ({ count: 0 }));
  process.stdout.write(
    [
      '',
      'Breachplan embedded stack is up:',
      `  Temporal server   ${server.address}  (namespace ${config.temporal.namespace}, state in ${resolve(dataDir, 'temporal.db')})`,
      ui
        ? `  Temporal UI       http://127.0.0.1:${ui.port}  (loopback only, Host-checked; it can send any signal: turn it off when done)`
        : `  Temporal UI       off (npm start -- --ui, or BREACHPLAN_TEMPORAL_UI=on, serves it on loopback)`,
      `  Worker            task queue "${config.temporal.taskQueue}"; ${open.count} open incident(s) resumed`,
      `  HTTP app          http://${config.http.host}:${config.http.port}/healthz`,
      `  Web pages         ${appUrl}/incidents  (sign in with a token below)`,
      `  API               ${appUrl}/api/v1  (OpenAPI: ${appUrl}/api/v1/openapi.json)`,
      `  Codec endpoint    ${codecEndpointUrl(config)}  (the Temporal UI decodes through it for auditors and counsel: tick "include cross-origin credentials" in its codec settings)`,
      sink
        ? `  Mail sink         smtp://127.0.0.1:${sink.port}  → ${resolve(dataDir, 'outbox')}/*.eml  (delivery log ${sink.apiUrl})`
        : `  Mail              ${new URL(config.mail.smtpUrl!).host} (SMTP_URL)`,
      `  Slack             ${config.slack ? 'enabled (POST /slack/events)' : 'disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable'}`,
      '',
      ...(signIn
        ? [
            `Example people (tokens in ${signIn.file}, mode 0600; embedded stack only):`,
            ...people.map(
              ([who, token]) =>
                `  ${who.padEnd(w)} npm run breachplan -- login --embedded ${who.padEnd(w)} token ${token}`,
            ),
            '',
          ]
        : []),
      'Try: npm run breachplan -- login --embedded carol && npm run breachplan -- declare --help     Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    await http.stop();
    await worker.stop();
    await ui?.close();
    await server.stop();
    await sink?.close();
    process.stdout.write('stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`breachplan: ${err.message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
