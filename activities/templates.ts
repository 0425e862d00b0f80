// Renders notice drafts for approval: a thin adapter over src/notices/draft (shared with the web approval
// page), turning a template or data problem into a non-retryable TemplateError.
import type { Draft } from '../src/domain/approval';
import { type RenderDraftRequest, renderDraft } from '../src/notices/draft';
import { activityFailure } from './failure';
import { NoticeDataError, NoticeTemplateError } from '../src/notices/render';

export type { RenderDraftRequest };

export function createTemplateActivities(deps: { templatesDir: string }) {
  return {
    async renderNoticeDraft(req: RenderDraftRequest): Promise<Draft> {
      try {
        return renderDraft(deps.templatesDir, req).draft;
      } catch (err) {
        if (err instanceof NoticeTemplateError || err instanceof NoticeDataError)
          throw activityFailure('TemplateError', err.message);
        throw err;
      }
    },
  };
}
