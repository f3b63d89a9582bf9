import { redirect, type AppLoadContext } from 'react-router';
import { SessionService, type CurrentSession } from '@cruzjs/start';

/** The signed-in session, or a redirect to sign in that comes back to this page afterwards. */
export async function requireSession(request: Request, context: AppLoadContext): Promise<CurrentSession> {
  const session = await context.cruz.resolve(SessionService).current(request);
  if (session) return session;
  const url = new URL(request.url);
  const next = request.method === 'GET' ? url.pathname + url.search : url.pathname;
  throw redirect(`/auth/login?${new URLSearchParams({ next })}`);
}
