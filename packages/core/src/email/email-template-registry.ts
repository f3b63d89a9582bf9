import { InvalidEmailError } from './email-errors';
import type { EmailTemplate, EmailTemplateData } from './email-template';
import { SafeHtml } from './safe-html';

export type RenderedTemplate = { subject?: string; html: string; text: string };

/** The templates by name: the built-in ones, then the modules' (which may replace a built-in one). */
export class EmailTemplateRegistry {
  private readonly byName = new Map<string, EmailTemplate>();

  constructor(builtIn: EmailTemplate[], fromModules: EmailTemplate[] = []) {
    for (const template of builtIn) this.byName.set(template.name, template);
    const registered = new Set<string>();
    for (const template of fromModules) {
      if (!template || typeof template.name !== 'string' || !template.name || typeof template.html !== 'function' || typeof template.text !== 'function') {
        throw new Error('An email template registered under EMAIL_TEMPLATE needs a name and html() and text() functions.');
      }
      if (registered.has(template.name)) throw new Error(`Two email templates are registered under the name "${template.name}"; each name must be used once.`);
      registered.add(template.name);
      this.byName.set(template.name, template);
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  render(name: string, data: EmailTemplateData): RenderedTemplate {
    const template = this.byName.get(name);
    if (!template) {
      throw new InvalidEmailError(`There is no email template named "${name}". Templates: ${this.names().join(', ') || '(none)'}.`);
    }
    let subject: string | undefined;
    let html: unknown;
    let text: unknown;
    try {
      subject = template.subject?.(data);
      html = template.html(data);
      text = template.text(data);
    } catch (error) {
      // A template that throws on this data will throw again on a retry.
      throw new InvalidEmailError(`Email template "${name}" failed to render: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!(html instanceof SafeHtml)) {
      throw new InvalidEmailError(`Email template "${name}" must build its HTML with the html\`...\` tag (which escapes data), not return a ${typeof html}.`);
    }
    if (typeof text !== 'string') throw new InvalidEmailError(`Email template "${name}" must return a string from text().`);
    if (subject !== undefined && typeof subject !== 'string') throw new InvalidEmailError(`Email template "${name}" must return a string from subject().`);
    return { subject, html: html.value, text };
  }
}
