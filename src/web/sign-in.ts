// Signing in with a token in a browser (pages and the Temporal UI's codec calls cannot send a bearer header):
// the token is checked against its hash once, and the browser gets a sealed session cookie, never the token.
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Authenticator, requireViewer, viewerOf } from './auth';
import type { PageKit } from './page-kit';
import {
  type SessionRevocations,
  type WebSecrets,
  crossSiteReason,
  sealSession,
  sessionCookie,
} from './session';
import { throttlePerAddress } from './throttle';
import { hashToken } from './tokens';
import type { Views } from './views';

export interface SignInOptions {
  views: Views;
  kit: PageKit;
  auth: Authenticator;
  secrets: WebSecrets;
  revocations: SessionRevocations;
  publicUrl?: string;
  logger: Logger;
}

const loginFormSchema = z.object({ token: z.string().trim().min(1).max(512) });

export function createSignInRouter(o: SignInOptions): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const loginPage = (res: express.Response, status: number, problem?: string) =>
    o.views.send(
      res,
      status,
      'login',
      { problem, token: o.auth.tokenLogin, oidc: o.auth.oidcLogin },
      o.kit.frame(res, 'Sign in'),
    );

  router.get('/', (_req, res) => res.redirect(303, '/incidents'));
  router.get('/login', (_req, res) => {
    if (!o.auth.tokenLogin && !o.auth.oidcLogin)
      return void o.views.send(
        res,
        404,
        'error',
        {
          heading: 'Sign in',
          message: "Token sign-in is off here: your organisation's sign-in proxy identifies you.",
        },
        o.kit.frame(res, 'Sign in'),
      );
    loginPage(res, 200);
  });

  router.post(
    '/login',
    throttlePerAddress({ max: 20, windowMs: 60_000, what: 'sign-in', logger: o.logger }),
    form,
    (req, res) => {
      if (!o.auth.tokenLogin) return void res.status(404).end();
      const crossSite = crossSiteReason(req, o.publicUrl);
      if (crossSite) return loginPage(res, 403, `Refused: ${crossSite}.`);
      const parsed = loginFormSchema.safeParse(req.body);
      const user = parsed.success ? o.auth.tokenUser(parsed.data.token) : undefined;
      if (!parsed.success || !user) {
        o.logger.warn({ path: '/login' }, 'web: sign-in with an unknown or revoked token');
        return loginPage(res, 401, 'That token is not valid (unknown or revoked).');
      }
      res.setHeader(
        'Set-Cookie',
        sessionCookie(sealSession(o.secrets, { kind: 'token', tokenHash: hashToken(parsed.data.token) })),
      );
      o.logger.info({ user }, 'web: signed in with a token');
      res.redirect(303, '/incidents');
    },
  );

  router.post(
    '/logout',
    form,
    requireViewer(o.auth, o.kit.refuse, o.logger),
    o.kit.guardStateChange,
    (req, res) => {
      // Ended here, on the server: the same cookie, copied before, is refused from now on.
      const viewer = viewerOf(res);
      const failed = viewer.session && o.revocations.revoke(viewer.session);
      if (failed)
        o.logger.error(
          { err: failed.message },
          'web: the revoked-sessions file could not be written; other app processes still accept this session',
        );
      res.setHeader('Set-Cookie', sessionCookie('', 0));
      o.logger.info({ user: viewer.actor.id }, 'web: signed out');
      res.redirect(303, '/login');
    },
  );
  return router;
}
