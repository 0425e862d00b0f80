// Browser sign-in for the CLI (`breachplan login --server URL`), like `gh auth login --web`: the CLI listens on
// a loopback port and opens GET /login/cli?port&challenge&state. The person signs in in the browser as for the
// pages (OpenID Connect, a token, or the auth proxy) and confirms with a form post (CSRF-checked: another site
// cannot sign someone's CLI in). The browser is sent back to http://127.0.0.1:<port>/callback with a one-time
// code, which the CLI trades, with the PKCE-style verifier only it holds, at POST /login/cli/token for a new
// personal token (minted into the tokens file, hash only). The code alone is worthless; it dies in 2 minutes.
import { createHash, randomBytes } from 'node:crypto';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Authenticator, requireViewer, viewerOf } from './auth';
import type { PageKit } from './page-kit';
import { throttlePerAddress } from './throttle';
import { addToken } from './tokens';
import { type Views, WEB_CSP } from './views';

const CODE_MS = 2 * 60_000;

export const cliLoginRequestSchema = z.object({
  port: z.coerce.number().int().min(1024).max(65535),
  challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'base64url of a SHA-256'),
  state: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, '16-128 of [A-Za-z0-9_-]'),
});

const exchangeSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  verifier: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/),
});

export interface CliLoginOptions {
  auth: Authenticator;
  views: Views;
  kit: PageKit;
  tokensFile: string;
  logger: Logger;
}

export const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export function createCliLoginRouter(o: CliLoginOptions): Router {
  const router = express.Router();
  const codes = new Map<string, { personId: string; how: string; challenge: string; exp: number }>();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const bad = (res: express.Response, message: string) =>
    o.views.send(res, 400, 'error', { heading: 'CLI sign-in', message }, o.kit.frame(res, 'CLI sign-in'));

  router.get('/login/cli/info', (_req, res) => void res.json({ browser: true }));

  router.get('/login/cli', (req, res, next) => {
    const parsed = cliLoginRequestSchema.safeParse(req.query);
    if (!parsed.success)
      return bad(
        res,
        `This link is not from breachplan login: ${parsed.error.issues[0]!.path.join('.')} is wrong.`,
      );
    const outcome = o.auth.authenticate(req);
    if (!outcome || 'failure' in outcome) {
      // Sign in first, then come back here.
      if (o.auth.oidcLogin)
        return res.redirect(303, `/login/oidc?next=${encodeURIComponent(req.originalUrl)}`);
      return o.views.send(
        res,
        401,
        'error',
        {
          heading: 'Sign in',
          message:
            'Sign in to Breachplan in this browser first, then open the link of breachplan login again.',
          signIn: o.auth.tokenLogin,
        },
        o.kit.frame(res, 'Sign in'),
      );
    }
    res.locals.viewer = outcome.viewer;
    next();
  });
  router.get('/login/cli', requireViewer(o.auth, o.kit.refuse, o.logger), (req, res) => {
    const q = cliLoginRequestSchema.parse(req.query);
    // The confirmation's redirect goes to the CLI's loopback port: browsers check it against form-action.
    res.setHeader(
      'Content-Security-Policy',
      WEB_CSP.replace("form-action 'self'", `form-action 'self' http://127.0.0.1:${q.port}`),
    );
    o.views.send(res, 200, 'cli-login', q, o.kit.frame(res, 'Sign in the CLI'));
  });

  router.post(
    '/login/cli',
    form,
    requireViewer(o.auth, o.kit.refuse, o.logger),
    o.kit.guardStateChange,
    (req, res) => {
      const parsed = cliLoginRequestSchema.safeParse(req.body);
      if (!parsed.success) return bad(res, 'The form is incomplete: run breachplan login again.');
      const viewer = viewerOf(res);
      if (viewer.actor.roles.length === 0)
        return o.kit.refuse(req, res, 403, `${viewer.actor.id} is not in the role directory`);
      const now = Date.now();
      for (const [k, v] of codes) if (v.exp < now) codes.delete(k);
      const code = randomBytes(32).toString('base64url');
      codes.set(code, {
        personId: viewer.actor.id,
        how: `${viewer.principal.method}${viewer.principal.issuer ? ` ${viewer.principal.issuer}` : ''}`,
        challenge: parsed.data.challenge,
        exp: now + CODE_MS,
      });
      o.logger.info({ user: viewer.actor.id }, 'web: CLI sign-in confirmed in the browser');
      const back = new URL(`http://127.0.0.1:${parsed.data.port}/callback`);
      back.searchParams.set('code', code);
      back.searchParams.set('state', parsed.data.state);
      res.redirect(303, back.href);
    },
  );

  router.post(
    '/login/cli/token',
    throttlePerAddress({ max: 20, windowMs: 60_000, what: 'sign-in', logger: o.logger }),
    express.json({ limit: '4kb' }),
    (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const parsed = exchangeSchema.safeParse(req.body);
      if (!parsed.success)
        return void res
          .status(400)
          .json({ error: 'invalid_request', detail: 'code and verifier are required' });
      const entry = codes.get(parsed.data.code);
      // One use only, whatever happens next.
      codes.delete(parsed.data.code);
      if (!entry || entry.exp < Date.now() || entry.challenge !== challengeOf(parsed.data.verifier)) {
        o.logger.warn({}, 'web: CLI sign-in code refused (unknown, expired or wrong verifier)');
        return void res
          .status(400)
          .json({ error: 'invalid_grant', detail: 'the code is unknown, used or expired' });
      }
      const token = addToken(
        o.tokensFile,
        entry.personId,
        `CLI, browser sign-in (${entry.how}) ${new Date().toISOString().slice(0, 10)}`,
      );
      o.logger.info({ user: entry.personId }, 'web: CLI token minted after a browser sign-in');
      res.json({ token, person: entry.personId });
    },
  );
  return router;
}
