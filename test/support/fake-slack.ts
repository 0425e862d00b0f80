// A local fake of the Slack Web API on loopback: the methods Breachplan uses, every processed call recorded,
// and injectable failures (429 with Retry-After, 500) so the tests can prove retries deliver exactly once.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}
export interface FakeMessage {
  ts: string;
  text?: string;
  blocks?: Record<string, unknown>[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  user?: string;
}
export interface FakeChannel {
  id: string;
  name: string;
  members: Set<string>;
  messages: FakeMessage[];
  pins: Set<string>;
  archived: boolean;
}
/**
 * 429 and 500 refuse the call; `lost` processes it and then answers 500 (the answer is lost on the way);
 * `error` is Slack refusing it (HTTP 200, ok: false), e.g. missing_scope with the scope it `needed`.
 */
export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { status: 'lost'; channel?: string; then?: () => void }
  | { status: 200; error: string; needed?: string };

/** Nested arguments (blocks, metadata) arrive JSON-encoded inside the form. */
function decodeArgs(raw: string, contentType = ''): Record<string, unknown> {
  if (contentType.includes('json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Every request, including the ones answered with an injected failure. */
  readonly attempts: { method: string; status: number }[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly tokens = new Set<string>();
  private faults = new Map<string, Fault[]>();
  private seq = 0;
  /** Channel ids unique across fakes: suites share one Temporal server and its search attributes. */
  private readonly idPrefix = Math.random().toString(36).slice(2, 8).toUpperCase();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** The next calls of `method` fail like this, in order. */
  inject(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  channelNamed(prefix: string): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.name.startsWith(prefix));
  }

  /** A message someone else posted (it has no Breachplan metadata). */
  postAsSomeoneElse(channelId: string, text: string): void {
    this.channels.get(channelId)!.messages.push({ ts: this.nextTs(), text, user: 'U0OTHER' });
  }

  /** Adds a channel as if created by someone else (e.g. the legal channel). */
  addChannel(id: string, name: string): FakeChannel {
    const ch: FakeChannel = { id, name, members: new Set(), messages: [], pins: new Set(), archived: false };
    this.channels.set(id, ch);
    return ch;
  }

  private nextTs(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = path.startsWith('/api/')
      ? path.slice(5)
      : path.startsWith('/response/')
        ? 'response_url'
        : path;
    const queued = this.faults.get(method);
    // A lost answer can be aimed at one channel's call; other calls of the method pass it by.
    const aimed = queued?.[0]?.status === 'lost' ? queued[0].channel : undefined;
    const fault =
      aimed && decodeArgs(raw, req.headers['content-type']).channel !== aimed ? undefined : queued?.shift();
    if (fault?.status === 'lost') {
      this.attempts.push({ method, status: 500 });
      const args = decodeArgs(raw, req.headers['content-type']);
      this.calls.push({ method, args });
      this.answer(method, args);
      fault.then?.();
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
    if (fault?.status === 200) {
      this.attempts.push({ method, status: 200 });
      this.calls.push({ method, args: decodeArgs(raw, req.headers['content-type']) });
      return { status: 200, body: { ok: false, error: fault.error, needed: fault.needed } };
    }
    if (fault) {
      this.attempts.push({ method, status: fault.status });
      if (fault.status === 429)
        return {
          status: 429,
          body: { ok: false, error: 'ratelimited' },
          headers: { 'retry-after': String(fault.retryAfter) },
        };
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
    this.attempts.push({ method, status: 200 });
    const args = decodeArgs(raw, req.headers['content-type']);
    if (method === 'response_url') args.__url = `${this.url}${path}`;
    const auth = req.headers.authorization;
    if (auth) this.tokens.add(auth.replace(/^Bearer /, ''));
    this.calls.push({ method, args });
    return { status: 200, body: this.answer(method, args) };
  }

  private channel(id: unknown): FakeChannel | undefined {
    return this.channels.get(String(id));
  }

  private answer(method: string, a: Record<string, unknown>): Record<string, unknown> {
    const ok = (extra: Record<string, unknown> = {}) => ({ ok: true, ...extra });
    const error = (code: string) => ({ ok: false, error: code });
    switch (method) {
      case 'auth.test':
        return ok({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
      case 'conversations.create': {
        const name = String(a.name);
        if (!/^[a-z0-9_-]{1,80}$/.test(name)) return error('invalid_name_specials');
        if ([...this.channels.values()].some((c) => c.name === name)) return error('name_taken');
        const ch = this.addChannel(
          `C${this.idPrefix}${String(this.channels.size + 1).padStart(4, '0')}`,
          name,
        );
        ch.members.add('UBOT');
        return ok({ channel: { id: ch.id, name } });
      }
      case 'conversations.list':
        return ok({
          channels: [...this.channels.values()].map((c) => ({ id: c.id, name: c.name })),
          response_metadata: { next_cursor: '' },
        });
      case 'conversations.invite': {
        const ch = this.channel(a.channel);
        if (!ch) return error('channel_not_found');
        const users = String(a.users).split(',');
        if (users.every((u) => ch.members.has(u))) return error('already_in_channel');
        users.forEach((u) => ch.members.add(u));
        return ok({ channel: { id: ch.id } });
      }
      case 'conversations.history': {
        const ch = this.channel(a.channel);
        if (!ch) return error('channel_not_found');
        // Newest first, `limit` a page (Slack's default 100), `cursor` the next page, `oldest` a lower bound.
        const oldest = a.oldest === undefined ? undefined : Number(a.oldest);
        const all = [...ch.messages].reverse().filter((m) => oldest === undefined || Number(m.ts) > oldest);
        const limit = Number(a.limit ?? 100);
        const start = Number(a.cursor ?? 0);
        const next = start + limit < all.length ? String(start + limit) : '';
        return ok({
          messages: all.slice(start, start + limit),
          has_more: next !== '',
          response_metadata: { next_cursor: next },
        });
      }
      case 'chat.postMessage': {
        const ch =
          this.channel(a.channel) ??
          (String(a.channel).startsWith('U')
            ? this.addChannel(String(a.channel), `dm-${String(a.channel)}`)
            : undefined);
        if (!ch) return error('channel_not_found');
        if (ch.archived) return error('is_archived');
        const message: FakeMessage = {
          ts: this.nextTs(),
          text: a.text as string | undefined,
          blocks: a.blocks as FakeMessage['blocks'],
          metadata: a.metadata as FakeMessage['metadata'],
        };
        ch.messages.push(message);
        return ok({ channel: ch.id, ts: message.ts });
      }
      case 'chat.update': {
        const message = this.channel(a.channel)?.messages.find((m) => m.ts === a.ts);
        if (!message) return error('message_not_found');
        message.text = a.text as string | undefined;
        message.blocks = a.blocks as FakeMessage['blocks'];
        return ok({ channel: a.channel, ts: a.ts });
      }
      case 'conversations.archive': {
        const ch = this.channel(a.channel);
        if (!ch) return error('channel_not_found');
        if (ch.archived) return error('already_archived');
        if (!ch.members.has('UBOT')) return error('not_in_channel');
        ch.archived = true;
        return ok();
      }
      case 'pins.add': {
        const ch = this.channel(a.channel);
        if (!ch) return error('channel_not_found');
        if (ch.pins.has(String(a.timestamp))) return error('already_pinned');
        ch.pins.add(String(a.timestamp));
        return ok();
      }
      case 'chat.postEphemeral':
        return this.channel(a.channel) ? ok({ message_ts: this.nextTs() }) : error('channel_not_found');
      case 'views.open':
        return ok({ view: { id: `V${this.calls.length}`, ...(a.view as object) } });
      case 'response_url':
        return ok();
      default:
        return error('unknown_method');
    }
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  return new FakeSlack().start();
}
