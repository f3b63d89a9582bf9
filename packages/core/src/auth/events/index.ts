export { UserRegisteredEvent } from './user-registered.event';
export { UserLoggedInEvent } from './user-logged-in.event';
export { OrgCreatedEvent } from './org-created.event';
export { MemberInvitedEvent } from './member-invited.event';
