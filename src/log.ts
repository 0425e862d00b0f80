// Structured logs with pino. Secrets and PII-bearing fields are redacted wherever they appear.
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  '*.botToken',
  '*.signingSecret',
  '*.apiKey',
  '*.password',
  '*.codecKeys',
  '*.smtpUrl',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'config.slack',
  'config.codecKeys',
  'config.mail.smtpUrl',
  'config.temporal.apiKey',
];

export function createLogger(level: string, name = 'breachplan'): Logger {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
