// Durations written by people in runbooks ("90m", "72h", "30d") and their milliseconds.
import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const durationSchema = z
  .string()
  .regex(/^\d+(\.\d+)?[mhd]$/, 'a duration like "90m", "72h" or "30d"')
  .describe('minutes (m), hours (h) or days (d)');

export function durationMs(text: string): number {
  const unit = text.slice(-1) as keyof typeof UNIT_MS;
  return Math.round(Number(text.slice(0, -1)) * UNIT_MS[unit]);
}
