// The two integration files: alert sources (BREACHPLAN_ALERT_SOURCES_FILE: who may open incidents from
// monitoring) and webhook subscribers (BREACHPLAN_WEBHOOKS_FILE: who is told what the incident decided). Both
// YAML, zod-validated; secrets come from the environment variables they name, are checked at load and kept
// behind a function so that no log line or error can print them.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type AlertSource, alertSourcesFileSchema } from './domain/alerts';
import { describeIssues } from './domain/commands';
import {
  type WebhookRetry,
  type WebhookRoutes,
  type WebhookSubscriber,
  webhooksFileSchema,
} from './domain/webhook-events';
import { webhookSecretKey } from './crypto/webhook-signatures';
import { ConfigError } from './config';

/** A bad integration file stops the process like any configuration error (exit 78), naming file and field. */
export class IntegrationConfigError extends ConfigError {
  constructor(problem: string) {
    super([problem]);
    this.name = 'IntegrationConfigError';
  }
}

export interface ConfiguredAlertSource {
  source: AlertSource;
  secret(): string;
}

export interface ConfiguredSubscriber {
  subscriber: WebhookSubscriber;
  secret(): string;
}

export interface WebhookConfig {
  subscribers: ConfiguredSubscriber[];
  retry: WebhookRetry;
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new IntegrationConfigError(`${file}: ${(err as Error).message}`);
  }
}

function secretFrom(env: NodeJS.ProcessEnv, file: string, where: string, name: string): () => string {
  const value = env[name]?.trim();
  if (!value) throw new IntegrationConfigError(`${file}: ${where}: the variable ${name} is not set`);
  return () => value;
}

export function parseAlertSources(
  raw: unknown,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): ConfiguredAlertSource[] {
  const parsed = alertSourcesFileSchema.safeParse(raw);
  if (!parsed.success) throw new IntegrationConfigError(`${file}: ${describeIssues(parsed.error)}`);
  return parsed.data.sources.map((source) => ({
    source,
    secret: secretFrom(env, file, `source ${source.id}`, source.secret.env),
  }));
}

export function loadAlertSources(file: string | undefined, env = process.env): ConfiguredAlertSource[] {
  return file ? parseAlertSources(readYaml(file), file, env) : [];
}

export function parseWebhooks(
  raw: unknown,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): WebhookConfig {
  const parsed = webhooksFileSchema.safeParse(raw);
  if (!parsed.success) throw new IntegrationConfigError(`${file}: ${describeIssues(parsed.error)}`);
  const subscribers = parsed.data.subscribers.map((subscriber) => {
    const secret = secretFrom(env, file, `subscriber ${subscriber.id}`, subscriber.secret.env);
    try {
      webhookSecretKey(secret());
    } catch (err) {
      throw new IntegrationConfigError(
        `${file}: subscriber ${subscriber.id}: ${subscriber.secret.env}: ${(err as Error).message}`,
      );
    }
    return { subscriber, secret };
  });
  return { subscribers, retry: parsed.data.retry };
}

export function loadWebhooks(file: string | undefined, env = process.env): WebhookConfig {
  return file
    ? parseWebhooks(readYaml(file), file, env)
    : { subscribers: [], retry: webhooksFileSchema.parse({ subscribers: [] }).retry };
}

/** What the workflow is told: ids, event filters and whether text may go, never a URL or a secret. */
export function routesOf(config: WebhookConfig): WebhookRoutes {
  return {
    subscribers: config.subscribers.map(({ subscriber: s }) => ({
      id: s.id,
      events: s.events ?? null,
      includeText: s.includeText,
    })),
    retry: config.retry,
  };
}
