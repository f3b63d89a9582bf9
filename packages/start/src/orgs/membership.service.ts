import { and, eq } from 'drizzle-orm';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { memberships, type MembershipRole } from '../start.schema';
import { NotAMemberError } from './org-errors';

/** Who belongs to which organization; one indexed lookup (Membership_orgId_userId_key) per check. */
@Injectable()
export class MembershipService {
  constructor(@Inject(DRIZZLE) private readonly db: DrizzleDatabase) {}

  async roleOf(orgId: string, userId: string): Promise<MembershipRole | null> {
    const row = await this.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .get();
    return row?.role ?? null;
  }

  /** The user's role in the organization; throws NotAMemberError when they have none. */
  async requireMember(orgId: string, userId: string): Promise<MembershipRole> {
    const role = await this.roleOf(orgId, userId);
    if (!role) throw new NotAMemberError();
    return role;
  }
}
