/** Fired when a member of an organization invites someone by email. */
export class MemberInvitedEvent {
  constructor(
    public readonly invitationId: string,
    public readonly orgId: string,
    public readonly email: string,
    public readonly invitedById: string,
  ) {}
}
