// `@breachplan <subcommand>` in a channel (Events API app_mention): the same subcommands as `/incident`, acting
// on the incident of the channel it is typed in; elsewhere it says how to use it. Replies are ephemeral.
// Slack redelivers an event it thinks was missed, so the event id doubles as the update id: applied once.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { parseIncidentCommand, usage } from './command-text';
import { runInIncident } from './commands';
import { type Reply, type SlackEdgeContext, outcomeText, tell } from './context';

/** The part of an app_mention event we use; anything else is ignored (and logged). */
export const appMentionSchema = z.object({
  user: z.string().regex(/^[UW][A-Z0-9]+$/),
  channel: z.string().regex(/^[CGD][A-Z0-9]+$/),
  text: z.string().max(40_000),
  thread_ts: z.string().optional(),
});
const eventIdSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/);

/** The words after the mention of the bot: `<@UBOT> note x` → `note x` (the first mention of the bot counts). */
export function mentionText(text: string, botUserId?: string): string {
  const bot = botUserId ? `<@${botUserId}(?:\\|[^>]*)?>` : '<@[UW][A-Z0-9]+(?:\\|[^>]*)?>';
  const m = new RegExp(bot).exec(text);
  return (m ? text.slice(m.index + m[0].length) : text).trim();
}

function notAnIncidentChannel(bot: string): string {
  return (
    `I act on the incident of the channel I am mentioned in, and this is not an incident channel. ` +
    `Declare one with \`/incident declare\`; in its channel, mention me with a command: ` +
    `${bot} status · ${bot} note <text> · ${bot} help`
  );
}

export function registerMentions(bolt: App, ctx: SlackEdgeContext): void {
  bolt.event('app_mention', async ({ event, body, context, client }) => {
    const parsed = appMentionSchema.safeParse(event);
    if (!parsed.success) {
      ctx.logger.warn(
        { issues: parsed.error.issues.map((i) => i.path.join('.')) },
        'slack: unreadable mention',
      );
      return;
    }
    const { user, channel, text, thread_ts } = parsed.data;
    const bot = context.botUserId ? `<@${context.botUserId}>` : '@breachplan';
    const reply = (r: string | Reply) => tell(client, ctx, channel, user, r, thread_ts);
    const words = mentionText(text, context.botUserId);
    const c = words ? parseIncidentCommand(words) : ({ kind: 'help' } as const);
    if (c.kind === 'help') return void (await reply(usage(bot)));
    if (c.kind === 'usage') return void (await reply(c.message));
    if (c.kind === 'declare')
      return void (await reply(
        'Declaring opens a form, which needs the slash command: `/incident declare`.',
      ));
    try {
      const incidentId = await ctx.channels(channel);
      if (!incidentId) return void (await reply(notAnIncidentChannel(bot)));
      const eventId = eventIdSchema.safeParse((body as { event_id?: unknown }).event_id);
      await runInIncident(
        ctx,
        incidentId,
        user,
        c,
        reply,
        eventId.success ? `slack-event-${eventId.data}` : undefined,
        (body as { team_id?: string }).team_id,
      );
    } catch (err) {
      await reply(outcomeText(err, ctx, `${bot} ${c.kind}`));
    }
  });
}
