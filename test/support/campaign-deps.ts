// Campaign dependencies for workers whose tests send no campaign: an empty recipient store of their own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignDeps } from '../../activities';

export function scratchCampaignDeps(): CampaignDeps {
  return { recipientsDir: mkdtempSync(join(tmpdir(), 'bp-recipients-')) };
}
