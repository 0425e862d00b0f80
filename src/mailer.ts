// The outbound mail transport: the configured SMTP server (pooled), or in the embedded stack the local sink.
import { connect } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config';

/** What the transport needs of the configuration. */
export interface MailerConfig {
  mode: Config['mode'];
  mail: Pick<Config['mail'], 'smtpUrl' | 'sinkPort'> & Partial<Config['mail']>;
}

/**
 * How the transport protects the connection, in words for the start-up log: production requires TLS (smtps://,
 * or STARTTLS that must succeed on smtp://) unless BREACHPLAN_SMTP_ALLOW_PLAINTEXT=1 says otherwise.
 */
export function mailTransportSecurity(config: MailerConfig): {
  requireTLS: boolean;
  warning?: string;
} {
  const url = new URL(smtpUrlFor(config));
  if (url.protocol === 'smtps:') return { requireTLS: false };
  if (config.mode !== 'production') return { requireTLS: false };
  if (config.mail.allowPlaintext)
    return {
      requireTLS: false,
      warning: `SMTP to ${url.hostname}:${url.port || 587} may run without TLS (BREACHPLAN_SMTP_ALLOW_PLAINTEXT=1): the password and the notices cross the network in clear if the server offers no STARTTLS`,
    };
  return { requireTLS: true };
}

export function smtpUrlFor(config: MailerConfig): string {
  if (config.mail.smtpUrl) return config.mail.smtpUrl;
  if (config.mode === 'production') throw new Error('SMTP_URL is required in production');
  return `smtp://127.0.0.1:${config.mail.sinkPort}`;
}

export function createMailer(config: MailerConfig, opts: { maxConnections?: number } = {}): Transporter {
  const url = new URL(smtpUrlFor(config));
  const port = Number(url.port || (url.protocol === 'smtps:' ? 465 : 587));
  const { requireTLS } = mailTransportSecurity(config);
  return nodemailer.createTransport({
    pool: true,
    maxConnections: opts.maxConnections ?? 5,
    host: url.hostname,
    port,
    secure: url.protocol === 'smtps:',
    // Production: a server (or someone in the path) that offers no STARTTLS gets neither password nor notice.
    requireTLS,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    // The local sink speaks plain SMTP on loopback; a real server must offer STARTTLS.
    ignoreTLS: url.hostname === '127.0.0.1' && !config.mail.smtpUrl,
    // Sockets with Nagle off: nodemailer writes a message in several small writes, and Nagle's algorithm with
    // the server's delayed ACK stalls each message ~40 ms (about 100 messages/s for a pool of 5).
    getSocket: (_o: unknown, done: (err: Error | null, s?: object) => void) => {
      const socket = connect({ host: url.hostname, port, noDelay: true }, () => {
        socket.removeListener('error', done);
        done(null, { connection: socket });
      });
      socket.once('error', done);
    },
  } as Parameters<typeof nodemailer.createTransport>[0]);
}
