import { Form, useNavigation } from 'react-router';
import { relativeTime } from './relative-time';

export type MemberView = { userId: string; name: string | null; email: string; role: 'owner' | 'member' };
export type InvitationView = { id: string; email: string; createdAt: Date };
export type InviteResult = { invited?: string; error?: string };

/** Who is in the organization; owners also see pending invitations and can invite by email. */
export function MembersPanel(props: {
  members: MemberView[];
  invitations: InvitationView[];
  canInvite: boolean;
  result: InviteResult | undefined;
  now: number;
}) {
  const navigation = useNavigation();
  const inviting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'invite';
  return (
    <section className="panel" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <ul className="members">
        {props.members.map((member) => (
          <li key={member.userId}>
            <span className="avatar" aria-hidden="true">
              {(member.name ?? member.email).slice(0, 1).toUpperCase()}
            </span>
            <span className="member-name" title={member.email}>
              {member.name ?? member.email}
            </span>
            <span className={`badge ${member.role}`}>{member.role}</span>
          </li>
        ))}
        {props.invitations.map((invitation) => (
          <li key={invitation.id} className="pending">
            <span className="avatar" aria-hidden="true">
              ✉
            </span>
            <span className="member-name">{invitation.email}</span>
            <span className="badge invited" title={`Invited ${relativeTime(invitation.createdAt, props.now)}`}>
              invited
            </span>
          </li>
        ))}
      </ul>
      {props.canInvite ? (
        <Form method="post" className="invite" key={props.result?.invited}>
          <label htmlFor="invite-email">Invite someone</label>
          <div className="inline-field">
            <input
              id="invite-email"
              name="email"
              type="email"
              placeholder="name@example.com"
              autoComplete="off"
              required
              aria-invalid={props.result?.error ? true : undefined}
              aria-describedby={props.result?.error ? 'invite-error' : undefined}
            />
            <button type="submit" name="intent" value="invite" disabled={inviting}>
              {inviting ? 'Sending…' : 'Invite'}
            </button>
          </div>
          {props.result?.error ? (
            <p className="field-error" id="invite-error" role="alert">
              {props.result.error}
            </p>
          ) : null}
          {props.result?.invited ? (
            <p className="notice" role="status">
              Invitation sent to {props.result.invited}.
            </p>
          ) : null}
        </Form>
      ) : (
        <p className="muted small">Only owners can invite people.</p>
      )}
    </section>
  );
}
