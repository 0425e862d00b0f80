// All activities the Breachplan worker registers, built from their dependencies.
import type { Transporter } from 'nodemailer';
import type { RoleDirectory } from '../src/domain/roles';
import { createNotifyActivities } from './notify';
import { createTemplateActivities } from './templates';

export interface ActivityDeps {
  templatesDir: string;
  mailer: Transporter;
  mailFrom: string;
  directory: () => RoleDirectory;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createTemplateActivities({ templatesDir: deps.templatesDir }),
    ...createNotifyActivities({ mailer: deps.mailer, from: deps.mailFrom, directory: deps.directory }),
  };
}
