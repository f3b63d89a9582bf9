import { Form, data, redirect, useNavigation } from 'react-router';
import { InvitationError, InvitationService, OrganizationService, SessionService } from '@cruzjs/start';
import { requireSession } from './session.server';
import type { Route } from './+types/invitations.$token';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.invitation ? `Join ${data.invitation.orgName} · My Todos` : 'Invitation · My Todos' }];
}

const STATUS = { pending: 200, used: 410, expired: 410 } as const;

/** Shows who invited whom to what; reading the page changes nothing. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const [invitation, session] = await Promise.all([
    context.cruz.resolve(InvitationService).preview(params.token),
    context.cruz.resolve(SessionService).current(request),
  ]);
  const viewer = session ? { name: session.user.name, email: session.user.email } : null;
  const here = `/invitations/${encodeURIComponent(params.token)}`;
  return data({ invitation, viewer, here }, { status: invitation ? STATUS[invitation.status] : 404 });
}

/** Accepts the invitation for the signed-in user and opens the organization's todos. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  try {
    const joined = await context.cruz.resolve(InvitationService).accept(params.token, session.user);
    await context.cruz.resolve(OrganizationService).switchActive(session, joined.orgId);
  } catch (error) {
    if (error instanceof InvitationError) return data({ error: error.message }, { status: error.status });
    throw error;
  }
  return redirect('/todos');
}

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const { invitation, viewer, here } = loaderData;
  return (
    <main className="narrow">
      <section className="card invitation">
        <div className="brand-mark large" aria-hidden="true">
          ✓
        </div>
        {invitation === null ? (
          <Notice title="Invitation not found" text="This invitation link is not valid. Check that you copied all of it." />
        ) : invitation.status === 'used' ? (
          <Notice title="Invitation already used" text={`This invitation to ${invitation.orgName} has already been accepted.`} />
        ) : invitation.status === 'expired' ? (
          <Notice title="Invitation expired" text={`This link has expired, or a newer invitation replaced it. Use the latest email from ${invitation.invitedBy}, or ask them for a new invitation to ${invitation.orgName}.`} />
        ) : (
          <>
            <h1>Join {invitation.orgName}</h1>
            <p className="lead">
              <strong>{invitation.invitedBy}</strong> invited <strong>{invitation.email}</strong> to share the todo list of{' '}
              <strong>{invitation.orgName}</strong> on My Todos.
            </p>
            {actionData?.error ? (
              <p className="form-error" role="alert">
                {actionData.error}
              </p>
            ) : null}
            {viewer === null ? (
              <SignInFirst here={here} email={invitation.email} />
            ) : viewer.email === invitation.email ? (
              <Accept orgName={invitation.orgName} />
            ) : (
              <WrongAccount here={here} viewerEmail={viewer.email} invitedEmail={invitation.email} />
            )}
          </>
        )}
      </section>
    </main>
  );
}

function Accept({ orgName }: { orgName: string }) {
  const navigation = useNavigation();
  return (
    <Form method="post">
      <button type="submit" className="wide" disabled={navigation.state === 'submitting'}>
        Join {orgName}
      </button>
    </Form>
  );
}

function SignInFirst({ here, email }: { here: string; email: string }) {
  const query = new URLSearchParams({ next: here, email });
  return (
    <div className="actions column">
      <a className="button wide" href={`/auth/register?${query}`}>
        Create an account to join
      </a>
      <a className="button secondary wide" href={`/auth/login?${query}`}>
        I already have an account
      </a>
    </div>
  );
}

function WrongAccount({ here, viewerEmail, invitedEmail }: { here: string; viewerEmail: string; invitedEmail: string }) {
  return (
    <>
      <p className="form-error" role="alert">
        You are signed in as {viewerEmail}. This invitation is for {invitedEmail}: sign in with that address to accept it.
      </p>
      <form method="post" action="/auth/logout">
        <input type="hidden" name="next" value={here} />
        <input type="hidden" name="email" value={invitedEmail} />
        <button type="submit" className="secondary wide">
          Sign out and switch account
        </button>
      </form>
    </>
  );
}

function Notice({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{text}</p>
      <a className="button secondary wide" href="/todos">
        Go to my todos
      </a>
    </>
  );
}
