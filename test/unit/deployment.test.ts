// No Docker engine runs here, so the production compose file is checked by structure: the services, images,
// environment and dependencies the deployment relies on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { envSchema } from '../../src/config';
import { SEARCH_ATTRIBUTE_TYPES } from '../../workflows/search-attributes';
import { roleDirectorySchema } from '../../src/domain/roles';

const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      build?: string;
      command?: string[];
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      deploy?: { replicas?: number };
    }
  >;
};

describe('docker-compose.yml', () => {
  const s = compose.services;

  it('runs Temporal on PostgreSQL, the UI, a mail catcher, the worker and the app', () => {
    expect(Object.keys(s).sort()).toEqual([
      'app',
      'mailcatcher',
      'postgresql',
      'temporal',
      'temporal-setup',
      'temporal-ui',
      'worker',
    ]);
    expect(s.postgresql!.image).toMatch(/^postgres:\d+/);
    expect(s.temporal!.image).toMatch(/^temporalio\/auto-setup:/);
    expect(s.temporal!.environment!.DB).toBe('postgres12');
    expect(s.temporal!.depends_on!.postgresql!.condition).toBe('service_healthy');
    expect(s['temporal-ui']!.image).toMatch(/^temporalio\/ui:/);
  });

  it('builds worker and app from this repo and runs the compiled entry points', () => {
    expect(s.worker!.build).toBe('.');
    expect(s.worker!.command).toEqual(['node', 'dist/src/worker/worker-main.js']);
    expect(s.app!.command).toEqual(['node', 'dist/src/web/main.js']);
    expect(s.worker!.deploy!.replicas).toBeGreaterThan(1);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/tsc -p tsconfig.build.json/);
  });

  it('gives worker and app a production configuration the config schema accepts', () => {
    for (const name of ['worker', 'app']) {
      const env = s[name]!.environment!;
      expect(env.BREACHPLAN_MODE).toBe('production');
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(env.SMTP_URL).toBe('smtp://mailcatcher:1025');
      expect(env.BREACHPLAN_DELIVERY_LOG_URL).toBe('http://mailcatcher:8025');
      expect(env.BREACHPLAN_SIGNING_KEY_FILE).toBe('/config/signing-key.pem');
      expect(env.BREACHPLAN_CODEC_KEYS).toMatch(/^\$\{BREACHPLAN_CODEC_KEYS:\?/);
      for (const key of Object.keys(env)) expect(Object.keys(envSchema.shape)).toContain(key);
    }
    expect(s.worker!.depends_on!['temporal-setup']!.condition).toBe('service_completed_successfully');
  });

  it('gives the app a way to know who people are, and lets the Temporal UI call its codec endpoint', () => {
    const env = s.app!.environment!;
    expect(env.BREACHPLAN_WEB_AUTH).toBe('token');
    expect(env.BREACHPLAN_WEB_TOKENS_FILE).toMatch(/^\/config\//);
    const codec = new URL(s['temporal-ui']!.environment!.TEMPORAL_CODEC_ENDPOINT!);
    expect(codec.pathname).toBe('/codec');
    expect(s['temporal-ui']!.environment!.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    expect(env.BREACHPLAN_CODEC_CORS_ORIGINS!.split(',')).toContain('http://localhost:8233');
  });

  it('registers every search attribute the workflows set', () => {
    const command = JSON.stringify(s['temporal-setup']!);
    for (const name of Object.keys(SEARCH_ATTRIBUTE_TYPES)) expect(command).toContain(name);
  });

  it('ships an example role directory that validates', () => {
    const dir = parse(readFileSync(join(root, 'config', 'roles.example.yaml'), 'utf8'));
    expect(roleDirectorySchema.safeParse(dir).success).toBe(true);
  });
});
