// `breachplan webhooks redeliver`: sends an incident's parked outbound webhook events again, in order (the
// parked ones show in `breachplan status`).
import type { Command } from 'commander';
import { CliUsageError } from './errors';
import type { CliContext } from './incident-commands';
import { incidentId } from './incident-commands';
import { clean, print } from './output';

export function registerWebhookCommands(program: Command, ctx: CliContext): void {
  const webhooks = program.command('webhooks').description('Outbound webhooks of an incident');
  webhooks
    .command('redeliver <incident>')
    .description('Send the parked events again, in order (commanders)')
    .option('--subscriber <id>', 'only this subscriber')
    .option('--json')
    .action(async (incident: string, o: { subscriber?: string; json?: boolean }) => {
      if (o.subscriber !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(o.subscriber))
        throw new CliUsageError(`--subscriber: "${o.subscriber}" is not a subscriber id`);
      const r = await ctx
        .api()
        .post<{ subscribers: string[]; events: number }>(
          `/incidents/${incidentId(incident)}/webhooks/redeliver`,
          o.subscriber ? { subscriberId: o.subscriber } : {},
        );
      print(o.json, r, () => clean(`sending ${r.events} event(s) again to ${r.subscribers.join(', ')}\n`));
    });
}
