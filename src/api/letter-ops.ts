// The notice operations of issue 14 beyond the customer email: regulator packages (the fields each authority's
// form asks, per obligation), substitute notice texts, and recording a submission with the authority's reference
// and receipt (hashed here; the hash goes on the timeline through the notice-sent command).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { effectiveStatus } from '../domain/incident-view';
import { regulatorFormSchema } from '../domain/regulator-forms';
import { renderSubstituteNotices } from '../notices/substitute';
import { regulatorPackage } from '../notices/regulator-package';
import { readIncident } from '../temporal/incident-reads';
import { incidentHandle, sendCommand } from '../temporal/incidents';
import * as msg from '../../workflows/messages';
import { ApiProblem } from './problem';
import type { Operation } from './operations';
import { gateParams, incidentParams, json } from './params';

/** Media types a receipt may come as: the portal's PDF or screenshot, a confirmation mail, plain text. */
export const RECEIPT_MEDIA = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'message/rfc822',
  'text/plain',
  'text/html',
  'application/octet-stream',
];
const MAX_RECEIPT = 20 * 1024 * 1024;

export const LETTER_OPERATIONS: Operation[] = [
  {
    operationId: 'listRegulatorPackages',
    method: 'get',
    path: '/incidents/{incidentId}/regulator-packages',
    summary:
      'For each obligation to an authority: the fields its form asks, filled from the facts, what counsel must complete, and the approval gate',
    tag: 'approvals',
    params: incidentParams,
    response: {
      status: 200,
      description:
        '`{packages: [{obligationId, status, gateId, gate: {status, draftHash, sent}, form, fields, missing, text, contentHash}]}`',
    },
    async run(d, c) {
      const view = await readIncident(d.client, c.params.incidentId!, c.who.actor);
      const packages = view.obligations
        .filter((o) => o.recipient === 'regulator' && effectiveStatus(o) !== 'not_required')
        .flatMap((o) => {
          const p = regulatorPackage(o, view.incidentId, view.facts, d.notice);
          if (!p) return [];
          const gate = view.gates.find((g) => g.id === o.gateId);
          return [
            {
              status: effectiveStatus(o),
              due: o.due,
              gateId: o.gateId ?? null,
              gate: gate
                ? {
                    status: gate.status,
                    draftHash: gate.draft?.contentHash ?? null,
                    sent: gate.noticeSent ?? null,
                  }
                : null,
              ...p,
            },
          ];
        });
      return json({ packages });
    },
  },
  {
    operationId: 'listSubstituteNotices',
    method: 'get',
    path: '/incidents/{incidentId}/substitute-notices',
    summary:
      'Website posting and media notice texts for each jurisdiction among the affected whose law allows substitute notice, with the statute, its thresholds and the grounds the figures meet',
    tag: 'campaigns',
    params: incidentParams,
    query: z.object({
      unreachable: z.coerce
        .number()
        .int()
        .min(0)
        .default(0)
        .describe('people with no usable contact details'),
      estimatedCostUsd: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .describe('what individual notice would cost'),
    }),
    response: {
      status: 200,
      description: '`{notices: [{jurisdiction, rule, grounds, website, media, contentHash}]}`',
    },
    async run(d, c) {
      const view = await readIncident(d.client, c.params.incidentId!, c.who.actor);
      const notices = renderSubstituteNotices(d.templatesDir, view.facts, {
        ...(d.notice ? { profile: d.notice } : {}),
        unreachable: c.query.unreachable as number,
        ...(c.query.estimatedCostUsd !== undefined
          ? { estimatedCostUsd: c.query.estimatedCostUsd as number }
          : {}),
      });
      return json({ notices });
    },
  },
  {
    operationId: 'recordSubmission',
    method: 'post',
    path: '/incidents/{incidentId}/gates/{gateId}/submission',
    summary:
      "Record an approved authority notice as filed: the authority's reference, and the receipt file (streamed) whose sha256 goes on the timeline",
    tag: 'approvals',
    params: gateParams,
    query: z.object({
      reference: z.string().trim().min(1, "the authority's reference for the submission").max(200),
      channel: regulatorFormSchema.shape.channel.default('portal'),
      name: z.string().trim().min(1).max(200).optional().describe("the receipt's file name"),
    }),
    upload: RECEIPT_MEDIA,
    idempotent: true,
    response: { status: 200, description: 'the gate, with `noticeSent.receipt` {sha256, bytes, name}' },
    async run(d, c) {
      const id = c.params.incidentId!;
      await readIncident(d.client, id, c.who.actor);
      const media = c.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!RECEIPT_MEDIA.includes(media))
        throw new ApiProblem(
          415,
          'unsupported_media_type',
          `send the receipt as one of ${RECEIPT_MEDIA.join(', ')}`,
          {
            errors: [{ field: 'header.Content-Type', rule: `one of ${RECEIPT_MEDIA.join(', ')}` }],
          },
        );
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of c.stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > MAX_RECEIPT)
          throw new ApiProblem(413, 'too_large', `a receipt of at most ${MAX_RECEIPT} bytes`, {
            errors: [{ field: 'body', rule: `at most ${MAX_RECEIPT} bytes` }],
          });
        hash.update(chunk);
      }
      if (bytes === 0)
        throw new ApiProblem(400, 'invalid_input', 'body: the receipt file is empty', {
          errors: [{ field: 'body', rule: 'a receipt file that is not empty' }],
        });
      const gate = await sendCommand(
        incidentHandle(d.client, id),
        msg.recordNoticeSent,
        {
          gateId: c.params.gateId!,
          channel: c.query.channel as string,
          reference: c.query.reference as string,
          receipt: {
            sha256: hash.digest('hex'),
            bytes,
            ...(c.query.name ? { name: c.query.name as string } : {}),
          },
        },
        { as: c.who, updateId: c.updateId },
      );
      return json(gate);
    },
  },
];
