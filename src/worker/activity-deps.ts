// The activities' dependencies built from configuration: one recipe for the worker process and the
// embedded stack, so both run the same activities the same way.
import { resolve } from 'node:path';
import type { NativeConnection } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import { lazySigner } from '../audit/signing';
import type { Config } from '../config';
import { loadRoleDirectory } from '../directory';
import type { RoleDirectory } from '../domain/roles';
import { mailpitDeliveryLog } from '../delivery-log';
import { createMailer } from '../mailer';
import { slackActivityDeps } from './slack-client';
import { TEMPLATES_DIR } from '../paths';
import { loadWebhooks } from '../integrations';

export function activityDepsFromConfig(
  config: Config,
  connection: NativeConnection,
  directory: RoleDirectory = loadRoleDirectory(config.rolesFile),
): ActivityDeps {
  const webhooks = loadWebhooks(config.webhooksFile);
  return {
    webhooks: { config: () => webhooks },
    templatesDir: TEMPLATES_DIR,
    mailer: createMailer(config),
    mailFrom: config.mail.from,
    notice: config.notice,
    directory: () => directory,
    slack: slackActivityDeps(config.slack, TEMPLATES_DIR),
    campaign: {
      recipientsDir: resolve(config.recipientsDir),
      ratePerSec: config.mail.ratePerSec,
      deliveryLog: config.mail.deliveryLogUrl ? mailpitDeliveryLog(config.mail.deliveryLogUrl) : undefined,
    },
    archive: {
      archiveDir: resolve(config.archiveDir),
      signer: lazySigner({ ...config, dataDir: resolve(config.dataDir) }),
      workflowService: () => connection.workflowService,
    },
  };
}
