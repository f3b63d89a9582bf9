/** Fired once a new user's account exists (their row and personal organization are written). */
export class UserRegisteredEvent {
  constructor(
    public readonly userId: string,
    public readonly email: string,
    public readonly name: string | null,
  ) {}
}
