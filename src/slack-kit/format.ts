// Text rules of Slack: mrkdwn escaping of user text, channel names, and rendering Block Kit layouts from the
// handlebars templates in templates/slack/ so that no user-supplied string can break the JSON or the markup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { neutralise } from '../domain/text';

/** Slack's three control characters in mrkdwn, and terminal escapes and bidi overrides shown, not run. */
export function escapeMrkdwn(text: string): string {
  return neutralise(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** mrkdwn-escaped and then JSON-string-escaped (without the quotes): safe between "…" in a template. */
export function escapeForBlockJson(text: string): string {
  return JSON.stringify(escapeMrkdwn(text)).slice(1, -1);
}

/**
 * A string we built ourselves that must reach Slack as is (a `<#C123>` channel link, a button value):
 * JSON-escaped, never mrkdwn-escaped. Never wrap user text in it.
 */
export class Literal {
  constructor(readonly text: string) {}
}
export const literal = (text: string) => new Literal(text);

/** Every string leaf escaped for a Block Kit template; numbers, booleans and null pass unchanged. */
export function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeForBlockJson(value);
  if (value instanceof Literal) return JSON.stringify(value.text).slice(1, -1);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDeep(v)]));
  return value;
}

export { clip, neutralise } from '../domain/text';

const MAX_CHANNEL_NAME = 80;

/**
 * `inc-<number>-<slug>`: the number from the incident id (INC-20261124-7F3K5 → 20261124-7f3k5), the slug from
 * the title; lowercase letters, digits, hyphens and underscores only, at most 80 characters.
 */
export function incidentChannelName(incidentId: string, title: string): string {
  const number = incidentId
    .replace(/^INC-/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
  const prefix = `inc-${number}`;
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) return prefix.slice(0, MAX_CHANNEL_NAME);
  return `${prefix}-${slug}`.slice(0, MAX_CHANNEL_NAME).replace(/-+$/, '');
}

export type Blocks = Record<string, unknown>[];

/**
 * Block Kit layouts from templates/slack/<name>.json.hbs. The data is escaped before rendering (every string,
 * deeply), so a template cannot forget to escape; the result is parsed, so a layout error fails loudly.
 */
export function createSlackTemplates(templatesDir: string) {
  const hb = Handlebars.create();
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render<T = unknown>(name: string, data: Record<string, unknown>): T {
      let tpl = cache.get(name);
      if (!tpl) {
        const source = readFileSync(join(templatesDir, 'slack', `${name}.json.hbs`), 'utf8');
        tpl = hb.compile(source, { strict: true, noEscape: true });
        cache.set(name, tpl);
      }
      const text = tpl(escapeDeep(data));
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        throw new Error(`templates/slack/${name}.json.hbs rendered invalid JSON: ${(err as Error).message}`);
      }
    },
  };
}
export type SlackTemplates = ReturnType<typeof createSlackTemplates>;
