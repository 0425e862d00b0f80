// The OpenAPI 3.1 document of /api/v1, generated from the operation table and its zod schemas (zod's own JSON
// Schema output, draft 2020-12, which OpenAPI 3.1 uses), so the document says exactly what the code checks.
import { z } from 'zod';
import type { Operation } from './operations';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { RESPONSE_SCHEMAS } from './responses';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
};

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'the refusal code (not_authorized, not_found, closed, …)' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'rule'],
        properties: { field: { type: 'string' }, rule: { type: 'string' } },
      },
    },
  },
};

function parameters(op: Operation): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const add = (where: 'path' | 'query', shape: z.ZodObject) => {
    const schema = jsonSchema(shape) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(schema.properties ?? {}))
      out.push({
        name,
        in: where,
        required: where === 'path' || (schema.required ?? []).includes(name),
        schema: s,
      });
  };
  if (op.params) add('path', op.params);
  if (op.query) add('query', op.query);
  if (op.idempotent)
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'a retried request with the same key is applied once and answered with the first outcome',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
    });
  return out;
}

export function buildOpenApi(operations: Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const problem = {
      description: 'refused',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    const media = op.response.media ?? ['application/json'];
    const answer = op.response.schema ?? RESPONSE_SCHEMAS[op.operationId];
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      parameters: parameters(op),
      ...(op.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } },
          }
        : op.rawBody
          ? {
              // Signed by its source, not a bearer token: the signature covers these bytes as sent.
              security: [],
              requestBody: {
                required: true,
                description: 'the source’s payload, as it sends it (signature headers per source kind)',
                content: { 'application/json': { schema: { type: 'object' } } },
              },
            }
          : op.upload
            ? {
                requestBody: {
                  required: true,
                  description: 'streamed: the file as it is',
                  content: Object.fromEntries(op.upload.map((m) => [m, { schema: { type: 'string' } }])),
                },
              }
            : {}),
      responses: {
        [String(op.response.status)]: {
          description: op.response.description,
          content: Object.fromEntries(
            media.map((m) => [
              m,
              {
                schema:
                  answer && m === 'application/json' ? jsonSchema(answer, 'output') : { type: 'string' },
              },
            ]),
          ),
        },
        '400': problem,
        '401': problem,
        '403': problem,
        '404': problem,
        '409': problem,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Breachplan API',
      version: '1',
      description:
        'Everything the breachplan CLI does. Authenticate with "Authorization: Bearer <token>"; errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags: ['incidents', 'approvals', 'campaigns', 'audit', 'people'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Problem: problemSchema },
    },
  };
}
