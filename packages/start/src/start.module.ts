import { Module } from '@cruzjs/core/di';
import { JOB_HANDLER } from '@cruzjs/core/jobs';
import { EMAIL_TEMPLATE } from '@cruzjs/core/email';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { PasswordHasher } from './auth/password-hasher';
import { SessionService } from './auth/session.service';
import { MembershipService } from './orgs/membership.service';
import { OrganizationService } from './orgs/organization.service';
import { InvitationService } from './orgs/invitation.service';
import { InvitationEmailHandler } from './orgs/invitation-email.handler';
import { invitationEmailTemplate } from './orgs/invitation-email.template';
import { OrgsController } from './orgs/orgs.controller';

/** Registration, login, sessions, organizations and invitations, with their pages and JSON API. */
@Module({
  providers: [
    PasswordHasher,
    AuthService,
    SessionService,
    AuthController,
    MembershipService,
    OrganizationService,
    InvitationService,
    InvitationEmailHandler,
    OrgsController,
    { provide: EMAIL_TEMPLATE, useValue: invitationEmailTemplate, multi: true },
  ],
  jobHandlers: [{ provide: JOB_HANDLER, useClass: InvitationEmailHandler, multi: true }],
  routes: [
    { method: 'GET', path: '/auth/register', controller: AuthController, action: 'registerPage' },
    { method: 'POST', path: '/auth/register', controller: AuthController, action: 'register' },
    { method: 'GET', path: '/auth/login', controller: AuthController, action: 'loginPage' },
    { method: 'POST', path: '/auth/login', controller: AuthController, action: 'login' },
    { method: 'POST', path: '/auth/logout', controller: AuthController, action: 'logout' },
    { method: 'GET', path: '/api/orgs', controller: OrgsController, action: 'list' },
    { method: 'POST', path: '/api/orgs', controller: OrgsController, action: 'create' },
    { method: 'POST', path: '/api/orgs/:orgId/switch', controller: OrgsController, action: 'switch' },
    { method: 'POST', path: '/api/orgs/:orgId/invitations', controller: OrgsController, action: 'invite' },
    { method: 'POST', path: '/api/invitations/:token/accept', controller: OrgsController, action: 'accept' },
  ],
})
export class StartModule {}
