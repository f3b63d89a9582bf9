import { Inject, Injectable } from '@cruzjs/core/di';
import { json, jsonError, readJsonObject, type RequestContext } from '@cruzjs/core/http';
import { SessionService, type CurrentSession } from '../auth/session.service';
import { OrganizationService } from './organization.service';
import { InvitationService } from './invitation.service';
import { InvitationError } from './invitation-error';
import { AlreadyMemberError, NotAMemberError, NotAnOwnerError } from './org-errors';
import { parseOrgName } from './org-name-input';
import { parseInviteeEmail } from './invitation-input';

/**
 * The organizations JSON API, acting for the signed-in user: 401 without a session, 404 for an
 * organization they do not belong to, 403 for what only owners may do, 400 naming the bad field.
 */
@Injectable()
export class OrgsController {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(OrganizationService) private readonly orgs: OrganizationService,
    @Inject(InvitationService) private readonly invitations: InvitationService,
  ) {}

  /** GET /api/orgs */
  async list(request: Request): Promise<Response> {
    return this.withSession(request, async (session) => {
      const { orgs, active } = await this.orgs.activeFor(session);
      return json({ orgs, activeOrgId: active?.id ?? null });
    });
  }

  /** POST /api/orgs { name } */
  async create(request: Request): Promise<Response> {
    return this.withSession(request, async (session) => {
      const body = await readJsonObject(request, ['name']);
      if (body instanceof Response) return body;
      const parsed = parseOrgName(body.name);
      if (!parsed.ok) return jsonError(400, 'name', parsed.message);
      const org = await this.orgs.create(parsed.name, session.user.id);
      return json({ org: { id: org.id, name: org.name, personal: org.personal, role: 'owner' } }, { status: 201 });
    });
  }

  /** POST /api/orgs/:orgId/switch: makes it the session's active organization. */
  async switch(request: Request, { params }: RequestContext): Promise<Response> {
    return this.withSession(request, async (session) => {
      await this.orgs.switchActive(session, params.orgId);
      return json({ activeOrgId: params.orgId });
    });
  }

  /** POST /api/orgs/:orgId/invitations { email } */
  async invite(request: Request, { params, url }: RequestContext): Promise<Response> {
    return this.withSession(request, async (session) => {
      const body = await readJsonObject(request, ['email']);
      if (body instanceof Response) return body;
      const parsed = parseInviteeEmail(body.email);
      if (!parsed.ok) return jsonError(400, 'email', parsed.message);
      const invitation = await this.invitations.invite(params.orgId, session.user.id, parsed.email, url.origin);
      return json({ invitation }, { status: 201 });
    });
  }

  /** POST /api/invitations/:token/accept: joins the organization and makes it the active one. */
  async accept(request: Request, { params }: RequestContext): Promise<Response> {
    return this.withSession(request, async (session) => {
      const joined = await this.invitations.accept(params.token, session.user);
      await this.orgs.switchActive(session, joined.orgId);
      return json({ orgId: joined.orgId, orgName: joined.orgName });
    });
  }

  private async withSession(request: Request, act: (session: CurrentSession) => Promise<Response>): Promise<Response> {
    const session = await this.sessions.current(request);
    if (!session) return jsonError(401, null, 'Sign in first.');
    try {
      return await act(session);
    } catch (error) {
      if (error instanceof NotAMemberError) return jsonError(404, null, error.message);
      if (error instanceof NotAnOwnerError) return jsonError(403, null, error.message);
      if (error instanceof AlreadyMemberError) return jsonError(409, 'email', error.message);
      if (error instanceof InvitationError) return jsonError(error.status, 'token', error.message);
      throw error;
    }
  }
}
