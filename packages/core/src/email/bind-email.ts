import type { Container } from 'inversify';
import type { DevMailbox } from './dev-mailbox';
import type { EmailEnv } from './email-config';
import { EmailService } from './email-service';
import { EMAIL_TEMPLATE, type EmailTemplate } from './email-template';
import { EmailTemplateRegistry } from './email-template-registry';
import { welcomeTemplate } from './templates/welcome.template';

/** The templates every app has; an app's template of the same name replaces one. */
export const BUILT_IN_EMAIL_TEMPLATES: EmailTemplate[] = [welcomeTemplate];

/**
 * Binds EmailService (and the template registry) for every app, so any handler can inject it without
 * importing a module. Bound before the modules' providers: a module may replace either binding.
 */
export function bindEmail(container: Container, env: EmailEnv, devMailbox?: DevMailbox): void {
  // Resolved lazily, after every module has had the chance to register templates under EMAIL_TEMPLATE.
  container
    .bind(EmailTemplateRegistry)
    .toDynamicValue(() => new EmailTemplateRegistry(BUILT_IN_EMAIL_TEMPLATES, container.isBound(EMAIL_TEMPLATE) ? container.getAll<EmailTemplate>(EMAIL_TEMPLATE) : []))
    .inSingletonScope();
  container
    .bind(EmailService)
    .toDynamicValue(() => new EmailService(env, container.get(EmailTemplateRegistry), devMailbox))
    .inSingletonScope();
}
