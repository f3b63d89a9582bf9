export class TodoCompletedEvent {
  constructor(
    public readonly todoId: string,
    public readonly orgId: string,
    public readonly completedById: string,
  ) {}
}
