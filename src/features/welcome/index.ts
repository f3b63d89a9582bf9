export { WelcomeModule } from './welcome.module';
