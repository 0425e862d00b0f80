// The CLI's one way to an incident: the HTTP API with the signed-in person's bearer token. Refusals come back
// as problem details; the CLI shows the server's reason and exits 2 (1 when the server itself failed).
import { randomUUID } from 'node:crypto';
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

export class ApiClient {
  constructor(readonly login: Pick<StoredLogin, 'server' | 'token'>) {}

  url(path: string, query?: Record<string, string | undefined>): string {
    const u = new URL(`${this.login.server}/api/v1${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  }

  async raw(method: 'GET' | 'POST', path: string, o: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.login.token}`,
      'user-agent': USER_AGENT,
      accept: 'application/json, application/problem+json, */*',
    };
    let body: string | ReadableStream | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.stream) {
      headers['content-type'] = o.stream.contentType;
      const { Readable } = require('node:stream') as typeof import('node:stream');
      body = Readable.toWeb(o.stream.body) as unknown as ReadableStream;
    }
    if (o.idempotent) headers['idempotency-key'] = randomUUID();
    let res: Response;
    try {
      res = await fetch(this.url(path, o.query), {
        method,
        headers,
        body,
        ...(o.stream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ServerError(
        `cannot reach ${this.login.server}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
      );
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
