// Bolt's authorize for our single workspace without a Slack call on the request path: the bot's user and bot
// ids come from one auth.test asked in the background (retried with backoff until it answers), and every
// request is authorized at once with what is known so far. Acks never wait for Slack's API.
import { LogLevel, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { slackApiUrl } from '../slack-kit/web-api';

export interface BotIdentity {
  botToken: string;
  botId?: string;
  botUserId?: string;
  teamId?: string;
}

export interface BotAuthorize {
  /** Bolt's `authorize`: answers immediately, never calls Slack. */
  authorize: (source: unknown, body?: unknown) => Promise<BotIdentity>;
  /** Resolves once auth.test answered (tests and start-up logs); never rejects. */
  ready: Promise<void>;
  stop(): void;
}

/** The bot's user id as the Events API states it in `authorizations` (used until auth.test answered). */
function botUserIdOf(body: unknown): string | undefined {
  const auth = (body as { authorizations?: { user_id?: unknown; is_bot?: unknown }[] } | undefined)
    ?.authorizations?.[0];
  return auth && auth.is_bot !== false && typeof auth.user_id === 'string' ? auth.user_id : undefined;
}

export function createBotAuthorize(o: {
  botToken: string;
  apiUrl?: string;
  logger: Logger;
  /** First retry delay; doubles up to 5 minutes. */
  retryMs?: number;
}): BotAuthorize {
  const client = new webApi.WebClient(o.botToken, {
    slackApiUrl: slackApiUrl(o.apiUrl),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
  let known: Omit<BotIdentity, 'botToken'> = {};
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let done!: () => void;
  const ready = new Promise<void>((ok) => (done = ok));
  const ask = async (delayMs: number): Promise<void> => {
    if (stopped) return done();
    try {
      const r = await client.auth.test();
      known = { botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id };
      o.logger.info({ botUserId: r.user_id }, 'slack: bot identity known');
      done();
    } catch (err) {
      o.logger.warn({ err: (err as Error).message, retryInMs: delayMs }, 'slack: auth.test failed');
      if (stopped) return done();
      timer = setTimeout(() => void ask(Math.min(delayMs * 2, 300_000)), delayMs);
      timer.unref();
    }
  };
  void ask(o.retryMs ?? 2000);
  return {
    authorize: (_source, body) =>
      Promise.resolve({ botToken: o.botToken, ...known, botUserId: known.botUserId ?? botUserIdOf(body) }),
    ready,
    stop() {
      stopped = true;
      clearTimeout(timer);
      done();
    },
  };
}
