export { StartModule } from './start.module';
export { AuthService } from './auth/auth.service';
export { SessionService, SESSION_COOKIE, type CurrentSession } from './auth/session.service';
export { DuplicateEmailError } from './auth/auth-errors';
export * from './start.schema';
