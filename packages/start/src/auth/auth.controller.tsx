import { Inject, Injectable } from '@cruzjs/core/di';
import { json, jsonError, readRequestBody, redirect, type RequestContext } from '@cruzjs/core/http';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';
import { DuplicateEmailError } from './auth-errors';
import { firstError, parseRegistration } from './registration-input';
import { safeNextPath } from './safe-next-path';
import { renderPage } from '../routes/page-shell';
import { RegisterPage } from '../routes/register-page';
import { LoginPage } from '../routes/login-page';

/** Where a signed-in user lands, unless the page they came from asked to return (`next`). */
export const AFTER_SIGN_IN = '/todos';

/**
 * /auth/register, /auth/login, /auth/logout. Browsers post forms and get pages or redirects back;
 * scripts post JSON and get JSON (201 / 400 / 401 / 409) with the field concerned.
 */
@Injectable()
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  async registerPage(request: Request, { url }: RequestContext): Promise<Response> {
    const next = safeNextPath(url.searchParams.get('next'));
    if (await this.sessions.current(request)) return redirect(next ?? AFTER_SIGN_IN);
    const email = url.searchParams.get('email') ?? undefined;
    return renderPage('Create your account', <RegisterPage values={{ email }} next={next} />);
  }

  async register(request: Request): Promise<Response> {
    const body = await readRequestBody(request);
    if (body.kind === 'invalid') return jsonError(body.status, 'body', body.message);
    const asJson = body.kind === 'json';
    // What the form shows again after an error: only text fields, as typed.
    const values = { email: textField(body.fields.email), name: textField(body.fields.name) };
    const next = safeNextPath(body.fields.next);

    const parsed = parseRegistration(body.fields);
    if (!parsed.ok) {
      if (asJson) {
        const { field, message } = firstError(parsed.errors);
        return json({ error: { field, message }, errors: parsed.errors }, { status: 400 });
      }
      return renderPage('Create your account', <RegisterPage values={values} errors={parsed.errors} next={next} />, 400);
    }

    let registered;
    try {
      registered = await this.auth.register(parsed.value);
    } catch (error) {
      if (!(error instanceof DuplicateEmailError)) throw error;
      if (asJson) return jsonError(409, 'email', error.message);
      return renderPage('Create your account', <RegisterPage values={values} errors={{ email: error.message }} next={next} />, 409);
    }

    const cookie = await this.sessions.start(registered.user.id, registered.personalOrgId, request);
    if (asJson) {
      const { id, email, name } = registered.user;
      return json({ id, email, name }, { status: 201, headers: { 'Set-Cookie': cookie } });
    }
    return redirect(next ?? AFTER_SIGN_IN, { 'Set-Cookie': cookie });
  }

  async loginPage(request: Request, { url }: RequestContext): Promise<Response> {
    const next = safeNextPath(url.searchParams.get('next'));
    if (await this.sessions.current(request)) return redirect(next ?? AFTER_SIGN_IN);
    return renderPage('Sign in', <LoginPage email={url.searchParams.get('email') ?? undefined} next={next} />);
  }

  async login(request: Request): Promise<Response> {
    const body = await readRequestBody(request);
    if (body.kind === 'invalid') return jsonError(body.status, 'body', body.message);
    const email = typeof body.fields.email === 'string' ? body.fields.email : '';
    const password = typeof body.fields.password === 'string' ? body.fields.password : '';
    const next = safeNextPath(body.fields.next);
    const user = email && password ? await this.auth.login(email, password) : null;
    if (!user) {
      const message = 'Email or password is incorrect.';
      if (body.kind === 'json') return jsonError(401, 'password', message);
      return renderPage('Sign in', <LoginPage email={email} error={message} next={next} />, 401);
    }
    const cookie = await this.sessions.start(user.id, await this.auth.personalOrgId(user.id), request);
    if (body.kind === 'json') return json({ id: user.id, email: user.email, name: user.name }, { headers: { 'Set-Cookie': cookie } });
    return redirect(next ?? AFTER_SIGN_IN, { 'Set-Cookie': cookie });
  }

  /** Signs out; a `next` (and `email`) carry over to the sign-in page, e.g. to accept an invitation as someone else. */
  async logout(request: Request): Promise<Response> {
    const body = await readRequestBody(request);
    const fields = body.kind === 'invalid' ? {} : body.fields;
    const next = safeNextPath(fields.next);
    const email = typeof fields.email === 'string' ? fields.email : null;
    const query = new URLSearchParams({ ...(next ? { next } : {}), ...(next && email ? { email } : {}) }).toString();
    return redirect(query ? `/auth/login?${query}` : '/auth/login', { 'Set-Cookie': await this.sessions.end(request) });
  }
}

function textField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
