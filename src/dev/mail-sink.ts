// A local SMTP server that keeps every message it accepts as an .eml file: the embedded stack's outbox and
// the tests' real SMTP peer. It can be told to answer with transient or permanent failures. Like Mailpit, it
// can answer "was this Message-ID accepted?" over HTTP (a subset of Mailpit's search API): the delivery log a
// campaign asks before resending a notice a crash left in doubt.
import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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
  /** Tests: store the message, then never answer (the reply "lost" after the server took it). */
  holdReply?: (recipients: string[]) => boolean;
  /** Messages accepted, and how many of them repeated a Message-ID already seen (counted compactly, always). */
  accepted: number;
  duplicateIds: number;
  /** Base URL of the Mailpit-compatible search API, when started with `apiPort`. */
  apiUrl?: string;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;

/** Message-IDs of the .eml files already in the outbox, so the delivery log survives a restart of the sink. */
function outboxIds(dir: string, ids: CompactIdSet): void {
  const head = Buffer.alloc(8192);
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.eml') || name.startsWith('.')) continue;
    const fd = openSync(join(dir, name), 'r');
    try {
      const n = readSync(fd, head, 0, head.length, 0);
      const id = MESSAGE_ID.exec(head.subarray(0, n).toString())?.[1];
      if (id) ids.add(id);
    } finally {
      closeSync(fd);
    }
  }
}

/** `GET /api/v1/search?query=message-id:<id>`: Mailpit's answer shape, reduced to what a delivery check reads. */
function startSearchApi(ids: CompactIdSet, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink');
    const query = url.searchParams.get('query') ?? '';
    const match = /^message-id:\s*<?([^<>\s]+)>?$/i.exec(query.trim());
    if (req.method !== 'GET' || url.pathname !== '/api/v1/search' || !match) {
      res.writeHead(url.pathname === '/api/v1/search' ? 400 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'only GET /api/v1/search?query=message-id:<id> is served here' }));
      return;
    }
    const id = match[1]!;
    // 64-bit hashes: a false "accepted" for a million ids is ~1e-8 likely per question.
    const found = ids.has(`<${id}>`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        total: ids.size,
        messages_count: found ? 1 : 0,
        messages: found ? [{ MessageID: id }] : [],
      }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export async function startMailSink(
  o: {
    port?: number;
    host?: string;
    outboxDir?: string;
    keepInMemory?: boolean;
    /** Serve the Message-ID search API on this port (0: any free port); unset: no API. */
    apiPort?: number;
  } = {},
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
  if (o.outboxDir) outboxIds(o.outboxDir, ids);
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
        const messageId = MESSAGE_ID.exec(header)?.[1];
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
        if (sink.holdReply?.(msg.to)) return;
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
  const api =
    o.apiPort === undefined ? undefined : await startSearchApi(ids, o.apiPort, o.host ?? '127.0.0.1');
  if (api) sink.apiUrl = `http://${o.host ?? '127.0.0.1'}:${(api.address() as AddressInfo).port}`;
  sink.close = async () => {
    await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return sink;
}
