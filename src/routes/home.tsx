import { redirect } from 'react-router';
import { SessionService } from '@cruzjs/start';
import type { Route } from './+types/home';

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await context.cruz.resolve(SessionService).current(request);
  return redirect(session ? '/todos' : '/auth/register');
}
