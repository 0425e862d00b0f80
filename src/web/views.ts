// Server-rendered pages: handlebars templates under templates/web (every value escaped unless a template says
// otherwise), one layout, no scripts and no external assets — the Content-Security-Policy forbids both.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import Handlebars from 'handlebars';
import { neutralise } from '../domain/text';
import type { Viewer } from './auth';

/** Every string leaf of page data neutralised (numbers, booleans, dates pass unchanged). */
export function neutraliseDeep(value: unknown): unknown {
  if (typeof value === 'string') return neutralise(value);
  if (Array.isArray(value)) return value.map(neutraliseDeep);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutraliseDeep(v)]));
  return value;
}

/** Nothing but our own inline styles and form posts to ourselves; no scripts, frames, fonts or images from anywhere. */
export const WEB_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', WEB_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // same-origin (not no-referrer): browsers then still send our own Origin on form posts, which we check.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  next();
}

export const when = (t?: string | number | null): string => {
  if (t === undefined || t === null || t === '') return '—';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** What every page's layout shows: who is signed in, and a CSRF token for the forms on it. */
export interface PageFrame {
  title: string;
  viewer?: Viewer;
  csrf?: string;
  /** Whether the viewer signed in here (then they can sign out). */
  canSignOut?: boolean;
  /** Go on to this path of ours at once (a page after the OpenID callback, not a cross-site redirect). */
  refreshTo?: string;
  /** Reload the page every this many seconds (clocks and queues stay current without a script). */
  refresh?: number;
}

export function createViews(templatesDir: string) {
  const hb = Handlebars.create();
  hb.registerHelper('when', (t: unknown) => when(t as string));
  hb.registerHelper('short', (h: unknown) => (typeof h === 'string' ? h.slice(0, 12) : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
  hb.registerHelper('join', (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '',
  );
  const dir = join(templatesDir, 'web');
  const css = readFileSync(join(dir, 'style.css'), 'utf8');
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.html.hbs')))
    pages.set(file.replace(/\.html\.hbs$/, ''), hb.compile(readFileSync(join(dir, file), 'utf8')));
  const layout = pages.get('layout');
  if (!layout) throw new Error(`${dir}: no layout.html.hbs`);

  const render = (name: string, data: object, frame: PageFrame): string => {
    const page = pages.get(name);
    if (!page) throw new Error(`no web template "${name}"`);
    // Every string the pages show, terminal escapes and bidi overrides made visible (then HTML-escaped).
    const body = page({ ...(neutraliseDeep(data) as object), csrf: frame.csrf });
    return layout({ ...frame, title: neutralise(frame.title), viewer: frame.viewer?.actor, css, body });
  };

  return {
    render,
    send(res: Response, status: number, name: string, data: object, frame: PageFrame): void {
      res
        .status(status)
        .type('html')
        .send(render(name, data, frame));
    },
  };
}

export type Views = ReturnType<typeof createViews>;
