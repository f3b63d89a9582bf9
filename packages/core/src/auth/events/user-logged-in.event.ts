/** Fired after a successful login (never for a failed one). */
export class UserLoggedInEvent {
  constructor(
    public readonly userId: string,
    public readonly email: string,
  ) {}
}
