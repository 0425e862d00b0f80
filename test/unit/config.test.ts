import { existsSync } from 'node:fs';
import { ConfigError, parseConfig } from '../../src/config';

describe('config', () => {
  it('defaults to the embedded stack on loopback', () => {
    const c = parseConfig({});
    expect(c.mode).toBe('embedded');
    expect(c.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'breachplan',
      apiKey: undefined,
      tls: undefined,
    });
    expect(c.http).toMatchObject({ host: '127.0.0.1', port: 3000 });
    expect(c.slack).toBeUndefined();
  });

  it('names the variable and the expected form when one is wrong', () => {
    expect(() => parseConfig({ BREACHPLAN_HTTP_PORT: 'eighty' })).toThrow(/BREACHPLAN_HTTP_PORT/);
    expect(() => parseConfig({ TEMPORAL_ADDRESS: 'localhost' })).toThrow(
      /TEMPORAL_ADDRESS: expected host:port/,
    );
  });

  it('checks in-doubt notices against the local sink by default, and against a configured log otherwise', () => {
    expect(parseConfig({}).mail.deliveryLogUrl).toBe('http://127.0.0.1:8025');
    expect(parseConfig({ BREACHPLAN_SMTP_SINK_API_PORT: '9025' }).mail.deliveryLogUrl).toBe(
      'http://127.0.0.1:9025',
    );
    // A real SMTP server and no log: nothing to ask, in-doubt notices are resent.
    expect(parseConfig({ SMTP_URL: 'smtp://mail.example.com:587' }).mail.deliveryLogUrl).toBeUndefined();
    expect(
      parseConfig({ SMTP_URL: 'smtp://relay:25', BREACHPLAN_DELIVERY_LOG_URL: 'http://relay:8025' }).mail
        .deliveryLogUrl,
    ).toBe('http://relay:8025');
    expect(() => parseConfig({ BREACHPLAN_DELIVERY_LOG_URL: 'relay:8025' })).toThrow(
      /BREACHPLAN_DELIVERY_LOG_URL: expected an http\(s\) URL/,
    );
  });

  it('refuses production without an encryption key or SMTP server', () => {
    let err: ConfigError | undefined;
    try {
      parseConfig({ BREACHPLAN_MODE: 'production' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems.join('\n')).toMatch(/BREACHPLAN_CODEC_KEYS: required in production/);
    expect(err!.problems.join('\n')).toMatch(/SMTP_URL: required in production/);
    expect(err!.problems.join('\n')).toMatch(/BREACHPLAN_SIGNING_KEY_FILE: required in production/);
    expect(err!.problems.join('\n')).toMatch(/BREACHPLAN_ROLES_FILE: required in production/);
  });

  it('gives the embedded stack the example role directory unless one is named', () => {
    expect(parseConfig({}).rolesFile).toMatch(/config\/roles\.example\.yaml$/);
    expect(existsSync(parseConfig({}).rolesFile!)).toBe(true);
    expect(parseConfig({ BREACHPLAN_ROLES_FILE: '/etc/bp/roles.yaml' }).rolesFile).toBe('/etc/bp/roles.yaml');
  });

  it('requires Slack token and signing secret together', () => {
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toMatchObject({
      botToken: 'xoxb-1',
    });
  });

  it('turns on TLS for an API key (Temporal Cloud) and for mTLS', () => {
    const cloud = parseConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'ns.acct',
      TEMPORAL_API_KEY: 'k',
    });
    expect(cloud.temporal.apiKey).toBe('k');
    expect(cloud.temporal.tls).toBeDefined();
    expect(() => parseConfig({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/c.pem' })).toThrow(/mTLS needs both/);
  });

  it('exits with a clear message when started with a bad variable', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', "require('./src/config').loadConfig()"], {
      env: { ...process.env, BREACHPLAN_HTTP_PORT: '99999' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/BREACHPLAN_HTTP_PORT/);
  });
});
