import { desc, eq, sql } from 'drizzle-orm';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { MembershipService, users } from '@cruzjs/start';
import { todoActivities } from './todo-activity.schema';

export type ActivityEntry = { id: string; action: 'completed'; todoTitle: string; actorName: string; createdAt: Date };

/** The activity feed shown beside an organization's todos. */
@Injectable()
export class TodoActivityService {
  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(MembershipService) private readonly members: MembershipService,
  ) {}

  async recent(orgId: string, userId: string, limit = 8): Promise<ActivityEntry[]> {
    await this.members.requireMember(orgId, userId);
    const rows = await this.db
      .select({
        id: todoActivities.id,
        action: todoActivities.action,
        todoTitle: todoActivities.todoTitle,
        actorName: users.name,
        actorEmail: users.email,
        createdAt: todoActivities.createdAt,
      })
      .from(todoActivities)
      .innerJoin(users, eq(users.id, todoActivities.actorId))
      .where(eq(todoActivities.orgId, orgId))
      .orderBy(desc(todoActivities.createdAt), desc(sql`${todoActivities}.rowid`))
      .limit(limit)
      .all();
    return rows.map(({ actorName, actorEmail, ...entry }) => ({ ...entry, actorName: actorName ?? actorEmail }));
  }
}
