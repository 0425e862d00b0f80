// /api/v1: the one HTTP API every client uses (the `breachplan` CLI, scripts, curl). A bearer token (or the
// trusted auth proxy) says who is asking; the operation table says what they may ask; the workflow decides.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { RunbookError } from '../domain/runbook-yaml';
import type { AuthenticatedActor, Principal } from '../domain/principal';
import { IncidentNotVisibleError } from '../temporal/incident-reads';
import { RefusedError } from '../temporal/incidents';
import { type Authenticator, type Viewer, peerAddress } from '../web/auth';
import { buildOpenApi } from './openapi';
import { type ApiDeps, type Operation, OPERATIONS, parsePart } from './operations';
import { ApiProblem, invalidInput, refusalProblem, sendProblem } from './problem';
import { temporalRefusal } from '../temporal/errors';

export const API_PREFIX = '/api/v1';
/** What the CLI sends as its User-Agent: the timeline then says the command came from the CLI. */
export const CLI_USER_AGENT = /^breachplan-cli\//;

const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, '1 to 128 characters: letters, digits, _ . : -');

export interface ApiRouterOptions extends ApiDeps {
  auth: Authenticator;
}

/** The authenticated person as the edges hand them on: the directory's actor and how we know them. */
export function authenticatedActor(viewer: Viewer, edge: 'api' | 'cli'): AuthenticatedActor {
  const principal: Principal = {
    personId: viewer.actor.id,
    method: viewer.via === 'proxy' ? 'proxy' : viewer.via === 'oidc' ? 'oidc' : 'token',
    // A token's id is its hash (never the token); a proxy's subject is the identity header.
    subject: viewer.subject.replace(/^(token|proxy):/, '').slice(0, 300),
    ...(viewer.issuer ? { issuer: viewer.issuer } : {}),
    edge,
  };
  return { actor: { ...viewer.actor, source: edge === 'cli' ? 'cli' : 'web' }, principal };
}

const expressPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

export function createApiRouter(o: ApiRouterOptions): Router {
  const router = express.Router();
  const logger = o.logger.child({ edge: 'api' });
  const document = buildOpenApi(OPERATIONS);
  const jsonBody = express.json({ limit: '2mb', type: ['application/json', 'application/*+json'] });
  const rawBody = express.raw({ limit: '2mb', type: () => true });

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  router.get('/openapi.json', (_req, res) => void res.json(document));

  const authenticate = (req: Request, op: Operation): AuthenticatedActor => {
    const outcome = o.auth.authenticate(req);
    if (!outcome || 'failure' in outcome || outcome.viewer.via === 'session') {
      const detail =
        outcome && 'failure' in outcome
          ? outcome.failure
          : 'send "Authorization: Bearer <token>" (breachplan login stores one for the CLI)';
      if (outcome) logger.warn({ peer: peerAddress(req), path: req.path, reason: detail }, 'api: refused');
      throw new ApiProblem(401, 'not_signed_in', detail);
    }
    const { viewer } = outcome;
    // The directory gives everyone in it at least one role: no role means not in it.
    if (!op.anyone && viewer.actor.roles.length === 0)
      throw new ApiProblem(403, 'not_authorized', `${viewer.actor.id} is not in the role directory`);
    return authenticatedActor(viewer, CLI_USER_AGENT.test(req.get('user-agent') ?? '') ? 'cli' : 'api');
  };

  for (const op of OPERATIONS) {
    const handlers: express.RequestHandler[] = [];
    if (op.body) handlers.push(jsonBody);
    if (op.rawBody) handlers.push(rawBody);
    handlers.push((req: Request, res: Response, next: NextFunction) => {
      void (async () => {
        const raw = op.rawBody && Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
        // A signed webhook is its own credential: checked over the raw bytes before anything else is read.
        const who = op.authenticateBy
          ? op.authenticateBy(o, { params: req.params as Record<string, string>, headers: req.headers, raw })
          : authenticate(req, op);
        const params = op.params ? parsePart('path', op.params, req.params) : {};
        const query = op.query ? parsePart('query', op.query, req.query) : {};
        let body: unknown;
        if (op.body) {
          if (!req.is(['application/json', 'application/*+json']))
            throw new ApiProblem(415, 'unsupported_media_type', 'send the body as application/json', {
              errors: [{ field: 'header.Content-Type', rule: 'application/json' }],
            });
          body = parsePart('body', op.body, req.body);
        }
        let idempotencyKey: string | undefined;
        const header = req.get('idempotency-key');
        if (header !== undefined) {
          if (!op.idempotent)
            throw new ApiProblem(400, 'invalid_input', `${op.operationId} takes no Idempotency-Key`, {
              errors: [{ field: 'header.Idempotency-Key', rule: 'only on operations that change something' }],
            });
          const key = idempotencyKeySchema.safeParse(header);
          if (!key.success) throw invalidInput('header', key.error);
          idempotencyKey = key.data;
        }
        const reply = await op.run(o, {
          who,
          params: params as Record<string, string>,
          query: query as Record<string, unknown>,
          body,
          stream: req,
          contentType: req.get('content-type'),
          idempotencyKey,
          // Scoped so that one person's key never answers another's request or another operation.
          updateId: idempotencyKey && `api:${who.actor.id}:${op.operationId}:${idempotencyKey}`,
          ...(op.rawBody ? { raw } : {}),
        });
        logger.info({ op: op.operationId, who: who.actor.id, status: reply.status ?? 200 }, 'api');
        res.status(reply.status ?? 200);
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
        if ('json' in reply) res.json(reply.json);
        else res.type(reply.contentType).send(reply.text);
      })().catch(next);
    });
    router[op.method](expressPath(op.path), ...handlers);
  }

  router.use((req, _res, next) =>
    next(new ApiProblem(404, 'no_such_operation', `no operation ${req.method} ${API_PREFIX}${req.path}`)),
  );
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiProblem) return sendProblem(res, err);
    if (err instanceof IncidentNotVisibleError)
      return sendProblem(res, new ApiProblem(404, 'not_found', err.message));
    if (err instanceof RefusedError) return sendProblem(res, refusalProblem(err.code, err.message));
    if (err instanceof RunbookError)
      return sendProblem(res, new ApiProblem(400, 'invalid_runbook', err.message));
    // Temporal itself did not take it (a limit, no answer in time, unreachable): said in words, 503/504.
    const temporal = temporalRefusal(err);
    if (temporal)
      return sendProblem(
        res,
        new ApiProblem(temporal.httpStatus, `temporal_${temporal.problem}`, temporal.message),
      );
    const status = (err as { status?: number }).status;
    const type = (err as { type?: string }).type;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendProblem(
        res,
        new ApiProblem(
          status,
          type === 'entity.too.large' ? 'too_large' : 'unreadable_body',
          type === 'entity.too.large' ? 'the body is too large' : 'the body is not valid JSON',
          { errors: [{ field: 'body', rule: type === 'entity.too.large' ? 'at most 2 MB' : 'JSON' }] },
        ),
      );
    logger.error({ err: (err as Error).message, path: req.path }, 'api: operation failed');
    sendProblem(res, new ApiProblem(500, 'internal', 'the operation failed; try again in a moment'));
  });
  return router;
}
