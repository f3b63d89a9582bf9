/**
 * The user does not belong to the organization. Answered as "not found" (404), so a stranger cannot
 * tell an organization, or anything in it, exists.
 */
export class NotAMemberError extends Error {
  constructor() {
    super('Organization not found.');
    this.name = 'NotAMemberError';
  }
}

/** A member tried something only the organization's owners may do. */
export class NotAnOwnerError extends Error {
  constructor(action: string) {
    super(`Only owners of this organization can ${action}.`);
    this.name = 'NotAnOwnerError';
  }
}

/** An invitation for someone who already belongs to the organization. */
export class AlreadyMemberError extends Error {
  constructor(email: string, orgName: string) {
    super(`${email} is already a member of ${orgName}.`);
    this.name = 'AlreadyMemberError';
  }
}
