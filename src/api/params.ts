// Path parameters and the JSON reply shared by the API's operation tables (operations.ts, letter-ops.ts,
// alert-operations.ts): one spelling of the incident id in a path, and of a gate id beside it.
import { z } from 'zod';
import { incidentIdSchema } from '../domain/incident';
import type { Reply } from './operations';

/** `{incidentId}` in a path: upper-cased, then the domain's incident id. */
export const incidentParams = z.object({
  incidentId: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(incidentIdSchema),
});

/** `{incidentId}` and `{gateId}` in a path. */
export const gateParams = incidentParams.extend({ gateId: z.string().min(1).max(64) });

/** A JSON reply; an operation that answers nothing answers `{ok: true}`. */
export const json = (value: unknown, status = 200): Reply => ({ status, json: value ?? { ok: true } });
