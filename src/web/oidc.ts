// OpenID Connect sign-in for people (authorization code flow with PKCE, openid-client): /login/oidc sends the
// browser to the provider with a fresh state, nonce and PKCE verifier, sealed in a short-lived `__Host-` cookie;
// /login/oidc/callback checks them, trades the code for tokens, verifies the ID token, and resolves the person
// by (issuer, subject) from the role directory or by an email the provider verified — never by a bare name
// (review M1). The browser then holds a sealed session like a token sign-in.
//
// openid-client 6 is an ES module; this project compiles to CommonJS. Node 20.19+ (and tsx) `require()` ES
// modules, and jest transforms it (jest.config.js), so it is required on first use: processes without OIDC
// (the CLI above all) never load it.
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { OidcConfig } from '../config';
import { type RoleDirectory, findPersonByOidc } from '../domain/roles';
import {
  type WebSecrets,
  hostCookie,
  openValue,
  readCookie,
  sealSession,
  sealValue,
  sessionCookie,
} from './session';
import type { PageKit } from './page-kit';
import type { Views } from './views';
import { throttlePerAddress } from './throttle';

type OidcClient = typeof import('openid-client');

export const OIDC_COOKIE = '__Host-bp_oidc';
export const OIDC_CALLBACK_PATH = '/login/oidc/callback';
const TRANSACTION_SECONDS = 600;

/** What the browser carries between /login/oidc and the callback (sealed: it cannot be forged or read). */
const transactionSchema = z.object({
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  verifier: z.string().min(43).max(128),
  exp: z.number().int(),
  /** Where to go once signed in: only our own paths. */
  next: z
    .string()
    .regex(/^\/[A-Za-z0-9/_?&=%.-]*$/)
    .refine((p) => !p.startsWith('//'))
    .optional(),
});
type Transaction = z.infer<typeof transactionSchema>;

const loopbackHost = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export interface OidcOptions {
  config: OidcConfig;
  secrets: WebSecrets;
  directory: () => RoleDirectory;
  views: Views;
  kit: PageKit;
  logger: Logger;
}

/** Where the provider sends the browser back: the configured URL, else this app's address as the browser used it. */
function redirectUrlFor(config: OidcConfig, req: Request): string {
  if (config.redirectUrl) return config.redirectUrl;
  return `${req.protocol}://${req.get('host')}${OIDC_CALLBACK_PATH}`;
}

export function createOidcRouter(o: OidcOptions): Router {
  const router = express.Router();
  let lib: OidcClient | undefined;
  let discovered: Promise<import('openid-client').Configuration> | undefined;
  const client = () => (lib ??= require('openid-client') as OidcClient);

  /** The provider's configuration (discovery), fetched on first use and kept; a failure is retried next time. */
  const configuration = () =>
    (discovered ??= (async () => {
      const c = client();
      const issuer = new URL(o.config.issuer);
      const auth = o.config.clientSecret ? c.ClientSecretBasic(o.config.clientSecret) : c.None();
      // Plain http only for a provider on this machine (development, tests).
      const execute = issuer.protocol === 'http:' && loopbackHost(issuer) ? [c.allowInsecureRequests] : [];
      return c.discovery(issuer, o.config.clientId, undefined, auth, { execute });
    })().catch((err: unknown) => {
      discovered = undefined;
      throw err;
    }));

  const fail = (res: Response, status: number, message: string) =>
    o.views.send(
      res,
      status,
      'error',
      { heading: 'Sign-in failed', message, back: '/login' },
      o.kit.frame(res, 'Sign-in failed'),
    );

  /** Starts a sign-in: to the provider, with the transaction sealed in a cookie. */
  const start = async (res: Response, req: Request, next?: string) => {
    const c = client();
    const config = await configuration();
    const verifier = c.randomPKCECodeVerifier();
    const tx: Transaction = {
      state: c.randomState(),
      nonce: c.randomNonce(),
      verifier,
      exp: Math.floor(Date.now() / 1000) + TRANSACTION_SECONDS,
      ...(next ? { next } : {}),
    };
    const url = c.buildAuthorizationUrl(config, {
      redirect_uri: redirectUrlFor(o.config, req),
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await c.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    });
    // Lax, not Strict: the provider's redirect back is a cross-site navigation, which Strict cookies skip.
    res.setHeader(
      'Set-Cookie',
      hostCookie(OIDC_COOKIE, sealValue(o.secrets.oidc, 'oidc', tx), TRANSACTION_SECONDS, 'Lax'),
    );
    res.redirect(303, url.href);
  };

  const throttle = throttlePerAddress({ max: 30, windowMs: 60_000, what: 'sign-in', logger: o.logger });

  router.get('/login/oidc', throttle, (req, res, next) => {
    const wanted = typeof req.query.next === 'string' ? req.query.next : undefined;
    const parsed = transactionSchema.shape.next.safeParse(wanted);
    start(res, req, parsed.success ? parsed.data : undefined).catch((err: Error) => {
      o.logger.error({ err: err.message, issuer: o.config.issuer }, 'web: OpenID provider unreachable');
      if (res.headersSent) return next(err);
      fail(res, 502, 'The sign-in provider could not be reached; try again in a moment.');
    });
  });

  router.get(OIDC_CALLBACK_PATH, throttle, (req, res, next) => {
    const clearTx = hostCookie(OIDC_COOKIE, '', 0, 'Lax');
    const raw = readCookie(req, OIDC_COOKIE);
    const tx = transactionSchema.safeParse(raw ? openValue(o.secrets.oidc, 'oidc', raw) : undefined);
    if (!tx.success || tx.data.exp * 1000 < Date.now()) {
      o.logger.warn({ path: req.path }, 'web: OpenID callback without a valid sign-in in progress');
      res.setHeader('Set-Cookie', clearTx);
      return fail(
        res,
        400,
        'No sign-in was in progress in this browser (or it took over 10 minutes): start again.',
      );
    }
    if (typeof req.query.error === 'string') {
      res.setHeader('Set-Cookie', clearTx);
      return fail(res, 403, `The sign-in provider refused: ${req.query.error.slice(0, 100)}.`);
    }
    if (req.query.state !== tx.data.state) {
      o.logger.warn({ path: req.path }, 'web: OpenID callback with a state that is not this browser’s');
      res.setHeader('Set-Cookie', clearTx);
      return fail(
        res,
        400,
        'The sign-in answer does not belong to this browser (state mismatch): start again.',
      );
    }
    void (async () => {
      const c = client();
      const config = await configuration();
      const redirect = redirectUrlFor(o.config, req);
      const current = new URL(redirect);
      current.search = new URL(req.originalUrl, 'http://x').search;
      const tokens = await c.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: tx.data.verifier,
        expectedState: tx.data.state,
        expectedNonce: tx.data.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      // Providers that follow the spec put scope claims (email) in the userinfo answer, not the ID token; the
      // userinfo subject must be the ID token's (openid-client checks it).
      let profile: Record<string, unknown> = claims;
      if (typeof claims.email !== 'string' && tokens.access_token)
        profile = await c.fetchUserInfo(config, tokens.access_token, claims.sub);
      const identity = {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof profile.email === 'string' ? profile.email : undefined,
        emailVerified: profile.email_verified === true,
      };
      const person = findPersonByOidc(o.directory(), identity);
      if (!person) {
        o.logger.warn(
          { issuer: identity.issuer, subject: identity.subject, emailVerified: identity.emailVerified },
          'web: OpenID sign-in of someone who is not in the role directory',
        );
        res.setHeader('Set-Cookie', clearTx);
        return fail(
          res,
          403,
          `You signed in at ${identity.issuer}, but that identity (subject ${identity.subject}${identity.email ? `, ${identity.emailVerified ? 'verified' : 'unverified'} email ${identity.email}` : ''}) is nobody in Breachplan's role directory.`,
        );
      }
      const session = sealSession(o.secrets, {
        kind: 'oidc',
        personId: person.id,
        issuer: identity.issuer,
        subject: identity.subject,
      });
      res.setHeader('Set-Cookie', [clearTx, sessionCookie(session)]);
      o.logger.info({ user: person.id, issuer: identity.issuer }, 'web: signed in with OpenID Connect');
      // A page, not a redirect: the session cookie is SameSite=Strict, and a redirect would still count as the
      // provider's cross-site navigation; the refresh from our own page is same-site.
      const to = tx.data.next ?? '/incidents';
      o.views.send(
        res,
        200,
        'signed-in',
        { to, name: person.name },
        {
          ...o.kit.frame(res, 'Signed in'),
          refreshTo: to,
        },
      );
    })().catch((err: Error) => {
      o.logger.warn({ err: err.message }, 'web: OpenID sign-in failed');
      if (res.headersSent) return next(err);
      res.setHeader('Set-Cookie', clearTx);
      fail(res, 400, 'The sign-in provider’s answer did not check out; start again.');
    });
  });
  return router;
}
