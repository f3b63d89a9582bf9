import { asc, desc, eq } from 'drizzle-orm';
import { createId } from '@paralleldrive/cuid2';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { EventBus } from '@cruzjs/core/events';
import { CLOCK, type Clock } from '@cruzjs/core/jobs';
import { OrgCreatedEvent } from '@cruzjs/core/auth/events';
import { memberships, organizations, users, type MembershipRole, type Organization } from '../start.schema';
import { SessionService, type CurrentSession } from '../auth/session.service';
import { MembershipService } from './membership.service';

/** An organization as one of its members sees it. */
export type MemberOrganization = { id: string; name: string; personal: boolean; role: MembershipRole };

export type OrganizationMember = { userId: string; name: string | null; email: string; role: MembershipRole };

@Injectable()
export class OrganizationService {
  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(EventBus) private readonly events: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MembershipService) private readonly membership: MembershipService,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  /** Writes the organization and its creator's owner membership in one batch, then emits OrgCreatedEvent. */
  async create(name: string, userId: string): Promise<Organization> {
    const now = this.clock.now();
    const org: Organization = { id: createId(), name, personal: false, createdById: userId, createdAt: now, updatedAt: now };
    await this.db.batch([
      this.db.insert(organizations).values(org),
      this.db.insert(memberships).values({ id: createId(), orgId: org.id, userId, role: 'owner', createdAt: now }),
    ]);
    await this.events.emit(new OrgCreatedEvent(org.id, org.name, userId, false));
    return org;
  }

  /** Every organization the user belongs to: the personal one first, then oldest first. */
  listForUser(userId: string): Promise<MemberOrganization[]> {
    return this.db
      .select({ id: organizations.id, name: organizations.name, personal: organizations.personal, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(desc(organizations.personal), asc(organizations.createdAt))
      .all();
  }

  /**
   * The session's organizations and the active one. A session pointing at an organization the user
   * no longer belongs to (or at none) falls back to their first one, and is corrected.
   */
  async activeFor(session: CurrentSession): Promise<{ orgs: MemberOrganization[]; active: MemberOrganization | null }> {
    const orgs = await this.listForUser(session.user.id);
    let active = orgs.find((org) => org.id === session.activeOrgId) ?? null;
    if (!active && orgs.length > 0) {
      active = orgs[0];
      await this.sessions.setActiveOrg(session.tokenHash, active.id);
    }
    return { orgs, active };
  }

  /** Makes `orgId` the session's organization; throws NotAMemberError for one the user does not belong to. */
  async switchActive(session: CurrentSession, orgId: string): Promise<void> {
    await this.membership.requireMember(orgId, session.user.id);
    await this.sessions.setActiveOrg(session.tokenHash, orgId);
  }

  /** The organization's members, owners first; only a member may see them. */
  async members(orgId: string, userId: string): Promise<OrganizationMember[]> {
    await this.membership.requireMember(orgId, userId);
    return this.db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(desc(eq(memberships.role, 'owner')), asc(memberships.createdAt))
      .all();
  }
}
