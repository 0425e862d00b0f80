// A local SMTP server that keeps every message it accepts as an .eml file: the embedded stack's outbox and
// the tests' real SMTP peer. It can be told to answer with transient or permanent failures.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { CompactIdSet } from './id-set';

export interface SinkMessage {
  file?: string;
  from: string;
  to: string[];
  raw: Buffer;
  messageId?: string;
}

export interface MailSink {
  port: number;
  messages: SinkMessage[];
  /** Decide per recipient: undefined accepts; a number answers with that SMTP code (4xx transient, 5xx permanent). */
  failRecipient?: (address: string) => number | undefined;
  /** Messages accepted, and how many of them repeated a Message-ID already seen (counted compactly, always). */
  accepted: number;
  duplicateIds: number;
  close(): Promise<void>;
}

export async function startMailSink(
  o: { port?: number; host?: string; outboxDir?: string; keepInMemory?: boolean } = {},
): Promise<MailSink> {
  if (o.outboxDir) mkdirSync(o.outboxDir, { recursive: true });
  let counter = 0;
  const sink: MailSink = {
    port: 0,
    messages: [],
    accepted: 0,
    duplicateIds: 0,
    close: async () => undefined,
  };
  const ids = new CompactIdSet();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'Breachplan mail sink',
    closeTimeout: 2000,
    size: 25 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = sink.failRecipient?.(address.address);
      if (code) {
        const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), {
          responseCode: code,
        });
        return callback(err);
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const header = raw.subarray(0, Math.min(raw.length, 8192)).toString();
        const messageId = /^message-id:\s*(<[^>\r\n]+>)/im.exec(header)?.[1];
        const msg: SinkMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId,
        };
        if (o.outboxDir) {
          const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++counter}.eml`;
          const tmp = join(o.outboxDir, `.${name}.tmp`);
          writeFileSync(tmp, raw, { mode: 0o600 });
          renameSync(tmp, join(o.outboxDir, name));
          msg.file = join(o.outboxDir, name);
        }
        sink.accepted += 1;
        if (messageId && !ids.add(messageId)) sink.duplicateIds += 1;
        if (o.keepInMemory !== false) sink.messages.push(msg);
        callback(null, 'queued');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  // A client killed mid-conversation resets its connection: that is the client's problem, not the sink's.
  server.on('error', () => undefined);
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}
