// A per-address throttle for the endpoints worth guessing at or flooding (/login, /codec): a fixed window per
// socket address (never X-Forwarded-For), answered 429 with Retry-After. Per process: each replica counts alone.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { peerAddress } from './auth';

export interface ThrottleOptions {
  /** Requests allowed per address per window. */
  max: number;
  windowMs: number;
  what: string;
  logger: Logger;
  now?: () => number;
}

export function throttlePerAddress(o: ThrottleOptions) {
  const windows = new Map<string, { start: number; count: number }>();
  const now = o.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction) => {
    const t = now();
    const peer = peerAddress(req);
    let w = windows.get(peer);
    if (!w || t - w.start >= o.windowMs) {
      // Forget old windows now and then, so the map stays as small as the set of recent callers.
      if (windows.size > 10_000)
        for (const [k, v] of windows) if (t - v.start >= o.windowMs) windows.delete(k);
      w = { start: t, count: 0 };
      windows.set(peer, w);
    }
    w.count += 1;
    if (w.count <= o.max) return next();
    const retry = Math.max(1, Math.ceil((w.start + o.windowMs - t) / 1000));
    if (w.count === o.max + 1) o.logger.warn({ peer, what: o.what, max: o.max }, 'web: throttled');
    res.setHeader('Retry-After', String(retry));
    res
      .status(429)
      .type('text/plain')
      .send(`too many ${o.what} requests from this address; retry in ${retry} s\n`);
  };
}
