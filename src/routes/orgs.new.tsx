import { Form, Link, data, redirect, useNavigation } from 'react-router';
import { ORG_NAME_MAX, OrganizationService, parseOrgName } from '@cruzjs/start';
import { requireSession } from './session.server';
import { readForm } from './form-body.server';
import { AppHeader } from './ui/app-header';
import type { Route } from './+types/orgs.new';

export function meta() {
  return [{ title: 'New organization · My Todos' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const { orgs, active } = await context.cruz.resolve(OrganizationService).activeFor(session);
  return { user: { name: session.user.name, email: session.user.email }, orgs, activeOrgId: active?.id ?? '', nameMax: ORG_NAME_MAX };
}

/** Creates the organization with the user as owner and switches to it. */
export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await readForm(request);
  const name = parseOrgName(form.get('name') ?? '');
  if (!name.ok) return data({ error: name.message, name: String(form.get('name') ?? '') }, { status: 400 });
  const orgs = context.cruz.resolve(OrganizationService);
  const org = await orgs.create(name.name, session.user.id);
  await orgs.switchActive(session, org.id);
  return redirect('/todos');
}

export default function NewOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const creating = navigation.state === 'submitting';
  return (
    <>
      <AppHeader user={loaderData.user} orgs={loaderData.orgs} activeOrgId={loaderData.activeOrgId} />
      <main className="narrow">
        <section className="card">
          <h1>New organization</h1>
          <p className="lead">An organization has its own todo list. Invite people to share it with them.</p>
          <Form method="post" className="stacked">
            <label htmlFor="name">Name</label>
            <input
              id="name"
              name="name"
              defaultValue={actionData?.name}
              placeholder="e.g. Acme, The Smiths, Book club"
              maxLength={loaderData.nameMax}
              required
              autoFocus
              aria-invalid={actionData?.error ? true : undefined}
              aria-describedby={actionData?.error ? 'name-error' : undefined}
            />
            {actionData?.error ? (
              <p className="field-error" id="name-error" role="alert">
                {actionData.error}
              </p>
            ) : null}
            <div className="actions">
              <button type="submit" disabled={creating}>
                {creating ? 'Creating…' : 'Create organization'}
              </button>
              <Link to="/todos" className="button secondary">
                Cancel
              </Link>
            </div>
          </Form>
        </section>
      </main>
    </>
  );
}
