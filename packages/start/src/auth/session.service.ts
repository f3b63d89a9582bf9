import { and, eq, gt } from 'drizzle-orm';
import { Inject, Injectable } from '@cruzjs/core/di';
import { DRIZZLE, type DrizzleDatabase } from '@cruzjs/core/database';
import { CLOCK, type Clock } from '@cruzjs/core/jobs';
import { sessions, users, type User } from '../start.schema';
import { sha256Hex } from './bytes';
import { randomToken } from './random-token';

export const SESSION_COOKIE = 'cruz_session';
const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CurrentSession = { user: User; activeOrgId: string | null; tokenHash: string };

/** Sessions: a random token in an HttpOnly cookie; the database keeps only the token's SHA-256. */
@Injectable()
export class SessionService {
  constructor(
    @Inject(DRIZZLE) private readonly db: DrizzleDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts a session and returns the Set-Cookie header value for it. */
  async start(userId: string, activeOrgId: string | null, request: Request): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
    await this.db.insert(sessions).values({ tokenHash: await sha256Hex(token), userId, activeOrgId, expiresAt, createdAt: now });
    return sessionCookie(token, request, SESSION_DAYS * 24 * 60 * 60);
  }

  async current(request: Request): Promise<CurrentSession | null> {
    const token = readCookie(request, SESSION_COOKIE);
    if (!token) return null;
    const tokenHash = await sha256Hex(token);
    const row = await this.db
      .select({ user: users, activeOrgId: sessions.activeOrgId })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, this.clock.now())))
      .get();
    return row ? { user: row.user, activeOrgId: row.activeOrgId, tokenHash } : null;
  }

  /** Points the session at another organization; the caller has checked that the user belongs to it. */
  async setActiveOrg(tokenHash: string, orgId: string): Promise<void> {
    await this.db.update(sessions).set({ activeOrgId: orgId }).where(eq(sessions.tokenHash, tokenHash));
  }

  /** Ends the request's session (if any) and returns the Set-Cookie value that clears the cookie. */
  async end(request: Request): Promise<string> {
    const token = readCookie(request, SESSION_COOKIE);
    if (token) await this.db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
    return sessionCookie('', request, 0);
  }
}

function sessionCookie(value: string, request: Request, maxAgeSeconds: number): string {
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}
