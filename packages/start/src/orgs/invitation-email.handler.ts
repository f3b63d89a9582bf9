import { and, eq, gt, isNull } from 'drizzle-orm';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { EmailService } from '@cruzjs/core/email';
import { CLOCK, type Clock, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { invitations, organizations, users } from '../start.schema';
import { sha256Hex } from '../auth/bytes';
import { randomToken } from '../auth/random-token';
import { INVITATION_EMAIL_TEMPLATE, type InvitationEmailData } from './invitation-email.template';

export const INVITATION_EMAIL_JOB = 'orgs/invitation-email';

export type InvitationEmailPayload = {
  invitationId: string;
  /** Origin of the accept link, e.g. https://todos.example.com. */
  appUrl: string;
};

/**
 * Emails the invitee their accept link. The token is drawn here and only its hash is stored, so it
 * never sits in the Job table; a retry draws a new one, and the link of an earlier attempt stops working.
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
  ) {}

  async run(job: { payload: InvitationEmailPayload }): Promise<JobResult> {
    const { invitationId, appUrl } = job.payload;
    const token = randomToken();
    const [invitation] = await this.db
      .update(invitations)
      .set({ tokenHash: await sha256Hex(token) })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, this.clock.now())))
      .returning();
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
