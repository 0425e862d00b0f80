// The failure vocabulary: one table each for refusal codes and activity failure types, and everything that
// used to repeat them (retry policies, HTTP statuses, exit codes, activity throw sites) derived from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activityFailure } from '../../activities/failure';
import {
  ACTIVITY_FAILURES,
  type ActivityFailureType,
  nonRetryableTypes,
  REFUSALS,
  refusalOutcome,
} from '../../src/domain/failures';

const root = join(__dirname, '..', '..');
const sources = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8') }));

describe('failure vocabulary', () => {
  it('derives each retry policy from the table', () => {
    expect(nonRetryableTypes('drafts')).toEqual(['TemplateError']);
    expect(nonRetryableTypes('slack')).toEqual(['SlackRejected']);
    expect(nonRetryableTypes('campaign')).toEqual([
      'TemplateError',
      'TemplateChanged',
      'RecipientListMissing',
      'RecipientListDamaged',
    ]);
    expect(nonRetryableTypes('archive')).toEqual(['ArchiveNotConfigured', 'ArchiveMismatch']);
  });

  it('maps refusals to HTTP statuses and exit codes by kind', () => {
    const status = (code: string) => refusalOutcome(code).status;
    expect(['not_authorized', 'own_request', 'invalid_input', 'not_found', 'busy'].map(status)).toEqual([
      403, 403, 400, 404, 409,
    ]);
    // A code the table does not know (an activity's failure type passed on) reads as a conflict.
    expect(status('TemplateChanged')).toBe(409);
    expect(status('no_such_code')).toBe(409);
    expect(new Set(Object.keys(REFUSALS).map((c) => refusalOutcome(c).exit))).toEqual(new Set([2]));
  });

  it('fails activities as retryable or not as the table says', () => {
    for (const type of Object.keys(ACTIVITY_FAILURES) as ActivityFailureType[]) {
      const failure = activityFailure(type, 'why');
      expect([failure.type, failure.nonRetryable]).toEqual([type, !ACTIVITY_FAILURES[type].retryable]);
    }
    expect(activityFailure('SlackRateLimited', 'slow down', { nextRetryDelay: '3s' }).nextRetryDelay).toBe(
      '3s',
    );
  });

  it('leaves no failure type or retry list spelled out at a use site', () => {
    const offenders = [...sources('workflows'), ...sources('activities')]
      .filter(({ file }) => file !== 'activities/failure.ts')
      .flatMap(({ file, text }) => [
        ...(/nonRetryableErrorTypes: \[/.test(text) ? [`${file}: nonRetryableErrorTypes list`] : []),
        // Workflows refuse through incident-rules.ts's refuse(); activities fail through activityFailure().
        ...(file.startsWith('activities/') &&
        /ApplicationFailure\.(create|nonRetryable|retryable)\(/.test(text)
          ? [`${file}: ApplicationFailure`]
          : []),
      ]);
    expect(offenders).toEqual([]);
  });
});
