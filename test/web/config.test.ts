// The web edge's settings in the one config: a bad value names its variable, the embedded stack has working
// defaults, and production refuses to start the web edge (exit 78) without a way to know who people are.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, checkWebEdgeConfig, parseConfig } from '../../src/config';

describe('web: configuration', () => {
  const production = {
    BREACHPLAN_MODE: 'production',
    BREACHPLAN_CODEC_KEYS: `k1=${randomBytes(32).toString('base64')}`,
    SMTP_URL: 'smtp://mail.example.com:25',
    BREACHPLAN_SIGNING_KEY_FILE: '/config/signing-key.pem',
    BREACHPLAN_ROLES_FILE: '/config/roles.yaml',
    BREACHPLAN_EDGE_SIGNING_KEY: `e1=${randomBytes(32).toString('base64')}`,
  };
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      checkWebEdgeConfig(parseConfig(env));
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.join('\n');
      throw err;
    }
    return '';
  };

  it('names the variable of a bad value', () => {
    expect(problems({ BREACHPLAN_WEB_AUTH: 'password' })).toBe(
      'BREACHPLAN_WEB_AUTH: "password": one of proxy, token, oidc',
    );
    expect(problems({ BREACHPLAN_WEB_AUTH: 'proxy', BREACHPLAN_WEB_TRUSTED_PROXIES: '10.0.0.0/33' })).toBe(
      'BREACHPLAN_WEB_TRUSTED_PROXIES: "10.0.0.0/33": prefix must be 0-32',
    );
    expect(problems({ BREACHPLAN_WEB_AUTH: 'proxy' })).toMatch(
      /^BREACHPLAN_WEB_TRUSTED_PROXIES: required with/,
    );
    expect(problems({ BREACHPLAN_CODEC_CORS_ORIGINS: 'https://ui.example.com/' })).toMatch(
      /BREACHPLAN_CODEC_CORS_ORIGINS: "https:\/\/ui.example.com\/": an origin has no path/,
    );
    expect(problems({ BREACHPLAN_CODEC_CORS_ORIGINS: '*' })).toMatch(/^BREACHPLAN_CODEC_CORS_ORIGINS: "\*"/);
    expect(problems({ ...production, BREACHPLAN_WEB_AUTH: 'token' })).toBe(
      'BREACHPLAN_WEB_TOKENS_FILE: required in production with BREACHPLAN_WEB_AUTH=token',
    );
  });

  it('defaults the embedded stack to tokens and the local Temporal UI; production has no default', () => {
    expect(parseConfig({ TEMPORAL_UI_PORT: '9233' }).web).toEqual({
      auth: ['token'],
      trustedProxies: [],
      proxyUserHeader: 'x-forwarded-email',
      tokensFile: join('.data', 'web-tokens.yaml'),
      codecOrigins: ['http://127.0.0.1:9233', 'http://localhost:9233'],
      revokedSessionsFile: join('.data', 'revoked-sessions'),
    });
    expect(parseConfig(production).web).toMatchObject({ auth: [], codecOrigins: [] });
    expect(
      parseConfig({
        ...production,
        BREACHPLAN_WEB_AUTH: 'proxy, token',
        BREACHPLAN_WEB_TRUSTED_PROXIES: '10.0.0.5, fd00::/8',
        BREACHPLAN_WEB_TOKENS_FILE: '/config/web-tokens.yaml',
        BREACHPLAN_CODEC_CORS_ORIGINS: 'https://cloud.temporal.io',
      }).web,
    ).toEqual({
      auth: ['proxy', 'token'],
      trustedProxies: ['10.0.0.5', 'fd00::/8'],
      proxyUserHeader: 'x-forwarded-email',
      tokensFile: '/config/web-tokens.yaml',
      codecOrigins: ['https://cloud.temporal.io'],
      revokedSessionsFile: join('.data', 'revoked-sessions'),
    });
  });

  it('needs the OpenID provider and client with oidc, and in production a session secret and a redirect URL', () => {
    expect(problems({ BREACHPLAN_WEB_AUTH: 'oidc' })).toBe(
      'BREACHPLAN_OIDC_ISSUER and BREACHPLAN_OIDC_CLIENT_ID: required with BREACHPLAN_WEB_AUTH=oidc',
    );
    const oidc = {
      BREACHPLAN_WEB_AUTH: 'oidc',
      BREACHPLAN_OIDC_ISSUER: 'https://login.example.com',
      BREACHPLAN_OIDC_CLIENT_ID: 'breachplan',
      BREACHPLAN_OIDC_CLIENT_SECRET: 'cs',
    };
    expect(parseConfig({ ...oidc, BREACHPLAN_PUBLIC_URL: 'https://bp.example.com/' }).web.oidc).toEqual({
      issuer: 'https://login.example.com',
      clientId: 'breachplan',
      clientSecret: 'cs',
      redirectUrl: 'https://bp.example.com/login/oidc/callback',
    });
    expect(problems({ ...production, ...oidc })).toContain(
      'BREACHPLAN_OIDC_REDIRECT_URL (or BREACHPLAN_PUBLIC_URL): required in production',
    );
    const redirect = { BREACHPLAN_OIDC_REDIRECT_URL: 'https://bp.example.com/login/oidc/callback' };
    expect(problems({ ...production, ...oidc, ...redirect })).toMatch(
      /^BREACHPLAN_SESSION_SECRET: required in production to start the web edge/,
    );
    expect(
      problems({
        ...production,
        ...oidc,
        ...redirect,
        BREACHPLAN_SESSION_SECRET: randomBytes(32).toString('base64'),
      }),
    ).toBe('');
  });

  it('refuses to start the web edge in production without an auth mode, or with a broken tokens file (exit 78)', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['-r', 'tsx/cjs', 'src/web/main.ts'], {
        env: { PATH: process.env.PATH, ...production, ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const none = run({});
    expect(none.status).toBe(78);
    expect(none.stderr).toMatch(/BREACHPLAN_WEB_AUTH: required in production to start the web edge/);

    const dir = mkdtempSync(join(tmpdir(), 'bp-web-config-'));
    writeFileSync(join(dir, 'tokens.yaml'), 'tokens:\n  - sha256: abc\n    user: lena\n');
    const broken = run({
      BREACHPLAN_WEB_AUTH: 'token',
      BREACHPLAN_SESSION_SECRET: randomBytes(32).toString('base64'),
      BREACHPLAN_WEB_TOKENS_FILE: join(dir, 'tokens.yaml'),
    });
    expect(broken.status).toBe(78);
    expect(broken.stderr).toMatch(
      /BREACHPLAN_WEB_TOKENS_FILE .*tokens\.yaml: tokens\.0\.sha256: the SHA-256 of the token/,
    );
  });
});
