import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { createId } from '@paralleldrive/cuid2';
import { CLOUDFLARE_ENV } from '@cruzjs/core';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { EventBus } from '@cruzjs/core/events';
import { CLOCK, JobService, type Clock } from '@cruzjs/core/jobs';
import { MemberInvitedEvent } from '@cruzjs/core/auth/events';
import { invitations, memberships, organizations, users, type User } from '../start.schema';
import { sha256Hex } from '../auth/bytes';
import { normalizeEmail } from '../auth/email-address';
import { MembershipService } from './membership.service';
import { AlreadyMemberError, NotAMemberError, NotAnOwnerError } from './org-errors';
import { InvitationError } from './invitation-error';
import { INVITATION_EMAIL_JOB, type InvitationEmailPayload } from './invitation-email.handler';
import { invitationToken, readAuthSecret, type AuthSecretEnv } from './invitation-token';

export const INVITATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PendingInvitation = { id: string; email: string; expiresAt: Date; createdAt: Date };

/** What the invitation page shows before the invitee accepts. */
export type InvitationPreview = {
  orgId: string;
  orgName: string;
  email: string;
  invitedBy: string;
  expiresAt: Date;
  status: 'pending' | 'used' | 'expired';
};

const inviters = alias(users, 'Inviter');

/**
 * Invitations by email: an expiring, single-use link. The link's token is derived from AUTH_SECRET and
 * the invitation's id (see invitationToken); the database keeps only its SHA-256, written with the
 * invitation, and the email job derives the token again when it sends the email.
 */
@Injectable()
export class InvitationService {
  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(EventBus) private readonly events: EventBus,
    @Inject(JobService) private readonly jobs: JobService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MembershipService) private readonly membership: MembershipService,
    @Inject(CLOUDFLARE_ENV) private readonly env: { APP_URL?: unknown } & AuthSecretEnv,
  ) {}

  /**
   * Invites `email` into the organization as a member: only owners may. A newer invitation replaces
   * the pending one for the same address. The email goes out as a background job; `requestOrigin`
   * is the link's origin unless the APP_URL var names one. Without a usable AUTH_SECRET it throws an
   * AuthSecretError before anything is written.
   */
  async invite(orgId: string, inviterId: string, email: string, requestOrigin: string): Promise<PendingInvitation> {
    const secret = readAuthSecret(this.env);
    const role = await this.membership.requireMember(orgId, inviterId);
    if (role !== 'owner') throw new NotAnOwnerError('invite people');
    const invitee = normalizeEmail(email);
    const org = await this.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).get();
    if (!org) throw new NotAMemberError();
    if (await this.isMember(orgId, invitee)) throw new AlreadyMemberError(invitee, org.name);

    const now = this.clock.now();
    const id = createId();
    const invitation = {
      id,
      orgId,
      email: invitee,
      role: 'member' as const,
      // The hash of the one token this invitation will ever have; the token itself is stored nowhere.
      tokenHash: await sha256Hex(await invitationToken(secret, id)),
      invitedById: inviterId,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS),
      createdAt: now,
    };
    // The invitation and the job that emails it are written together: never one without the other.
    const emailJob = this.jobs.prepareJob<InvitationEmailPayload>({
      type: INVITATION_EMAIL_JOB,
      payload: { invitationId: invitation.id, appUrl: this.appUrl(requestOrigin) },
    });
    await this.db.batch([
      this.db
        .update(invitations)
        .set({ expiresAt: now })
        .where(and(eq(invitations.orgId, orgId), eq(invitations.email, invitee), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now))),
      this.db.insert(invitations).values(invitation),
      emailJob.statement,
    ]);
    await emailJob.dispatch();
    await this.events.emit(new MemberInvitedEvent(invitation.id, orgId, invitee, inviterId));
    return { id: invitation.id, email: invitee, expiresAt: invitation.expiresAt, createdAt: now };
  }

  /** Invitations of the organization not yet accepted nor expired, newest first; members only. */
  async pending(orgId: string, userId: string): Promise<PendingInvitation[]> {
    await this.membership.requireMember(orgId, userId);
    return this.db
      .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, this.clock.now())))
      .orderBy(desc(invitations.createdAt))
      .all();
  }

  /** The invitation behind a link, or null for a link that matches none. Reading it changes nothing. */
  async preview(token: string): Promise<InvitationPreview | null> {
    const row = await this.db
      .select({
        orgId: invitations.orgId,
        orgName: organizations.name,
        email: invitations.email,
        inviterName: inviters.name,
        inviterEmail: inviters.email,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
      })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.orgId))
      .innerJoin(inviters, eq(inviters.id, invitations.invitedById))
      .where(eq(invitations.tokenHash, await sha256Hex(token)))
      .get();
    if (!row) return null;
    const status = row.acceptedAt ? 'used' : row.expiresAt <= this.clock.now() ? 'expired' : 'pending';
    return { orgId: row.orgId, orgName: row.orgName, email: row.email, invitedBy: row.inviterName ?? row.inviterEmail, expiresAt: row.expiresAt, status };
  }

  /**
   * Accepts the invitation for `user`, whose email must be the invited one. Consuming the invitation
   * and adding the membership are one batch: the membership row is copied from the invitation only
   * if this very batch consumed it, so two accepts can never both succeed.
   */
  async accept(token: string, user: User): Promise<{ orgId: string; orgName: string }> {
    const preview = await this.preview(token);
    if (!preview) throw new InvitationError('not-found');
    if (preview.status !== 'pending') throw new InvitationError(preview.status);
    if (preview.email !== user.email) throw new InvitationError('wrong-email');

    const tokenHash = await sha256Hex(token);
    const now = this.clock.now();
    const [consumed] = await this.db.batch([
      this.db
        .update(invitations)
        .set({ acceptedAt: now, acceptedById: user.id })
        .where(
          and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now), eq(invitations.email, user.email)),
        )
        .returning({ orgId: invitations.orgId }),
      this.db
        .insert(memberships)
        .select(
          this.db
            .select({
              id: sql<string>`${createId()}`.as('id'),
              orgId: invitations.orgId,
              userId: invitations.acceptedById,
              role: invitations.role,
              createdAt: sql<number>`${now.getTime()}`.as('createdAt'),
            })
            .from(invitations)
            .where(and(eq(invitations.tokenHash, tokenHash), eq(invitations.acceptedById, user.id), eq(invitations.acceptedAt, now))),
        )
        // Someone who joined through another invitation meanwhile: the invitation is used, nothing to add.
        .onConflictDoNothing(),
    ]);
    if (consumed.length === 0) throw new InvitationError('used');
    return { orgId: preview.orgId, orgName: preview.orgName };
  }

  private async isMember(orgId: string, email: string): Promise<boolean> {
    const row = await this.db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), eq(users.email, email)))
      .get();
    return row !== undefined;
  }

  private appUrl(requestOrigin: string): string {
    return typeof this.env.APP_URL === 'string' && this.env.APP_URL !== '' ? this.env.APP_URL : requestOrigin;
  }
}
