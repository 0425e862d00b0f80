// All activities the Breachplan worker registers, built from their dependencies.
import type { Transporter } from 'nodemailer';
import type { RoleDirectory } from '../src/domain/roles';
import type { CodecKey } from '../src/crypto/keyring';
import { type ArchiveDeps, createArchiveActivities } from './archive';
import { type CampaignActivityDeps, createCampaignActivities } from './campaign';
import { type CampaignControlDeps, createCampaignControlActivities } from './campaign-control';
import { createNotifyActivities } from './notify';
import { createSlackActivities, type SlackActivityDeps } from './slack';
import { createTemplateActivities } from './templates';
import { createWebhookActivities, type WebhookActivityDeps } from './webhooks';
import type { NoticeProfile } from '../src/domain/notice-profile';

export interface ActivityDeps {
  templatesDir: string;
  mailer: Transporter;
  mailFrom: string;
  /** Who gives notice (company, contacts, offer); default: defaultNoticeProfile(). */
  notice?: NoticeProfile;
  directory: () => RoleDirectory;
  /** Archiving at close; without it the activity refuses (non-retryable) and the workflow carries on. */
  archive?: ArchiveDeps;
  /** Unset: Slack is off and the Slack activities are no-ops that say so. */
  slack?: SlackActivityDeps;
  /**
   * Customer-notice campaigns: the recipient store and mail pacing (activityDepsFromConfig builds them). The
   * keys that read recipient lists are the worker's codec keys, which createBreachplanWorker fills in.
   */
  campaign: CampaignDeps;
  /** How a campaign asks its incident what it may do (createBreachplanWorker fills it in). */
  campaignControl?: CampaignControlDeps;
  /** Outbound webhooks; unset: no subscribers (incidents record, nothing is sent). */
  webhooks?: WebhookActivityDeps;
}

export type CampaignDeps = Omit<
  CampaignActivityDeps,
  'mailer' | 'from' | 'templatesDir' | 'keys' | 'notice'
> & {
  keys?: CodecKey[];
};

function campaignKeys(c: CampaignDeps): CodecKey[] {
  if (!c.recipientsDir) throw new Error('campaign activities need campaign.recipientsDir');
  if (!c.keys?.length)
    throw new Error('campaign activities need campaign.keys (the codec keys that read recipient lists)');
  return c.keys;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createTemplateActivities({ templatesDir: deps.templatesDir, notice: deps.notice }),
    ...createNotifyActivities({ mailer: deps.mailer, from: deps.mailFrom, directory: deps.directory }),
    ...createSlackActivities({ slack: deps.slack, directory: deps.directory }),
    ...createArchiveActivities(deps.archive, campaignKeys(deps.campaign)),
    ...createCampaignControlActivities(deps.campaignControl),
    ...createWebhookActivities(deps.webhooks),
    ...createCampaignActivities({
      ...deps.campaign,
      keys: campaignKeys(deps.campaign),
      mailer: deps.mailer,
      from: deps.mailFrom,
      templatesDir: deps.templatesDir,
      notice: deps.notice,
    }),
  };
}
