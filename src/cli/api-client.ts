// The CLI's one way to an incident: the HTTP API with the signed-in person's bearer token. Refusals come back
// as problem details; the CLI shows the server's reason and exits 2 (1 when the server itself failed).
import type { Readable } from 'node:stream';
import { CliUsageError } from './errors';
import type { StoredLogin } from './credentials';

export const USER_AGENT = `breachplan-cli/0.1.0 node/${process.versions.node}`;

/** The server failed or could not be reached: exit 1, not a refusal. */
export class ServerError extends Error {
  override name = 'ServerError';
}

interface Problem {
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; rule: string }[];
  [k: string]: unknown;
}

/** A refusal with the server's problem document, for commands that show more of it (e.g. import rejects). */
export class ApiRefusal extends CliUsageError {
  constructor(
    message: string,
    readonly problem: Problem,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** A streamed upload. */
  stream?: { body: Readable; contentType: string };
  /** Send an Idempotency-Key (a fresh one per invocation): a retried request is applied once. */
  idempotent?: boolean;
}

/** What the CLI reads of an answer (the part of fetch's Response it uses). */
export interface ApiResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * One request with node:http(s), not fetch: fetch's implementation (undici) costs a CLI process about 50 ms of
 * loading and compiling before the first byte (measured with --cpu-prof on `breachplan status`), more than
 * the rest of the CLI together.
 */
export function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Readable | undefined,
  signal?: AbortSignal,
): Promise<ApiResponse> {
  const u = new URL(url);
  const lib = (
    u.protocol === 'https:' ? require('node:https') : require('node:http')
  ) as typeof import('node:http');
  return new Promise((ok, fail) => {
    const req = lib.request(u, { method, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        ok({
          ok: status >= 200 && status < 300,
          status,
          statusText: res.statusMessage ?? '',
          headers: {
            get: (name) => {
              const v = res.headers[name.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            },
          },
          text: async () => text,
          json: async () => JSON.parse(text) as unknown,
        });
      });
    });
    req.on('error', fail);
    if (typeof body === 'string' || body === undefined) req.end(body);
    else {
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    }
  });
}

export class ApiClient {
  constructor(readonly login: Pick<StoredLogin, 'server' | 'token'>) {}

  url(path: string, query?: Record<string, string | undefined>): string {
    const u = new URL(`${this.login.server}/api/v1${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  }

  async raw(method: 'GET' | 'POST', path: string, o: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.login.token}`,
      'user-agent': USER_AGENT,
      accept: 'application/json, application/problem+json, */*',
    };
    let body: string | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
      headers['content-length'] = String(Buffer.byteLength(body));
    } else if (o.stream) {
      headers['content-type'] = o.stream.contentType;
    }
    if (o.idempotent)
      headers['idempotency-key'] = (require('node:crypto') as typeof import('node:crypto')).randomUUID();
    let res: ApiResponse;
    try {
      res = await send(this.url(path, o.query), method, headers, body ?? o.stream?.body);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new ServerError(`cannot reach ${this.login.server}: ${e.code ?? e.message}`);
    }
    if (res.ok) return res;
    const text = await res.text();
    let problem: Problem = {};
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      problem = { detail: text.slice(0, 300) || res.statusText };
    }
    const detail = problem.detail ?? `${res.status} ${res.statusText}`;
    if (res.status >= 500) throw new ServerError(`${detail} (HTTP ${res.status})`);
    if (res.status === 401) throw new ApiRefusal(`${detail} — run breachplan login`, problem);
    throw new ApiRefusal(detail, problem);
  }

  async get<T>(path: string, query?: Record<string, string | undefined>): Promise<T> {
    return (await (await this.raw('GET', path, { query })).json()) as T;
  }

  async post<T>(path: string, json: unknown = {}, o: Omit<RequestOptions, 'json'> = {}): Promise<T> {
    return (await (await this.raw('POST', path, { idempotent: true, ...o, json })).json()) as T;
  }
}
