// Who is asking: an identity from a trusted auth proxy (oauth2-proxy style headers, believed only from the
// configured proxy addresses), a bearer token, or a session cookie from signing in with a token. The person is
// then resolved through the role directory; what they may do is decided by the workflow (or the codec policy).
import { BlockList, isIPv4 } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { WebAuthMode } from '../config';
import { type Actor, type RoleDirectory, actorFor } from '../domain/roles';
import type { Principal } from '../domain/principal';
import {
  type OpenSession,
  SESSION_COOKIE,
  type SessionRevocations,
  type WebSecrets,
  openSession,
  readCookie,
} from './session';
import { type TokenStore, hashToken } from './tokens';

/** Identity headers of oauth2-proxy (`--pass-user-headers`, `--set-xauthrequest`), most specific first. */
export const PROXY_IDENTITY_HEADERS = [
  'x-forwarded-user',
  'x-auth-request-user',
  'x-forwarded-email',
  'x-auth-request-email',
] as const;

export interface Viewer {
  actor: Actor;
  via: 'proxy' | 'token' | 'session' | 'oidc';
  /** The OpenID provider that vouched for the viewer (OIDC sign-in). */
  issuer?: string;
  /** What the viewer's CSRF tokens are bound to: the proxy identity or the token they hold. */
  subject: string;
  /** How the web edge knew them, as the commands they send carry it (signed) to the timeline. */
  principal: Principal;
  /** The browser session they came with (logging out revokes it). */
  session?: OpenSession;
}

export interface WebAuthOptions {
  modes: WebAuthMode[];
  trustedProxies: string[];
  /** The identity header the trusted proxy sets: the only one read. */
  proxyUserHeader: (typeof PROXY_IDENTITY_HEADERS)[number];
  tokens: TokenStore;
  secrets: WebSecrets;
  /** Sessions ended by logging out. */
  revocations: SessionRevocations;
  directory: () => RoleDirectory;
  logger: Logger;
}

export type AuthOutcome = { viewer: Viewer } | { failure: string };

export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** The peer's address as the socket sees it (never X-Forwarded-For), IPv4-mapped IPv6 unwrapped. */
export function peerAddress(req: Request): string {
  const raw = req.socket.remoteAddress ?? '';
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(raw) ? raw.slice(7) : raw;
}

export function createAuthenticator(o: WebAuthOptions) {
  const trusted = trustedProxyList(o.trustedProxies);
  const useProxy = o.modes.includes('proxy');
  const useTokens = o.modes.includes('token');
  const useOidc = o.modes.includes('oidc');
  const viewerFor = (who: string, via: Viewer['via'], subject: string): Viewer => {
    const actor = actorFor(o.directory(), who, 'web');
    // A token is named by a prefix of its hash (never the token); a proxy identity by the header's value.
    const principal: Principal =
      via === 'proxy'
        ? { personId: actor.id, method: 'proxy', subject: who, edge: 'web' }
        : { personId: actor.id, method: 'token', subject: `sha256:${subject.slice(6, 22)}`, edge: 'web' };
    return { actor, via, subject, principal };
  };
  const byToken = (hash: string, via: Viewer['via']): AuthOutcome | undefined => {
    const user = o.tokens.userOfHash(hash);
    if (user) return { viewer: viewerFor(user, via, `token:${hash}`) };
    const broken = o.tokens.problem();
    if (broken) o.logger.error({ problem: broken }, 'web: the tokens file is invalid; no token is accepted');
    return undefined;
  };

  function fromProxy(req: Request): AuthOutcome | undefined {
    const claimed = PROXY_IDENTITY_HEADERS.map((h) => req.get(h)?.trim()).filter((v): v is string => !!v);
    if (claimed.length === 0) return undefined;
    const peer = peerAddress(req);
    if (!useProxy) {
      o.logger.warn({ peer }, 'web: identity headers ignored: proxy sign-in is off (BREACHPLAN_WEB_AUTH)');
      return undefined;
    }
    if (!trusted.check(peer, isIPv4(peer) ? 'ipv4' : 'ipv6')) {
      o.logger.warn({ peer }, 'web: identity headers from an address that is not a trusted proxy; ignored');
      return undefined;
    }
    // Only the header the proxy itself sets: the others may have come from the client, passed through.
    const who = req.get(o.proxyUserHeader)?.trim();
    if (!who) return { failure: `the auth proxy did not say who signed in (${o.proxyUserHeader})` };
    return { viewer: viewerFor(who, 'proxy', `proxy:${who.toLowerCase()}`) };
  }

  function fromToken(req: Request): AuthOutcome | undefined {
    const header = req.get('authorization');
    if (header !== undefined && useTokens) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) return { failure: 'the Authorization header must be "Bearer <token>"' };
      return (
        byToken(hashToken(m[1]!), 'token') ?? {
          failure: 'the bearer token is not valid (unknown or revoked)',
        }
      );
    }
    return fromSession(req);
  }

  function fromSession(req: Request): AuthOutcome | undefined {
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = cookie ? openSession(o.secrets, cookie) : undefined;
    if (!session) return undefined;
    if (o.revocations.isRevoked(session.sid)) {
      o.logger.warn({ peer: peerAddress(req) }, 'web: a session that was logged out was presented');
      return undefined;
    }
    if (session.kind === 'token') {
      if (!useTokens) return undefined;
      const outcome = byToken(session.tokenHash, 'session');
      // CSRF tokens are bound to the session, so they die with it.
      return outcome && 'viewer' in outcome
        ? { viewer: { ...outcome.viewer, subject: `session:${session.sid}`, session } }
        : outcome;
    }
    if (!useOidc) return undefined;
    // Matched by (issuer, subject) or a verified email at sign-in; the person must still be in the directory.
    const actor = actorFor(o.directory(), session.personId, 'web');
    if (actor.roles.length === 0) return undefined;
    const viewer: Viewer = {
      actor,
      via: 'session',
      issuer: session.issuer,
      subject: `oidc:${session.sid}`,
      principal: {
        personId: actor.id,
        method: 'oidc',
        subject: session.subject,
        issuer: session.issuer,
        edge: 'web',
      },
      session,
    };
    return { viewer };
  }

  return {
    /** Who sent this request, why they cannot be believed, or undefined when they did not say. */
    authenticate(req: Request): AuthOutcome | undefined {
      return fromProxy(req) ?? fromToken(req);
    },
    /** Whether people can sign in with a token at /login. */
    tokenLogin: useTokens,
    /** Whether people can sign in with the OpenID provider at /login/oidc. */
    oidcLogin: useOidc,
    tokenUser: (token: string) => o.tokens.userOfHash(hashToken(token)),
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

/** How a router answers a refused request: JSON for the codec endpoint, an HTML page for people. */
export type Refuse = (req: Request, res: Response, status: 401 | 403, message: string) => void;

/** Middleware: the request must come from someone we know; `res.locals.viewer` is set for the handlers. */
export function requireViewer(auth: Authenticator, refuse: Refuse, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const outcome = auth.authenticate(req);
    if (!outcome || 'failure' in outcome) {
      const message = outcome?.failure ?? 'sign in first: a bearer token, a session, or your auth proxy';
      if (outcome) logger.warn({ peer: peerAddress(req), path: req.path, reason: message }, 'web: refused');
      res.setHeader('WWW-Authenticate', 'Bearer realm="breachplan"');
      return refuse(req, res, 401, message);
    }
    res.locals.viewer = outcome.viewer;
    next();
  };
}

export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer) throw new Error('no viewer: requireViewer must run first');
  return viewer;
}

/** Middleware: the viewer must hold one of `roles` in the role directory (`what` says for what, in the 403). */
export function requireDirectoryRole(refuse: Refuse, what: string, ...roles: Actor['roles']) {
  return (req: Request, res: Response, next: NextFunction) => {
    const { actor } = viewerOf(res);
    const ok = roles.length === 0 ? actor.roles.length > 0 : actor.roles.some((r) => roles.includes(r));
    if (ok) return next();
    // The directory gives everyone in it at least one role: no role means not in it.
    const has = actor.roles.length ? `has ${actor.roles.join(', ')}` : 'not in the role directory';
    const needs = roles.length
      ? `needs the ${roles.join(' or ')} role`
      : 'needs a role in the role directory';
    refuse(req, res, 403, `${actor.id} may not ${what}: ${needs} (${has})`);
  };
}
