// Errors of the API as RFC 9457 problem details (application/problem+json): a status, a stable type URI per
// kind of refusal, the reason in `detail`, and for bad input one entry per field with the rule it broke.
import type { Response } from 'express';
import type { z } from 'zod';
import { describeIssues } from '../domain/commands';
import { refusalOutcome } from '../domain/failures';

export const PROBLEM_TYPE_BASE = 'https://breachplan.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldProblem {
  /** Where in the request: `body.patch.severity`, `query.status`, `path.incidentId`, `header.Idempotency-Key`. */
  field: string;
  /** The rule that refused, as the schema words it. */
  rule: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The workflow's or the edge's refusal code (`not_authorized`, `closed`, …). */
  code?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly extra: { errors?: FieldProblem[]; [k: string]: unknown } = {},
  ) {
    super(detail);
  }

  toJSON(): ProblemDetails {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      title: TITLES[this.status] ?? 'Refused',
      status: this.status,
      detail: this.message,
      code: this.code,
      ...this.extra,
    };
  }
}

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Refused by the incident',
  413: 'Too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Temporal unavailable',
};

/** How a workflow refusal reads over HTTP: the one vocabulary's status (403, 400, 404, else 409). */
export function refusalProblem(code: string, message: string): ApiProblem {
  return new ApiProblem(refusalOutcome(code).status, code, message);
}

/** A zod failure as a 400 naming each field (prefixed with where it was: body, query, path). */
export function invalidInput(where: 'body' | 'query' | 'path' | 'header', error: z.ZodError): ApiProblem {
  const errors = error.issues.map((i) => ({
    field: [where, ...i.path.map(String)].join('.'),
    rule: i.message,
  }));
  return new ApiProblem(400, 'invalid_input', `${where}: ${describeIssues(error)}`, { errors });
}

export function sendProblem(res: Response, problem: ApiProblem): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toJSON()));
}
