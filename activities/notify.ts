// Tells the people holding a role about an incident event (reminders, escalations, approval requests) by
// email through the configured mail transport. Idempotent per incident, kind and text (stable Message-ID).
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Role, RoleDirectory } from '../src/domain/roles';

export interface NotifyRequest {
  incidentId: string;
  kind: string;
  text: string;
  roles: string[];
}

export function createNotifyActivities(deps: {
  mailer: Transporter;
  from: string;
  directory: () => RoleDirectory;
  domain?: string;
}) {
  return {
    async notifyIncident(req: NotifyRequest): Promise<{ recipients: number }> {
      const to = deps
        .directory()
        .people.filter((p) => p.email && p.roles.some((r) => req.roles.includes(r as Role)))
        .map((p) => p.email!);
      if (to.length === 0) return { recipients: 0 };
      const id = createHash('sha256')
        .update(`${req.incidentId}\n${req.kind}\n${req.text}`)
        .digest('hex')
        .slice(0, 32);
      await deps.mailer.sendMail({
        from: deps.from,
        to,
        subject: `[${req.incidentId}] ${req.text.slice(0, 120)}`,
        text: `${req.text}\n\nIncident: ${req.incidentId}\n`,
        messageId: `<notify-${id}@${deps.domain ?? 'breachplan.local'}>`,
      });
      return { recipients: to.length };
    },
  };
}
