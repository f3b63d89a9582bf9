import { singleLineTextProblem } from '@cruzjs/core/text';

export const ORG_NAME_MAX = 100;

/** An organization's name: text, 1 to 100 characters once trimmed. */
export function parseOrgName(value: unknown): { ok: true; name: string } | { ok: false; message: string } {
  if (typeof value !== 'string') return { ok: false, message: value === undefined ? 'Give the organization a name.' : 'Name must be text.' };
  const name = value.trim();
  if (name === '') return { ok: false, message: 'Give the organization a name.' };
  const problem = singleLineTextProblem(name);
  if (problem) return { ok: false, message: `Name ${problem}.` };
  if ([...name].length > ORG_NAME_MAX) return { ok: false, message: `Name must be at most ${ORG_NAME_MAX} characters.` };
  return { ok: true, name };
}
