// Asks the mail server's own message store whether it accepted a Message-ID. SMTP cannot say whether a message
// whose reply was lost in a crash arrived; the store can. Speaks Mailpit's search API, which the embedded sink
// serves too; any relay or provider log answering `GET /api/v1/search?query=message-id:<id>` fits.
import { z } from 'zod';

export interface DeliveryLog {
  /** True when the server stored a message with this Message-ID (`<…>` form). Throws when it cannot tell. */
  accepted(messageId: string): Promise<boolean>;
}

export class DeliveryLogError extends Error {
  override name = 'DeliveryLogError';
}

const searchAnswer = z.object({
  messages: z.array(z.object({ MessageID: z.string() })),
});

const bare = (id: string) => id.trim().replace(/^<|>$/g, '');

export function mailpitDeliveryLog(baseUrl: string, o: { timeoutMs?: number } = {}): DeliveryLog {
  const base = new URL(baseUrl);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (base.username) {
    const user = decodeURIComponent(base.username);
    const pass = decodeURIComponent(base.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    base.username = '';
    base.password = '';
  }
  // Where the log is, without its credentials: for error messages.
  const where = `${base.origin}${base.pathname.replace(/\/$/, '')}`;
  return {
    async accepted(messageId: string): Promise<boolean> {
      const id = bare(messageId);
      const url = new URL(`${where}/api/v1/search`);
      url.searchParams.set('query', `message-id:${id}`);
      url.searchParams.set('limit', '10');
      let res: Response;
      try {
        res = await fetch(url, { headers, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
      } catch (err) {
        throw new DeliveryLogError(`delivery log ${where} unreachable: ${(err as Error).message}`);
      }
      if (!res.ok) throw new DeliveryLogError(`delivery log ${where} answered HTTP ${res.status}`);
      const parsed = searchAnswer.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success) throw new DeliveryLogError(`delivery log ${where} answered an unexpected shape`);
      // Mailpit's filter is a substring match: only an exact Message-ID counts.
      return parsed.data.messages.some((m) => bare(m.MessageID) === id);
    },
  };
}
