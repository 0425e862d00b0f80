// Slack's inbound requests as the tests send them: slash commands, events, view submissions and button clicks,
// signed with the signing secret like Slack signs them (or deliberately not).
import { slackSignature } from '../../src/slack/signature';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  signature?: string;
  /** More headers, e.g. Slack's x-slack-retry-num on a redelivered event. */
  headers?: Record<string, string>;
}

export function form(fields: Record<string, string>): { body: string; contentType: string } {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An Events API request: JSON. */
export function json(body: unknown): { body: string; contentType: string } {
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** An app_mention event as the Events API delivers it (the bot's user id in the fake Slack is UBOT). */
export function appMention(o: { user: string; channel: string; text: string; eventId: string }) {
  const ts = `${Math.floor(Date.now() / 1000)}.000100`;
  return json({
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: o.eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_mention', user: o.user, text: o.text, ts, channel: o.channel, event_ts: ts },
  });
}

export function interaction(payload: unknown): { body: string; contentType: string } {
  return form({ payload: JSON.stringify(payload) });
}

export async function postSigned(
  url: string,
  request: { body: string; contentType: string },
  o: SignOptions = {},
): Promise<Response> {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = o.signature ?? slackSignature(o.secret ?? SIGNING_SECRET, timestamp, request.body);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
      ...o.headers,
    },
    body: request.body,
  });
}

export function slashCommand(
  text: string,
  o: { user: string; channel: string; responseUrl: string; triggerId?: string },
) {
  return form({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'example',
    channel_id: o.channel,
    channel_name: 'some-channel',
    user_id: o.user,
    user_name: o.user.toLowerCase(),
    command: '/incident',
    text,
    api_app_id: 'A1',
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
  });
}

export interface DeclareValues {
  title: string;
  severity: string;
  summary?: string;
  dataCategories?: string[];
  awareAt: Date;
}

/** A modal submission as Slack sends it: `state` holds each block's input element. */
function submission(o: {
  user: string;
  viewId: string;
  callbackId: string;
  privateMetadata: string;
  state: Record<string, { value: Record<string, unknown> }>;
}) {
  return interaction({
    type: 'view_submission',
    team: { id: 'T1', domain: 'example' },
    user: { id: o.user, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: 'trigger-submit',
    view: {
      id: o.viewId,
      team_id: 'T1',
      type: 'modal',
      callback_id: o.callbackId,
      hash: `hash-${o.viewId}`,
      private_metadata: o.privateMetadata,
      state: { values: o.state },
    },
  });
}

export function declareSubmission(o: {
  user: string;
  viewId: string;
  channel?: string;
  values: DeclareValues;
}) {
  const v = o.values;
  return submission({
    user: o.user,
    viewId: o.viewId,
    callbackId: 'incident_declare',
    privateMetadata: JSON.stringify(o.channel ? { channel: o.channel } : {}),
    state: {
      title: { value: { type: 'plain_text_input', value: v.title } },
      severity: { value: { type: 'static_select', selected_option: { value: v.severity } } },
      summary: { value: { type: 'plain_text_input', value: v.summary ?? null } },
      data: {
        value: {
          type: 'multi_static_select',
          selected_options: (v.dataCategories ?? []).map((value) => ({ value })),
        },
      },
      aware: {
        value: { type: 'datetimepicker', selected_date_time: Math.floor(v.awareAt.getTime() / 1000) },
      },
    },
  });
}

export function viewSubmission(o: {
  user: string;
  viewId: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, string>;
}) {
  return submission({
    ...o,
    state: Object.fromEntries(
      Object.entries(o.values).map(([block, value]) => [
        block,
        { value: { type: 'plain_text_input', value } },
      ]),
    ),
  });
}

export function buttonClick(o: { user: string; channel: string; actionId: string; value: string }) {
  return interaction({
    type: 'block_actions',
    team: { id: 'T1', domain: 'example' },
    user: { id: o.user, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    channel: { id: o.channel, name: 'legal' },
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: o.channel },
    message: { ts: '1700000000.000001', text: '' },
    response_url: 'http://127.0.0.1:9/response/unused',
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'approval',
        value: o.value,
        action_ts: '1700000000.000002',
      },
    ],
  });
}
