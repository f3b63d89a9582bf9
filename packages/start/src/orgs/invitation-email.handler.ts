import { and, eq, gt, isNull } from 'drizzle-orm';
import { CLOUDFLARE_ENV } from '@cruzjs/core';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { EmailService } from '@cruzjs/core/email';
import { CLOCK, type Clock, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { invitations, organizations, users } from '../start.schema';
import { sha256Hex } from '../auth/bytes';
import { INVITATION_EMAIL_TEMPLATE, type InvitationEmailData } from './invitation-email.template';
import { invitationToken, readAuthSecret, type AuthSecretEnv } from './invitation-token';

export const INVITATION_EMAIL_JOB = 'orgs/invitation-email';

export type InvitationEmailPayload = {
  invitationId: string;
  /** Origin of the accept link, e.g. https://todos.example.com. */
  appUrl: string;
};

/**
 * Emails the invitee their accept link. The token is derived from AUTH_SECRET and the invitation's id,
 * never stored (the Invitation row has its hash, written with the invitation; the payload has only the
 * id), so every run of the job sends the very same email: a retry after a lost answer is recognized by
 * Resend's idempotency key, and with any provider every copy the invitee receives has the one working link.
 */
@Injectable()
export class InvitationEmailHandler implements JobHandler<InvitationEmailPayload> {
  metadata = {
    type: INVITATION_EMAIL_JOB,
    description: 'Email an invitation to join an organization',
  };

  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EmailService) private readonly email: EmailService,
    @Inject(CLOUDFLARE_ENV) private readonly env: AuthSecretEnv,
  ) {}

  async run(job: { payload: InvitationEmailPayload }): Promise<JobResult> {
    const { invitationId, appUrl } = job.payload;
    const token = await invitationToken(readAuthSecret(this.env), invitationId);
    const tokenHash = await sha256Hex(token);
    const pending = and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, this.clock.now()));
    let invitation = await this.db.select().from(invitations).where(pending).get();
    if (invitation && invitation.tokenHash !== tokenHash) {
      // AUTH_SECRET was changed between the invitation and this run: the stored hash is of a token this
      // worker can no longer derive. Store the current one, so the link sent below works (a copy of this
      // email sent before the change, if there was one, stops working). Invitations whose email already
      // went out are not affected by a new secret: accepting a link compares hashes only.
      [invitation] = await this.db.update(invitations).set({ tokenHash }).where(pending).returning();
      if (invitation) console.warn(`[invitations] AUTH_SECRET changed since invitation ${invitationId} was made: its link now follows the new secret.`);
    }
    // Accepted, replaced by a newer invitation or expired meanwhile: nothing to send.
    if (!invitation) return { success: true, summary: { skipped: 'invitation is no longer pending', invitationId } };

    const details = await this.db
      .select({ orgName: organizations.name, inviterName: users.name, inviterEmail: users.email })
      .from(organizations)
      .innerJoin(users, eq(users.id, invitation.invitedById))
      .where(eq(organizations.id, invitation.orgId))
      .get();
    if (!details) return { success: true, summary: { skipped: 'organization no longer exists', invitationId } };

    const data: InvitationEmailData = {
      orgName: details.orgName,
      invitedBy: details.inviterName ?? details.inviterEmail,
      acceptUrl: new URL(`/invitations/${token}`, appUrl).toString(),
      expiresAt: invitation.expiresAt,
    };
    await this.email.send({ to: invitation.email, template: INVITATION_EMAIL_TEMPLATE, data });
    return { success: true, summary: { recipient: invitation.email, orgId: invitation.orgId } };
  }
}
