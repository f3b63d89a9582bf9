import type { SafeHtml } from './safe-html';

/** What a template reads; `send({ data })` passes it through unchanged. */
export type EmailTemplateData = Record<string, unknown>;

/**
 * A named email: its default subject, its HTML and its plain text, all from the same data. Register
 * your own in a module: `providers: [{ provide: EMAIL_TEMPLATE, useValue: myTemplate, multi: true }]`.
 */
export type EmailTemplate<TData extends EmailTemplateData = any> = {
  /** What `send({ template })` names. An app's template replaces a built-in one of the same name. */
  name: string;
  /** The subject when `send` is given none. */
  subject?: (data: TData) => string;
  /** Built with the `html` tag, which escapes every interpolated value, so data can never become markup. */
  html: (data: TData) => SafeHtml;
  text: (data: TData) => string;
};

/** Multi-injection token under which modules register email templates. */
export const EMAIL_TEMPLATE = Symbol.for('cruzjs.EmailTemplate');
