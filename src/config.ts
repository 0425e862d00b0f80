// The one configuration of Breachplan: read from the environment once at start, validated with zod.
// A wrong or missing variable stops the process with a message naming it and the expected form.
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultNoticeProfile, type NoticeProfile, noticeProfileSchema } from './domain/notice-profile';

const port = z.coerce.number().int().min(0).max(65535);

/** The example role directory (carol commander, lena legal, cami communications, audrey auditor…). */
export const EXAMPLE_ROLES_FILE = join(__dirname, '..', 'config', 'roles.example.yaml');
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A comma-separated list whose every item `check` accepts (it returns why an item is wrong, or nothing). */
const commaList = (check: (item: string) => string | undefined) =>
  z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      for (const item of splitList(v)) {
        const problem = check(item);
        if (problem) ctx.addIssue({ code: 'custom', message: `"${item}": ${problem}` });
      }
    })
    .transform(splitList);

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const WEB_AUTH_MODES = ['proxy', 'token', 'oidc'] as const;
export type WebAuthMode = (typeof WEB_AUTH_MODES)[number];

function checkAddressOrCidr(item: string): string | undefined {
  const [address, prefix, extra] = item.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return 'not an IP address or CIDR block (e.g. 10.0.0.5 or 10.0.0.0/24)';
  if (prefix === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max ? undefined : `prefix must be 0-${max}`;
}

function checkOrigin(item: string): string | undefined {
  let url: URL;
  try {
    url = new URL(item);
  } catch {
    return 'not an origin like https://temporal.example.com';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http(s) origins';
  if (url.origin !== item)
    return `an origin has no path, wildcard or trailing slash (did you mean ${url.origin}?)`;
  return undefined;
}

/** Every variable Breachplan reads, with its default. The README's configuration table mirrors this schema. */
export const envSchema = z.object({
  BREACHPLAN_MODE: z
    .enum(['embedded', 'production'])
    .default('embedded')
    .describe(
      'embedded: local dev stack with generated keys and a mail sink; production: everything explicit',
    ),
  BREACHPLAN_DATA_DIR: z.string().default('.data').describe('where the embedded stack keeps its state'),
  BREACHPLAN_HTTP_HOST: z.string().default('127.0.0.1').describe('address the HTTP app binds'),
  BREACHPLAN_HTTP_PORT: port.default(3000).describe('port of the HTTP app (health, Slack, web pages)'),
  BREACHPLAN_PUBLIC_URL: optionalString.describe('URL people use to reach the HTTP app (links in messages)'),
  BREACHPLAN_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),

  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'expected host:port, e.g. 127.0.0.1:7233')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('breachplan'),
  TEMPORAL_API_KEY: optionalString.describe('Temporal Cloud API key (implies TLS)'),
  TEMPORAL_TLS: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((v) => v === 'true')
    .describe('use TLS without a client certificate'),
  TEMPORAL_TLS_CLIENT_CERT_PATH: optionalString.describe('mTLS client certificate (PEM)'),
  TEMPORAL_TLS_CLIENT_KEY_PATH: optionalString.describe('mTLS client key (PEM)'),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: optionalString.describe('CA that signed the server certificate (PEM)'),
  TEMPORAL_TLS_SERVER_NAME: optionalString.describe('override the TLS server name'),
  TEMPORAL_UI_PORT: port.default(8233).describe('embedded stack only: Temporal UI port'),
  BREACHPLAN_TEMPORAL_UI: z
    .enum(['on', 'off', ''])
    .optional()
    .transform((v) => v === 'on')
    .describe(
      'embedded stack only: "on" serves the Temporal UI on loopback behind a Host check (also `npm start -- --ui`); off by default',
    ),

  BREACHPLAN_CODEC_KEYS: optionalString.describe(
    'payload encryption keys: comma-separated keyId=base64(32 bytes); the first is used to encrypt',
  ),

  BREACHPLAN_EDGE_SIGNING_KEY: optionalString.describe(
    'edges (Slack, web, CLI): keyId=base64(32-byte Ed25519 seed) that signs the actor of every command; embedded: generated in <data dir>/edge-signing-key',
  ),
  BREACHPLAN_EDGE_PUBLIC_KEYS: optionalString.describe(
    'worker: the edge public keys it trusts, comma-separated keyId=base64(32 bytes); embedded adds its generated key',
  ),

  SMTP_URL: optionalString.describe(
    'smtp(s)://user:pass@host:port; unset in embedded mode = local mail sink',
  ),
  BREACHPLAN_SMTP_ALLOW_PLAINTEXT: z
    .enum(['0', '1'])
    .default('0')
    .describe(
      'production: 1 lets smtp:// go without TLS when the server offers no STARTTLS (a local relay only; logged at start). Default 0: TLS required',
    ),
  BREACHPLAN_MAIL_FROM: z.string().default('Breachplan <breachplan@localhost>'),
  BREACHPLAN_COMPANY_NAME: optionalString.describe(
    'who gives notice, as customer notices name it (default: the display name of BREACHPLAN_MAIL_FROM)',
  ),
  BREACHPLAN_NOTICE_EMAIL: optionalString.describe(
    'where readers of a notice write with questions (default: the address of BREACHPLAN_MAIL_FROM)',
  ),
  BREACHPLAN_NOTICE_PHONE: optionalString.describe('telephone number for questions, preferably toll-free'),
  BREACHPLAN_NOTICE_WEBSITE: optionalString.describe('web page about the incident'),
  BREACHPLAN_NOTICE_ADDRESS: optionalString.describe('postal address for questions (one line)'),
  BREACHPLAN_DPO_CONTACT: optionalString.describe(
    'data protection officer: name and email (GDPR Art. 33(3)(b))',
  ),
  BREACHPLAN_OFFER_PROVIDER: optionalString.describe('provider of the identity-theft service notices offer'),
  BREACHPLAN_OFFER_URL: optionalString.describe('where readers enrol in the offered service'),
  BREACHPLAN_OFFER_PHONE: optionalString.describe('telephone number to enrol in the offered service'),
  BREACHPLAN_SMTP_SINK_PORT: port.default(2525).describe('embedded stack only: port of the local mail sink'),
  BREACHPLAN_SMTP_SINK_API_PORT: port
    .default(8025)
    .describe("embedded stack only: port of the sink's Message-ID search API (Mailpit's, reduced)"),
  BREACHPLAN_DELIVERY_LOG_URL: optionalString
    .pipe(
      z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. http://mailpit:8025' }).optional(),
    )
    .describe(
      "Mailpit-style search API of the SMTP server's message store; a campaign asks it before resending a notice a crash left in doubt. Embedded: the local sink",
    ),

  SLACK_BOT_TOKEN: optionalString.describe('Slack bot token (xoxb-…); unset = Slack disabled'),
  SLACK_SIGNING_SECRET: optionalString.describe('Slack signing secret; required with SLACK_BOT_TOKEN'),
  SLACK_API_URL: optionalString.describe('Slack Web API base URL (tests point it at a local fake)'),
  SLACK_LEGAL_CHANNEL: optionalString.describe('channel id where legal approval requests are posted'),

  BREACHPLAN_SIGNING_PUBLIC_KEY_FILE: optionalString.describe(
    'Ed25519 public key (PEM) that `verify` and archive reads pin when no --public-key is given (auditors without the private key)',
  ),
  BREACHPLAN_SIGNING_KEY_FILE: optionalString.describe(
    'Ed25519 private key (PEM) that signs timeline exports; embedded: generated in <data dir>/signing-key.pem',
  ),
  BREACHPLAN_ARCHIVE_DIR: optionalString.describe(
    'where closed incidents are archived (signed timeline + encrypted raw history); default <data dir>/archive',
  ),

  BREACHPLAN_RECIPIENTS_DIR: optionalString.describe(
    'encrypted recipient lists and campaign sent-ledgers; default <data dir>/recipients',
  ),
  BREACHPLAN_MAIL_RATE_PER_SEC: z.coerce
    .number()
    .positive()
    .optional()
    .describe(
      "the mail provider's limit in notices per second for a campaign, shared by every worker; unset = unlimited",
    ),

  BREACHPLAN_ROLES_FILE: optionalString.describe(
    'role directory (YAML or JSON): people → roles; embedded default: config/roles.example.yaml',
  ),

  BREACHPLAN_WEB_AUTH: commaList((m) =>
    (WEB_AUTH_MODES as readonly string[]).includes(m) ? undefined : `one of ${WEB_AUTH_MODES.join(', ')}`,
  ).describe(
    'how the web edge knows who you are: proxy, token, oidc, or several (comma-separated); embedded default token; required in production',
  ),
  BREACHPLAN_SESSION_SECRET: optionalString.describe(
    'web: base64 of 32+ random bytes that seals session cookies, CSRF tokens and OpenID sign-in state (not a codec key); required in production; embedded: generated in <data dir>/session-secret',
  ),
  BREACHPLAN_OIDC_ISSUER: optionalString
    .pipe(
      z
        .url({ protocol: /^https?$/, error: 'expected the issuer URL, e.g. https://login.example.com' })
        .optional(),
    )
    .describe(
      'OpenID Connect sign-in: the provider (discovery at <issuer>/.well-known/openid-configuration)',
    ),
  BREACHPLAN_OIDC_CLIENT_ID: optionalString.describe(
    'OpenID Connect: the client id registered for Breachplan',
  ),
  BREACHPLAN_OIDC_CLIENT_SECRET: optionalString.describe(
    'OpenID Connect: the client secret (unset: a public client, PKCE only)',
  ),
  BREACHPLAN_OIDC_REDIRECT_URL: optionalString
    .pipe(
      z
        .url({ protocol: /^https?$/, error: 'expected an http(s) URL ending in /login/oidc/callback' })
        .optional(),
    )
    .describe(
      'OpenID Connect: the redirect URL registered at the provider; default <public URL>/login/oidc/callback',
    ),
  BREACHPLAN_WEB_TRUSTED_PROXIES: commaList(checkAddressOrCidr).describe(
    'addresses (IP or CIDR) of the auth proxy whose X-Forwarded-User / X-Auth-Request-Email headers are believed',
  ),
  BREACHPLAN_WEB_PROXY_USER_HEADER: z
    .enum(['x-forwarded-email', 'x-forwarded-user', 'x-auth-request-email', 'x-auth-request-user'])
    .default('x-forwarded-email')
    .describe(
      'the one header the auth proxy sets with who signed in (any other identity header is ignored: proxies pass through headers they do not set)',
    ),
  BREACHPLAN_WEB_TOKENS_FILE: optionalString.describe(
    'web bearer tokens: YAML of sha256(token) → person id; default <data dir>/web-tokens.yaml',
  ),
  BREACHPLAN_CODEC_CORS_ORIGINS: commaList(checkOrigin).describe(
    'origins of the Temporal UI that may call the codec endpoint; embedded default http://127.0.0.1:<ui port>, http://localhost:<ui port>',
  ),
  BREACHPLAN_ALERT_SOURCES_FILE: optionalString.describe(
    'alert sources (YAML, see config/alert-sources.example.yaml): POST /api/v1/alerts/<source>; unset = no alerts in',
  ),
  BREACHPLAN_WEBHOOKS_FILE: optionalString.describe(
    'worker: outbound webhook subscribers (YAML, see config/webhooks.example.yaml); unset = no events out',
  ),
});

export type Env = z.infer<typeof envSchema>;

export interface TemporalConnectionConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  apiKey?: string;
  tls?: { clientCertPath?: string; clientKeyPath?: string; serverCaCertPath?: string; serverName?: string };
}

export interface Config {
  mode: Env['BREACHPLAN_MODE'];
  dataDir: string;
  http: { host: string; port: number; publicUrl?: string };
  logLevel: Env['BREACHPLAN_LOG_LEVEL'];
  temporal: TemporalConnectionConfig;
  temporalUiPort: number;
  /** Embedded stack: serve the Temporal UI (loopback, Host-checked); off unless asked for. */
  temporalUi: boolean;
  codecKeys?: string;
  /** The edge's signing key (`keyId=base64 seed`); embedded: generated under the data directory. */
  edgeSigningKey?: string;
  /** The edge public keys a worker trusts (`keyId=base64,…`). */
  edgePublicKeys?: string;
  mail: {
    smtpUrl?: string;
    /** Production only: smtp:// without TLS is allowed (an explicit, logged opt-out for a local relay). */
    allowPlaintext?: boolean;
    from: string;
    sinkPort: number;
    sinkApiPort: number;
    ratePerSec?: number;
    /** Where in-doubt notices are checked before a resend; unset: they are resent. */
    deliveryLogUrl?: string;
  };
  /** Who gives notice, as every customer notice states it. */
  notice: NoticeProfile;
  recipientsDir: string;
  slack?: { botToken: string; signingSecret: string; apiUrl?: string; legalChannel?: string };
  rolesFile?: string;
  web: WebConfig;
  signingKeyFile?: string;
  /** The public key auditors pin (PEM file), when they do not hold the deployment's private key. */
  signingPublicKeyFile?: string;
  archiveDir: string;
  /** Alert sources (the HTTP app) and webhook subscribers (the worker): YAML files. */
  alertSourcesFile?: string;
  webhooksFile?: string;
}

export interface WebConfig {
  /** Empty: nobody can sign in (the web edge refuses to start in production). */
  auth: WebAuthMode[];
  trustedProxies: string[];
  /** The identity header the proxy sets; the only one believed. */
  proxyUserHeader: Env['BREACHPLAN_WEB_PROXY_USER_HEADER'];
  tokensFile: string;
  /** Browser origins (the Temporal UI) allowed to call the codec endpoint. */
  codecOrigins: string[];
  /** BREACHPLAN_SESSION_SECRET as given (base64); unset: embedded generates one, production refuses to start. */
  sessionSecret?: string;
  /** Where logged-out sessions are listed until they expire (shared by the app processes on one data dir). */
  revokedSessionsFile?: string;
  /** OpenID Connect sign-in (BREACHPLAN_WEB_AUTH includes oidc). */
  oidc?: OidcConfig;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Unset: <public URL>/login/oidc/callback, else the address the browser used (embedded, tests). */
  redirectUrl?: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse a given environment (tests pass their own); throws ConfigError naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = env[name];
        return `${name}: ${issue.message}${got === undefined ? ' (not set)' : ''}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (Boolean(e.SLACK_BOT_TOKEN) !== Boolean(e.SLACK_SIGNING_SECRET)) {
    problems.push('SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET: set both to enable Slack, or neither');
  }
  if (Boolean(e.TEMPORAL_TLS_CLIENT_CERT_PATH) !== Boolean(e.TEMPORAL_TLS_CLIENT_KEY_PATH)) {
    problems.push('TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH: mTLS needs both');
  }
  if (e.BREACHPLAN_WEB_AUTH.includes('proxy') && e.BREACHPLAN_WEB_TRUSTED_PROXIES.length === 0) {
    problems.push(
      "BREACHPLAN_WEB_TRUSTED_PROXIES: required with BREACHPLAN_WEB_AUTH=proxy (the auth proxy's address)",
    );
  }
  if (e.BREACHPLAN_WEB_AUTH.includes('oidc') && (!e.BREACHPLAN_OIDC_ISSUER || !e.BREACHPLAN_OIDC_CLIENT_ID)) {
    problems.push(
      'BREACHPLAN_OIDC_ISSUER and BREACHPLAN_OIDC_CLIENT_ID: required with BREACHPLAN_WEB_AUTH=oidc',
    );
  }
  if (e.BREACHPLAN_MODE === 'production') {
    if (
      e.BREACHPLAN_WEB_AUTH.includes('oidc') &&
      !e.BREACHPLAN_OIDC_REDIRECT_URL &&
      !e.BREACHPLAN_PUBLIC_URL
    ) {
      problems.push(
        'BREACHPLAN_OIDC_REDIRECT_URL (or BREACHPLAN_PUBLIC_URL): required in production with BREACHPLAN_WEB_AUTH=oidc',
      );
    }
    if (e.BREACHPLAN_WEB_AUTH.includes('token') && !e.BREACHPLAN_WEB_TOKENS_FILE) {
      problems.push('BREACHPLAN_WEB_TOKENS_FILE: required in production with BREACHPLAN_WEB_AUTH=token');
    }
    if (!e.BREACHPLAN_CODEC_KEYS) {
      problems.push('BREACHPLAN_CODEC_KEYS: required in production (keyId=base64 of 32 random bytes)');
    }
    if (!e.BREACHPLAN_EDGE_PUBLIC_KEYS && !e.BREACHPLAN_EDGE_SIGNING_KEY) {
      problems.push(
        'BREACHPLAN_EDGE_SIGNING_KEY (edges) or BREACHPLAN_EDGE_PUBLIC_KEYS (workers): required in production, see README "Signed commands"',
      );
    }
    if (!e.SMTP_URL)
      problems.push('SMTP_URL: required in production, e.g. smtps://user:pass@mail.example.com:465');
    if (!e.BREACHPLAN_ROLES_FILE) {
      problems.push(
        'BREACHPLAN_ROLES_FILE: required in production (who is commander, legal, auditor…), see config/roles.example.yaml',
      );
    }
    if (!e.BREACHPLAN_SIGNING_KEY_FILE) {
      problems.push(
        'BREACHPLAN_SIGNING_KEY_FILE: required in production (Ed25519 private key, PEM) to sign timelines',
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const useTls =
    e.TEMPORAL_TLS ||
    Boolean(e.TEMPORAL_API_KEY) ||
    Boolean(e.TEMPORAL_TLS_CLIENT_CERT_PATH) ||
    Boolean(e.TEMPORAL_TLS_SERVER_CA_CERT_PATH);
  return {
    mode: e.BREACHPLAN_MODE,
    dataDir: e.BREACHPLAN_DATA_DIR,
    http: { host: e.BREACHPLAN_HTTP_HOST, port: e.BREACHPLAN_HTTP_PORT, publicUrl: e.BREACHPLAN_PUBLIC_URL },
    logLevel: e.BREACHPLAN_LOG_LEVEL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      apiKey: e.TEMPORAL_API_KEY,
      tls: useTls
        ? {
            clientCertPath: e.TEMPORAL_TLS_CLIENT_CERT_PATH,
            clientKeyPath: e.TEMPORAL_TLS_CLIENT_KEY_PATH,
            serverCaCertPath: e.TEMPORAL_TLS_SERVER_CA_CERT_PATH,
            serverName: e.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
    },
    temporalUiPort: e.TEMPORAL_UI_PORT,
    temporalUi: e.BREACHPLAN_TEMPORAL_UI,
    codecKeys: e.BREACHPLAN_CODEC_KEYS,
    edgeSigningKey: e.BREACHPLAN_EDGE_SIGNING_KEY,
    edgePublicKeys: e.BREACHPLAN_EDGE_PUBLIC_KEYS,
    mail: {
      smtpUrl: e.SMTP_URL,
      allowPlaintext: e.BREACHPLAN_SMTP_ALLOW_PLAINTEXT === '1',
      from: e.BREACHPLAN_MAIL_FROM,
      sinkPort: e.BREACHPLAN_SMTP_SINK_PORT,
      sinkApiPort: e.BREACHPLAN_SMTP_SINK_API_PORT,
      ratePerSec: e.BREACHPLAN_MAIL_RATE_PER_SEC,
      deliveryLogUrl:
        e.BREACHPLAN_DELIVERY_LOG_URL ??
        (e.SMTP_URL ? undefined : `http://127.0.0.1:${e.BREACHPLAN_SMTP_SINK_API_PORT}`),
    },
    notice: noticeProfileOf(e),
    recipientsDir: e.BREACHPLAN_RECIPIENTS_DIR ?? join(e.BREACHPLAN_DATA_DIR, 'recipients'),
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            apiUrl: e.SLACK_API_URL,
            legalChannel: e.SLACK_LEGAL_CHANNEL,
          }
        : undefined,
    // The embedded stack is a demo and a sandbox: its people are the example directory's unless told otherwise.
    rolesFile: e.BREACHPLAN_ROLES_FILE ?? (e.BREACHPLAN_MODE === 'embedded' ? EXAMPLE_ROLES_FILE : undefined),
    web: {
      auth:
        e.BREACHPLAN_WEB_AUTH.length > 0
          ? (e.BREACHPLAN_WEB_AUTH as WebAuthMode[])
          : e.BREACHPLAN_MODE === 'embedded'
            ? ['token']
            : [],
      trustedProxies: e.BREACHPLAN_WEB_TRUSTED_PROXIES,
      proxyUserHeader: e.BREACHPLAN_WEB_PROXY_USER_HEADER,
      tokensFile: e.BREACHPLAN_WEB_TOKENS_FILE ?? join(e.BREACHPLAN_DATA_DIR, 'web-tokens.yaml'),
      codecOrigins:
        e.BREACHPLAN_CODEC_CORS_ORIGINS.length > 0 || e.BREACHPLAN_MODE === 'production'
          ? e.BREACHPLAN_CODEC_CORS_ORIGINS
          : [`http://127.0.0.1:${e.TEMPORAL_UI_PORT}`, `http://localhost:${e.TEMPORAL_UI_PORT}`],
      sessionSecret: e.BREACHPLAN_SESSION_SECRET,
      revokedSessionsFile: join(e.BREACHPLAN_DATA_DIR, 'revoked-sessions'),
      oidc:
        e.BREACHPLAN_WEB_AUTH.includes('oidc') && e.BREACHPLAN_OIDC_ISSUER && e.BREACHPLAN_OIDC_CLIENT_ID
          ? {
              issuer: e.BREACHPLAN_OIDC_ISSUER,
              clientId: e.BREACHPLAN_OIDC_CLIENT_ID,
              clientSecret: e.BREACHPLAN_OIDC_CLIENT_SECRET,
              redirectUrl:
                e.BREACHPLAN_OIDC_REDIRECT_URL ??
                (e.BREACHPLAN_PUBLIC_URL
                  ? `${e.BREACHPLAN_PUBLIC_URL.replace(/\/+$/, '')}/login/oidc/callback`
                  : undefined),
            }
          : undefined,
    },
    signingKeyFile: e.BREACHPLAN_SIGNING_KEY_FILE,
    signingPublicKeyFile: e.BREACHPLAN_SIGNING_PUBLIC_KEY_FILE,
    archiveDir: e.BREACHPLAN_ARCHIVE_DIR ?? join(e.BREACHPLAN_DATA_DIR, 'archive'),
    alertSourcesFile: e.BREACHPLAN_ALERT_SOURCES_FILE,
    webhooksFile: e.BREACHPLAN_WEBHOOKS_FILE,
  };
}

/** What the web edge needs beyond the common configuration: in production, a way to know who people are. */
export function checkWebEdgeConfig(config: Config): void {
  if (config.mode === 'production' && config.web.auth.length === 0) {
    throw new ConfigError([
      `BREACHPLAN_WEB_AUTH: required in production to start the web edge (${WEB_AUTH_MODES.join(', ')}, or several); see README.md, section Web`,
    ]);
  }
  if (config.mode === 'production' && !config.web.sessionSecret) {
    throw new ConfigError([
      'BREACHPLAN_SESSION_SECRET: required in production to start the web edge (base64 of 32 random bytes: openssl rand -base64 32)',
    ]);
  }
}

let loaded: Config | undefined;

/** Runs `read`; a ConfigError prints the problems and exits with code 78 (EX_CONFIG). */
function orExit<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee README.md, section Configuration.\n`);
      process.exit(78);
    }
    throw err;
  }
}

/** The process's configuration, read once. On error prints the problems and exits with code 78 (EX_CONFIG). */
export function loadConfig(): Config {
  return (loaded ??= orExit(() => parseConfig(process.env)));
}

/** The configuration of a process that serves the web edge; exits with 78 when it cannot serve it safely. */
export function loadWebEdgeConfig(): Config {
  const config = loadConfig();
  orExit(() => checkWebEdgeConfig(config));
  return config;
}

/** The notice profile from the environment: company and contacts, the offered service's provider. */
function noticeProfileOf(e: Env): NoticeProfile {
  const fallback = defaultNoticeProfile(e.BREACHPLAN_MAIL_FROM);
  const offer =
    e.BREACHPLAN_OFFER_PROVIDER || e.BREACHPLAN_OFFER_URL
      ? {
          provider: e.BREACHPLAN_OFFER_PROVIDER,
          enrollUrl: e.BREACHPLAN_OFFER_URL,
          phone: e.BREACHPLAN_OFFER_PHONE,
        }
      : undefined;
  const parsed = noticeProfileSchema.safeParse(
    JSON.parse(
      JSON.stringify({
        companyName: e.BREACHPLAN_COMPANY_NAME ?? fallback.companyName,
        contactEmail: e.BREACHPLAN_NOTICE_EMAIL ?? fallback.contactEmail,
        contactPhone: e.BREACHPLAN_NOTICE_PHONE,
        website: e.BREACHPLAN_NOTICE_WEBSITE,
        postalAddress: e.BREACHPLAN_NOTICE_ADDRESS,
        dpoContact: e.BREACHPLAN_DPO_CONTACT,
        offer,
      }),
    ),
  );
  if (!parsed.success) {
    const names: Record<string, string> = {
      companyName: 'BREACHPLAN_COMPANY_NAME',
      contactEmail: 'BREACHPLAN_NOTICE_EMAIL',
      'offer.provider': 'BREACHPLAN_OFFER_PROVIDER',
      'offer.enrollUrl': 'BREACHPLAN_OFFER_URL',
    };
    throw new ConfigError(
      parsed.error.issues.map((i) => `${names[i.path.join('.')] ?? i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}
