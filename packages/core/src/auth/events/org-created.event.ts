/** Fired when an organization is created, the personal one made at registration included. */
export class OrgCreatedEvent {
  constructor(
    public readonly orgId: string,
    public readonly name: string,
    public readonly createdById: string,
    public readonly personal: boolean,
  ) {}
}
