// views.open as the edge sends it: one JSON POST with the bot token, Slack's refusal by its error code, and a
// bounded wait when Slack's API does not answer or is not there at all.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openView, ViewOpenError } from '../../src/slack/open-view';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { BOT_TOKEN } from '../support/slack-requests';

/** Runs `use` against a local HTTP server answering with `handler` (a stand-in for Slack's API), then closes it. */
async function withApi(handler: RequestListener, use: (apiUrl: string) => Promise<unknown>): Promise<void> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}

const view = { type: 'modal', callback_id: 'declare', title: { type: 'plain_text', text: 'Declare' } };

describe('openView', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.stop());

  it('posts the trigger and the view as JSON with the bot token', async () => {
    const api = { botToken: BOT_TOKEN, apiUrl: `${slack.url}/api` };
    await openView(api, 'trig-1', view, 2500);
    await openView(api, 'trig-2', view, 2500);
    const calls = slack.callsOf('views.open');
    expect(calls.map((c) => c.args.trigger_id)).toEqual(['trig-1', 'trig-2']);
    expect(calls[0]!.args.view).toEqual(view);
    expect(slack.tokens.has(BOT_TOKEN)).toBe(true);
  });

  it("rejects with Slack's error code, and with the HTTP status of a failure without one", async () => {
    const api = { botToken: BOT_TOKEN, apiUrl: `${slack.url}/api/` };
    slack.inject('views.open', { status: 200, error: 'expired_trigger_id' });
    await expect(openView(api, 'trig-old', view, 2500)).rejects.toThrow(
      new ViewOpenError('views.open: expired_trigger_id'),
    );
    slack.inject('views.open', { status: 429, retryAfter: 1 });
    await expect(openView(api, 'trig-busy', view, 2500)).rejects.toThrow(/views\.open: ratelimited/);

    // A proxy's HTML error page: no JSON, so the status.
    await withApi(
      (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502</h1>'),
      (apiUrl) =>
        expect(openView({ botToken: BOT_TOKEN, apiUrl }, 'trig-p', view, 2500)).rejects.toThrow(
          new ViewOpenError('views.open: HTTP 502'),
        ),
    );
  });

  it('gives up at its deadline when Slack accepts the connection and never answers', async () => {
    await withApi(
      () => undefined,
      (apiUrl) =>
        expect(openView({ botToken: BOT_TOKEN, apiUrl }, 'trig-x', view, 200)).rejects.toThrow(
          new ViewOpenError('views.open: no answer within 200 ms'),
        ),
    );
  });

  it('rejects a bot token no header may hold before sending anything', async () => {
    const api = { botToken: 'xoxb-bad\r\nx-evil: 1', apiUrl: `${slack.url}/api/` };
    const before = slack.attempts.length;
    const refused = openView(api, 'trig-bad', view, 2500);
    await expect(refused).rejects.toBeInstanceOf(ViewOpenError);
    await expect(refused).rejects.toThrow(/Invalid character in header/);
    expect(slack.attempts.length).toBe(before);
  });

  it('rejects at once when nothing listens (Slack down)', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    await expect(
      openView({ botToken: BOT_TOKEN, apiUrl: `http://127.0.0.1:${port}/api/` }, 'trig-y', view, 2500),
    ).rejects.toThrow(/views\.open: connect ECONNREFUSED/);
  });
});
