import { eq } from 'drizzle-orm';
import { createId } from '@paralleldrive/cuid2';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, isUniqueConstraintError, type DrizzleDatabase } from '@cruzjs/core/database';
import { EventBus } from '@cruzjs/core/events';
import { CLOCK, type Clock } from '@cruzjs/core/jobs';
import { OrgCreatedEvent, UserLoggedInEvent, UserRegisteredEvent } from '@cruzjs/core/auth/events';
import { memberships, organizations, users, type User } from '../start.schema';
import { PasswordHasher } from './password-hasher';
import { DuplicateEmailError } from './auth-errors';
import type { RegistrationInput } from './registration-input';

export type RegisteredUser = { user: User; personalOrgId: string };

@Injectable()
export class AuthService {
  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(EventBus) private readonly events: EventBus,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Writes the user, their personal organization and membership in one D1 batch, then emits the events. */
  async register(input: RegistrationInput): Promise<RegisteredUser> {
    if (await this.findByEmail(input.email)) throw new DuplicateEmailError();
    const passwordHash = await this.passwords.hash(input.password);
    const now = this.clock.now();
    const user: User = { id: createId(), email: input.email, name: input.name, passwordHash, createdAt: now, updatedAt: now };
    const orgId = createId();
    const orgName = `${input.name?.trim() || input.email.split('@')[0]}'s todos`;
    try {
      await this.db.batch([
        this.db.insert(users).values(user),
        this.db.insert(organizations).values({ id: orgId, name: orgName, personal: true, createdById: user.id, createdAt: now, updatedAt: now }),
        this.db.insert(memberships).values({ id: createId(), orgId, userId: user.id, role: 'owner', createdAt: now }),
      ]);
    } catch (error) {
      // Two registrations racing past the check above: the unique index decides, the batch rolls back whole.
      if (isUniqueConstraintError(error, 'User.email')) throw new DuplicateEmailError();
      throw error;
    }
    await this.events.emit(new UserRegisteredEvent(user.id, user.email, user.name));
    await this.events.emit(new OrgCreatedEvent(orgId, orgName, user.id, true));
    return { user, personalOrgId: orgId };
  }

  /** The user for this email and password, or null; takes as long for an unknown email as for a wrong password. */
  async login(email: string, password: string): Promise<User | null> {
    const user = await this.findByEmail(email.trim().toLowerCase());
    const valid = await this.passwords.verify(password, user?.passwordHash ?? (await this.dummyHash()));
    if (!user || !valid) return null;
    await this.events.emit(new UserLoggedInEvent(user.id, user.email));
    return user;
  }

  async personalOrgId(userId: string): Promise<string | null> {
    const row = await this.db
      .select({ id: organizations.id })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(organizations.createdAt)
      .get();
    return row?.id ?? null;
  }

  private findByEmail(email: string): Promise<User | undefined> {
    return this.db.select().from(users).where(eq(users.email, email)).get();
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= this.passwords.hash(crypto.randomUUID());
    return this.dummy;
  }
}
