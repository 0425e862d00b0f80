// The web edge: the codec endpoint for the Temporal UI, signing in, and the pages (incidents, timelines,
// approvals). Every page needs a person from the role directory; what they may change, the workflow decides.
import express, { type Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { type Signer, lazySigner } from '../audit/signing';
import { type Config, ConfigError, type WebConfig } from '../config';
import type { RoleDirectory } from '../domain/roles';
import { EncryptionCodec } from '../temporal/codec';
import { type CodecKey } from '../crypto/keyring';
import type { NoticeProfile } from '../domain/notice-profile';
import { API_PREFIX, createApiRouter } from '../api/router';
import { createActionRouter } from './action-pages';
import { createApprovalRouter } from './approval-pages';
import { createAuthenticator, requireDirectoryRole, requireViewer } from './auth';
import { createCodecRouter } from './codec-endpoint';
import { createIncidentPagesRouter } from './incident-pages';
import { createPageKit } from './page-kit';
import { SessionRevocations, deriveWebSecrets } from './session';
import { createOidcRouter } from './oidc';
import { createCliLoginRouter } from './cli-login';
import { loadSessionSecret } from '../crypto/session-secret';
import { createSignInRouter } from './sign-in';
import { throttlePerAddress } from './throttle';
import { TokenStore } from './tokens';
import { createViews, securityHeaders } from './views';
import { TEMPLATES_DIR } from '../paths';
import { createAlertIntake } from '../alerts/intake';
import { type ConfiguredAlertSource, loadAlertSources } from '../integrations';

export interface WebEdgeOptions {
  /** The shared Temporal client (its data converter encrypts with `keys`). */
  client: Client;
  namespace: string;
  keys: CodecKey[];
  /** Seals sessions, CSRF tokens and OpenID sign-in state (BREACHPLAN_SESSION_SECRET): never a codec key. */
  sessionSecret: Buffer;
  web: WebConfig;
  directory: () => RoleDirectory;
  /** Signs timeline exports (loaded on first use). */
  signer: () => Signer;
  /** Where sealed timeline segments are (the archive store); without it, only the live timeline is read. */
  archiveDir?: string;
  publicUrl?: string;
  templatesDir?: string;
  /** Who gives notice: must be the worker's, or previews differ from drafts. */
  notice?: NoticeProfile;
  /** Where the API finds what the worker stores: recipient lists and closed incidents' archives. */
  api: { taskQueue: string; recipientsDir: string; archiveDir: string; mode: string };
  /** Alert sources: POST /api/v1/alerts/<source> (none: every alert is refused). */
  alertSources?: ConfiguredAlertSource[];
  logger: Logger;
}

export interface WebEdge {
  /** Mount at the root of the HTTP app, after /healthz and /slack. */
  router: Router;
}

export function createWebEdge(o: WebEdgeOptions): WebEdge {
  const logger = o.logger.child({ edge: 'web' });
  const templatesDir = o.templatesDir ?? TEMPLATES_DIR;
  const secrets = deriveWebSecrets(o.sessionSecret);
  const revocations = new SessionRevocations(o.web.revokedSessionsFile);
  const auth = createAuthenticator({
    modes: o.web.auth,
    trustedProxies: o.web.trustedProxies,
    proxyUserHeader: o.web.proxyUserHeader,
    tokens: new TokenStore(o.web.tokensFile),
    secrets,
    revocations,
    directory: o.directory,
    logger,
  });
  const views = createViews(templatesDir);
  const kit = createPageKit({ views, auth, secrets, client: o.client, publicUrl: o.publicUrl, logger });

  const router = express.Router();
  router.use(
    '/codec',
    throttlePerAddress({ max: 600, windowMs: 60_000, what: 'codec', logger }),
    createCodecRouter({
      codec: new EncryptionCodec(o.keys),
      namespace: o.namespace,
      origins: o.web.codecOrigins,
      auth,
      logger,
    }),
  );
  const apiDeps = {
    ...o.api,
    client: o.client,
    keys: o.keys,
    signer: o.signer,
    templatesDir,
    logger: o.logger,
    notice: o.notice,
  };
  router.use(
    API_PREFIX,
    createApiRouter({
      ...apiDeps,
      auth,
      ...(o.alertSources?.length
        ? {
            alerts: createAlertIntake({
              sources: o.alertSources,
              directory: o.directory,
              client: o.client,
              taskQueue: o.api.taskQueue,
              archiveDir: o.api.archiveDir,
              logger: o.logger,
            }),
          }
        : {}),
    }),
  );
  router.use(securityHeaders);
  router.use(createSignInRouter({ views, kit, auth, secrets, revocations, publicUrl: o.publicUrl, logger }));
  if (o.web.oidc && auth.oidcLogin)
    router.use(createOidcRouter({ config: o.web.oidc, secrets, directory: o.directory, views, kit, logger }));
  // The CLI's browser sign-in mints personal tokens: only where tokens are accepted.
  if (auth.tokenLogin)
    router.use(createCliLoginRouter({ auth, views, kit, tokensFile: o.web.tokensFile, logger }));
  // Everything below is for people in the role directory.
  router.use(requireViewer(auth, kit.refuse, logger), requireDirectoryRole(kit.refuse, 'read incidents'));
  router.use(
    createIncidentPagesRouter({
      client: o.client,
      views,
      kit,
      signer: o.signer,
      segments: o.archiveDir ? { archiveDir: o.archiveDir, keys: o.keys } : undefined,
      directory: o.directory,
      taskQueue: o.api.taskQueue,
    }),
  );
  router.use(
    createApprovalRouter({
      client: o.client,
      views,
      kit,
      templatesDir,
      notice: o.notice,
      logger,
      directory: o.directory,
    }),
  );
  // Acting from the browser: the forms run the API's operations server-side (same rules and refusals).
  router.use(createActionRouter({ views, kit, api: apiDeps, logger }));
  router.use(kit.errorHandler);
  return { router };
}

/** Where browsers reach the codec endpoint: under BREACHPLAN_PUBLIC_URL, else the HTTP app's own address. */
export function codecEndpointUrl(config: Pick<Config, 'http'>): string {
  if (config.http.publicUrl) return `${config.http.publicUrl.replace(/\/+$/, '')}/codec`;
  const host = ['0.0.0.0', '::', ''].includes(config.http.host) ? '127.0.0.1' : config.http.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.http.port}/codec`;
}

/** At start: a tokens file that does not parse is a configuration error (the edge would accept no token). */
export function checkTokensFile(config: Pick<Config, 'web'>): void {
  if (!config.web.auth.includes('token')) return;
  const broken = new TokenStore(config.web.tokensFile).problem();
  if (broken) throw new ConfigError([broken]);
}

/** The web edge of a process from its configuration, on the process's client and keyring. */
export function webEdgeFromConfig(
  config: Config,
  client: Client,
  keys: CodecKey[],
  logger: Logger,
  directory: () => RoleDirectory,
): WebEdge {
  return createWebEdge({
    client,
    namespace: config.temporal.namespace,
    keys,
    sessionSecret: loadSessionSecret({ ...config, sessionSecret: config.web.sessionSecret }),
    web: config.web,
    directory,
    signer: lazySigner(config),
    archiveDir: config.archiveDir,
    publicUrl: config.http.publicUrl,
    notice: config.notice,
    api: {
      taskQueue: config.temporal.taskQueue,
      recipientsDir: config.recipientsDir,
      archiveDir: config.archiveDir,
      mode: config.mode,
    },
    alertSources: loadAlertSources(config.alertSourcesFile),
    logger,
  });
}
