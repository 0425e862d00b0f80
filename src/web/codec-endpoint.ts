// The codec endpoint for the Temporal UI and CLI (Temporal's "codec server" protocol): POST …/decode and
// …/encode take and return `{payloads: [...]}` as proto3 JSON, run through the deployment's EncryptionCodec.
// Decoding reveals PII: only auditors and counsel may call it, from allowed browser origins, and every call is
// logged with who, which namespace and how many payloads — never what they contain.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import { z } from 'zod';
import { describeIssues } from '../domain/commands';
import { PAYLOAD_READERS } from '../domain/roles';
import { CodecKeyError } from '../crypto/keyring';
import {
  type Authenticator,
  type Refuse,
  peerAddress,
  requireDirectoryRole,
  requireViewer,
  viewerOf,
} from './auth';

export interface CodecEndpointOptions {
  codec: PayloadCodec;
  /** The namespace whose keys we hold; a request for another one is refused. */
  namespace: string;
  /** Browser origins (the Temporal UI) allowed to call; requests without an Origin (the CLI) need none. */
  origins: string[];
  auth: Authenticator;
  logger: Logger;
}

/** Headers the Temporal UI and CLI send: JSON, the namespace, and a token when configured to pass one. */
const ALLOWED_HEADERS = 'Content-Type, X-Namespace, Authorization, Authorization-Extras';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
export const codecRequestSchema = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() }))
    .max(10_000),
});
export type JsonPayload = z.infer<typeof codecRequestSchema>['payloads'][number];

export function payloadFromJson(p: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
    ),
    data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
  };
}

/** Proto3 JSON of a payload: bytes as base64, empty fields left out. */
export function payloadToJson(p: Payload): JsonPayload {
  const metadata = Object.entries(p.metadata ?? {});
  return {
    ...(metadata.length
      ? { metadata: Object.fromEntries(metadata.map(([k, v]) => [k, Buffer.from(v).toString('base64')])) }
      : {}),
    ...(p.data?.length ? { data: Buffer.from(p.data).toString('base64') } : {}),
  };
}

export function createCodecRouter(o: CodecEndpointOptions): Router {
  const router = express.Router();
  const allowed = new Set(o.origins);
  const log = o.logger.child({ edge: 'codec' });
  // Refusals are logged too: who tried to read personal data without the role is part of the record.
  const refuseJson: Refuse = (req, res, status, message) => {
    log.warn({ peer: peerAddress(req), status, reason: message }, 'codec: refused');
    res.status(status).json({ error: message });
  };

  // CORS before anything else: preflights carry no credentials, and refusals must still be readable by the UI.
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin !== undefined && !allowed.has(origin)) {
      log.warn({ origin, path: req.path }, 'codec: request from an origin that is not allowed');
      return void res.status(403).json({
        error: `origin ${origin} may not call this codec endpoint (BREACHPLAN_CODEC_CORS_ORIGINS)`,
      });
    }
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      return void res.status(204).end();
    }
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const handle = async (req: Request, res: Response) => {
    const op = req.params.op as 'decode' | 'encode';
    const namespace = o.namespace;
    const body = codecRequestSchema.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: describeIssues(body.error) });
    const { actor, via } = viewerOf(res);
    const count = body.data.payloads.length;
    let out: Payload[];
    try {
      const input = body.data.payloads.map(payloadFromJson);
      out = op === 'decode' ? await o.codec.decode(input) : await o.codec.encode(input);
    } catch (err) {
      // The protocol answers a codec failure with 400; only our own errors are safe to repeat.
      log.warn(
        { user: actor.id, namespace, payloads: count, op, error: (err as Error).name },
        'codec: failed',
      );
      return void res
        .status(400)
        .json({ error: err instanceof CodecKeyError ? err.message : `cannot ${op} these payloads` });
    }
    log.info(
      { user: actor.id, roles: actor.roles, via, namespace, payloads: count, op },
      `codec: ${count} payload(s) ${op}d`,
    );
    res.json({ payloads: out.map(payloadToJson) });
  };

  /** The protocol looks only at the last path segment: …/decode or …/encode, optionally under a namespace. */
  const checkRequest = (req: Request, res: Response, next: NextFunction) => {
    if (req.params.op !== 'decode' && req.params.op !== 'encode')
      return void res.status(404).json({ error: 'use …/decode or …/encode' });
    const namespace = req.params.namespace ?? req.get('x-namespace') ?? o.namespace;
    if (namespace !== o.namespace)
      return void res.status(404).json({
        error: `this codec endpoint serves namespace "${o.namespace}", not "${namespace}"`,
      });
    if (!req.is('application/json'))
      return void res.status(415).json({ error: 'send the payloads as application/json' });
    next();
  };

  const paths = ['/:op', '/:namespace/:op'];
  router.post(
    paths,
    requireViewer(o.auth, refuseJson, log),
    requireDirectoryRole(refuseJson, 'use the codec endpoint (it reveals personal data)', ...PAYLOAD_READERS),
    checkRequest,
    express.json({ limit: '20mb' }),
    (req, res, next) => void handle(req, res).catch(next),
  );
  router.all(paths, (_req, res) => void res.status(405).json({ error: 'POST only' }));
  // Body parser failures (bad JSON, too large) answer in JSON too, never with a stack trace.
  router.use((err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err.status === 'number' && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ error: (err as Error).name }, 'codec: unexpected error');
    const error =
      status === 500
        ? 'internal error'
        : err.type === 'entity.too.large'
          ? 'the body is too large (at most 20 MB)'
          : 'the body is not valid JSON';
    res.status(status).json({ error });
  });
  return router;
}
