import { Module } from '@cruzjs/core/di';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { PasswordHasher } from './auth/password-hasher';
import { SessionService } from './auth/session.service';

/** Registration, login, logout and sessions, with their pages. */
@Module({
  providers: [PasswordHasher, AuthService, SessionService, AuthController],
  routes: [
    { method: 'GET', path: '/auth/register', controller: AuthController, action: 'registerPage' },
    { method: 'POST', path: '/auth/register', controller: AuthController, action: 'register' },
    { method: 'GET', path: '/auth/login', controller: AuthController, action: 'loginPage' },
    { method: 'POST', path: '/auth/login', controller: AuthController, action: 'login' },
    { method: 'POST', path: '/auth/logout', controller: AuthController, action: 'logout' },
  ],
})
export class StartModule {}
