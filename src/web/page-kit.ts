// What the page routers share: the frame of a page (who is signed in, a CSRF token for its forms), refusals
// rendered as pages, the check every state-changing POST passes (same origin and CSRF token), loading an
// incident by its id, and one error handler that never shows a stack trace.
import { temporalRefusal } from '../temporal/errors';
import type { NextFunction, Request, Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { incidentIdSchema } from '../domain/incident';
import type { Actor } from '../domain/roles';
import { IncidentNotVisibleError, isWorkflowNotFound, readIncident } from '../temporal/incident-reads';
import { incidentHandle } from '../temporal/incidents';
import * as msg from '../../workflows/messages';
import { type Authenticator, type Refuse, viewerOf } from './auth';
import { type WebSecrets, checkCsrfToken, crossSiteReason, csrfToken } from './session';
import type { PageFrame, Views } from './views';

type IncidentHandle = ReturnType<typeof incidentHandle>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly heading = 'Not possible',
    readonly back?: string,
  ) {
    super(message);
  }
}

export interface PageKitOptions {
  views: Views;
  auth: Authenticator;
  secrets: WebSecrets;
  client: Client;
  publicUrl?: string;
  logger: Logger;
}

export function createPageKit(o: PageKitOptions) {
  const frame = (res: Response, title: string): PageFrame => {
    const viewer = res.locals.viewer as PageFrame['viewer'];
    return {
      title,
      viewer,
      csrf: viewer ? csrfToken(o.secrets, viewer.subject) : undefined,
      canSignOut: viewer?.via === 'session',
    };
  };

  const refuse: Refuse = (_req, res, status, message) =>
    o.views.send(
      res,
      status,
      'error',
      {
        heading: status === 401 ? 'Sign in' : 'Not allowed',
        message,
        signIn: status === 401 && o.auth.tokenLogin,
        oidcSignIn: status === 401 && o.auth.oidcLogin,
      },
      frame(res, status === 401 ? 'Sign in' : 'Not allowed'),
    );

  /** Before any state change: the form came from our own pages (origin) and from this viewer (CSRF token). */
  const guardStateChange = (req: Request, res: Response, next: NextFunction) => {
    const crossSite = crossSiteReason(req, o.publicUrl);
    const viewer = res.locals.viewer ? viewerOf(res) : undefined;
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    const reason =
      crossSite ??
      (viewer && !checkCsrfToken(o.secrets, viewer.subject, token)
        ? 'the form is not from this site or has expired (CSRF check failed): reload the page and try again'
        : undefined);
    if (!reason) return next();
    o.logger.warn({ user: viewer?.actor.id, path: req.path, reason }, 'web: state change refused');
    o.views.send(
      res,
      403,
      'error',
      { heading: 'Refused', message: `Nothing was changed: ${reason}.`, back: '/incidents' },
      frame(res, 'Refused'),
    );
  };

  const incidentId = (raw: string) => {
    const id = incidentIdSchema.safeParse(raw.toUpperCase());
    if (!id.success) throw new HttpError(400, `"${raw}" is not an incident id like INC-20261124-7F3K`);
    return id.data;
  };

  const notVisible = (id: string) =>
    new HttpError(404, `No incident ${id} here (or it is not yours to see).`, 'Not found');

  /**
   * Asks the incident's workflow something, for a reader who may see it (need to know): an id that is not an
   * incident is a 400; a missing incident and one the reader may not see are the same 404.
   */
  const withIncident = async <T>(
    raw: string,
    reader: Actor,
    ask: (handle: IncidentHandle) => Promise<T>,
  ): Promise<T> => {
    const id = incidentId(raw);
    try {
      await readIncident(o.client, id, reader);
      return await ask(incidentHandle(o.client, id));
    } catch (err) {
      if (err instanceof IncidentNotVisibleError || isWorkflowNotFound(err)) throw notVisible(id);
      throw err;
    }
  };
  const loadIncident = async (raw: string, reader: Actor): Promise<msg.IncidentView> => {
    const id = incidentId(raw);
    try {
      return await readIncident(o.client, id, reader);
    } catch (err) {
      if (err instanceof IncidentNotVisibleError) throw notVisible(id);
      throw err;
    }
  };

  const errorHandler = (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) {
      return o.views.send(
        res,
        err.status,
        'error',
        { heading: err.heading, message: err.message, back: err.back },
        frame(res, err.heading),
      );
    }
    const temporal = temporalRefusal(err);
    if (temporal) {
      o.logger.warn({ problem: temporal.problem }, 'web: Temporal refused');
      return o.views.send(
        res,
        temporal.httpStatus,
        'error',
        { heading: 'Temporal did not take it', message: `${temporal.message}.` },
        frame(res, 'Temporal did not take it'),
      );
    }
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return o.views.send(
        res,
        status,
        'error',
        { heading: 'Bad request', message: 'The request could not be read.' },
        frame(res, 'Bad request'),
      );
    o.logger.error({ err: (err as Error).message }, 'web: page failed');
    o.views.send(
      res,
      500,
      'error',
      { heading: 'Something went wrong', message: 'The page could not be built; try again in a moment.' },
      frame(res, 'Error'),
    );
  };

  /** An async route handler whose errors reach the error handler. */
  const route =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction) =>
      void fn(req, res).catch(next);

  return { frame, refuse, guardStateChange, incidentId, withIncident, loadIncident, errorHandler, route };
}

export type PageKit = ReturnType<typeof createPageKit>;
