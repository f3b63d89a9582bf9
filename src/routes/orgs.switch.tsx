import { data, redirect } from 'react-router';
import { NotAMemberError, OrganizationService } from '@cruzjs/start';
import { requireSession } from './session.server';
import { readForm } from './form-body.server';
import type { Route } from './+types/orgs.switch';

/** POST only: makes another of the user's organizations the active one, then shows its todos. */
export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await readForm(request);
  try {
    await context.cruz.resolve(OrganizationService).switchActive(session, String(form.get('orgId') ?? ''));
  } catch (error) {
    if (error instanceof NotAMemberError) throw data(error.message, { status: 404 });
    throw error;
  }
  return redirect('/todos');
}

export async function loader() {
  return redirect('/todos');
}
