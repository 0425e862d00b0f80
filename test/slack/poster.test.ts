// Slack's post-once machinery without Temporal, against the fake Slack Web API: a post whose answer was lost
// is found again on the retry (never posted twice), a first attempt does not look, and failures are classified.
import { createActivityWebClient } from '../../src/worker/slack-client';
import { SlackCallError, SlackPoster } from '../../src/slack-kit/poster';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { BOT_TOKEN } from '../support/slack-requests';

const message = { text: 'status', blocks: [] };

describe('SlackPoster', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.stop());

  const poster = (retry: boolean) =>
    new SlackPoster(createActivityWebClient({ botToken: BOT_TOKEN, apiUrl: slack.apiUrl }), () => retry);

  it('finds on a retry the message whose answer was lost, instead of posting it again', async () => {
    const channel = slack.addChannel('C0LOST', 'lost');
    channel.members.add('UBOT');
    slack.inject('chat.postMessage', { status: 'lost' });
    await expect(poster(false).postOnce(channel.id, 'INC-1:status', message)).rejects.toMatchObject({
      type: 'SlackUnavailable',
    });
    expect(channel.messages).toHaveLength(1);

    const ts = await poster(true).postOnce(channel.id, 'INC-1:status', message);
    expect(ts).toBe(channel.messages[0]!.ts);
    expect(channel.messages).toHaveLength(1);
  });

  it('posts a message of another key even on a retry', async () => {
    const channel = slack.addChannel('C0KEYS', 'keys');
    channel.members.add('UBOT');
    await poster(true).postOnce(channel.id, 'INC-1:a', message);
    await poster(true).postOnce(channel.id, 'INC-1:b', message);
    await poster(true).postOnce(channel.id, 'INC-1:a', message);
    expect(channel.messages.map((m) => m.metadata?.event_payload)).toEqual([
      { key: 'INC-1:a' },
      { key: 'INC-1:b' },
    ]);
  });

  it('answers undefined for an ignored refusal and classifies the others', async () => {
    const channel = slack.addChannel('C0GONE', 'gone');
    channel.members.add('UBOT');
    slack.inject(
      'chat.postMessage',
      { status: 200, error: 'is_archived' },
      { status: 200, error: 'is_archived' },
    );
    await expect(
      poster(false).postOnceUnless(channel.id, 'k', message, ['is_archived']),
    ).resolves.toBeUndefined();
    const refused = await poster(false)
      .postOnce(channel.id, 'k', message)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SlackCallError);
    expect(refused).toMatchObject({
      type: 'SlackRejected',
      message: 'chat.postMessage: Slack answered is_archived',
    });
  });
});
