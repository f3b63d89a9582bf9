export type InvitationProblem = 'not-found' | 'used' | 'expired' | 'wrong-email';

const MESSAGES: Record<InvitationProblem, string> = {
  'not-found': 'This invitation link is not valid. Check that you copied all of it.',
  used: 'This invitation has already been used.',
  expired: 'This invitation has expired, or a newer one replaced it. Use the latest invitation email, or ask for a new one.',
  'wrong-email': 'This invitation was sent to another email address. Sign in with that address to accept it.',
};

/** Why an invitation cannot be accepted; `status` is the HTTP answer for it. */
export class InvitationError extends Error {
  readonly status: 403 | 404 | 410;

  constructor(readonly problem: InvitationProblem) {
    super(MESSAGES[problem]);
    this.name = 'InvitationError';
    this.status = problem === 'not-found' ? 404 : problem === 'wrong-email' ? 403 : 410;
  }
}
