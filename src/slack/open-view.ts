// views.open, once. A trigger expires 3 s after the click: one bounded attempt, no retries, no queue. It runs on
// the edge's event loop, where the acks of other requests wait, so it is one JSON POST with the bot token
// (Slack's API takes JSON bodies for it) over a kept-alive connection, not the Web API client nor fetch: the
// client form-encodes the whole view and copies it twice more for a debug line it does not print, and fetch
// builds a WHATWG request, response, headers and abort signal around every call. Measured with
// `npm run bench:slack-ack`: the edge's CPU per declare, and so its ack tail under load.
import http from 'node:http';
import https from 'node:https';
import { slackApiUrl } from '../slack-kit/web-api';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

const MAX_ANSWER_BYTES = 1024 * 1024;

export class ViewOpenError extends Error {
  override name = 'ViewOpenError';
}

/** Opens `view` for `triggerId`; throws ViewOpenError with Slack's error code, the HTTP status or the cause. */
export function openView(
  slack: { botToken: string; apiUrl?: string },
  triggerId: string,
  view: unknown,
  timeoutMs: number,
): Promise<void> {
  const url = new URL('views.open', slackApiUrl(slack.apiUrl) ?? 'https://slack.com/api/');
  const body = JSON.stringify({ trigger_id: triggerId, view });
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise<void>((ok, fail) => {
    // One deadline for the whole call (connect, send, answer), not an idle timeout per socket event.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const settle = (err?: Error) => {
      clearTimeout(timer);
      if (err) fail(err);
      else ok();
    };
    let req: http.ClientRequest;
    try {
      req = lib.request(
        url,
        {
          method: 'POST',
          agent: agents[url.protocol === 'http:' ? 'http:' : 'https:'],
          headers: {
            authorization: `Bearer ${slack.botToken}`,
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            // Slack answers with the view it opened; anything far larger is not Slack.
            if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer over ${MAX_ANSWER_BYTES} bytes`));
            else chunks.push(c);
          });
          res.on('error', (err) => settle(new ViewOpenError(`views.open: ${err.message}`)));
          res.on('end', () => {
            let answer: { ok?: unknown; error?: unknown } | undefined;
            try {
              answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof answer;
            } catch {
              answer = undefined;
            }
            if (res.statusCode === 200 && answer?.ok === true) return settle();
            const why =
              typeof answer?.error === 'string' ? answer.error.slice(0, 100) : `HTTP ${res.statusCode}`;
            settle(new ViewOpenError(`views.open: ${why}`));
          });
        },
      );
    } catch (err) {
      // Refused before anything was sent (a token with characters no header may hold): the deadline goes too.
      return settle(new ViewOpenError(`views.open: ${(err as Error).message}`));
    }
    req.on('error', (err) => settle(new ViewOpenError(`views.open: ${err.message}`)));
    req.end(body);
  });
}
