// Bolt's receiver on the project's Express app: verifies every request's Slack signature on the raw body
// before anything else runs, parses it, and hands it to Bolt with an ack that answers the HTTP request — so
// Slack gets its answer within 3 seconds and the listener's work continues after it.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { verifySlackSignature } from './signature';

export interface SlackReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Answer 200 ourselves if no listener acknowledged by then (Slack gives up after 3 s). */
  ackTimeoutMs?: number;
  now?: () => number;
}

export class MalformedSlackRequest extends Error {}

/** Slash commands are a form; interactions are a form with a JSON `payload`; events are JSON. */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  try {
    if (contentType?.startsWith('application/json')) {
      const body = JSON.parse(text) as unknown;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
      return body as Record<string, unknown>;
    }
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(text));
      if (typeof form.payload === 'string') {
        const payload = JSON.parse(form.payload) as unknown;
        if (!payload || typeof payload !== 'object') throw new Error('payload is not an object');
        return payload as Record<string, unknown>;
      }
      if (!form.command && !form.ssl_check) throw new Error('neither a command nor a payload');
      return form;
    }
  } catch (err) {
    throw new MalformedSlackRequest((err as Error).message);
  }
  throw new MalformedSlackRequest(`unsupported content type ${contentType ?? '(none)'}`);
}

export class SlackRequestReceiver implements Receiver {
  readonly router: Router;
  private bolt?: App;

  constructor(private readonly o: SlackReceiverOptions) {
    this.router = express.Router();
    // Our own raw parser: the signature covers the exact bytes, so no JSON/form parser may run before this.
    const raw = express.raw({ type: () => true, limit: '1mb' });
    for (const path of ['/events', '/commands', '/interactions'])
      this.router.post(path, raw, (req, res) => void this.handle(req, res));
    // The raw parser's own refusals (too large, aborted, bad encoding), before any signature work: a short JSON
    // answer, never Express's HTML error page with its stack trace.
    this.router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
      const e = err as { status?: unknown; type?: unknown };
      if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return next(err);
      const error = e.type === 'entity.too.large' ? 'too_large' : 'unreadable_body';
      this.o.logger.warn({ reason: error, path: req.path }, 'slack: request refused');
      res.status(e.status).json({ ok: false, error });
    });
  }

  init(app: App): void {
    this.bolt = app;
  }
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifySlackSignature(
      this.o.signingSecret,
      { timestamp: req.get('x-slack-request-timestamp'), signature: req.get('x-slack-signature') },
      raw,
      (this.o.now ?? Date.now)(),
    );
    if (!check.ok) {
      this.o.logger.warn({ reason: check.reason, path: req.path }, 'slack: request refused');
      res.status(check.status).json({ ok: false, error: check.reason });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(raw, req.get('content-type'));
    } catch (err) {
      this.o.logger.warn({ reason: (err as Error).message }, 'slack: malformed request');
      res.status(400).json({ ok: false, error: 'malformed' });
      return;
    }
    if (body.type === 'url_verification') {
      res.json({ challenge: body.challenge });
      return;
    }
    if (body.ssl_check) {
      res.status(200).end();
      return;
    }

    let answered = false;
    const answer = (response?: unknown) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      // Written as it is: no ETag (a hash of every answer nobody revalidates) nor the rest of res.send's work,
      // on the event loop where other requests' acks wait.
      if (response === undefined || response === '') res.status(200).end();
      else if (typeof response === 'string')
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
      else
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(response));
    };
    const timer = setTimeout(() => {
      this.o.logger.warn({ type: body.type ?? body.command }, 'slack: not acknowledged in time');
      answer();
    }, this.o.ackTimeoutMs ?? 2500);
    const retryNum = req.get('x-slack-retry-num');
    const event: ReceiverEvent = {
      body,
      retryNum: retryNum ? Number(retryNum) : undefined,
      retryReason: req.get('x-slack-retry-reason'),
      ack: async (response?: unknown) => answer(response),
    };
    try {
      await this.bolt!.processEvent(event);
      answer(); // no listener acknowledged: nothing to say
    } catch (err) {
      this.o.logger.error({ err: (err as Error).message }, 'slack: listener failed');
      if (!answered) {
        answered = true;
        clearTimeout(timer);
        res.status(500).end();
      }
    }
  }
}
