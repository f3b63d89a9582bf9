/** A readable one-line reason for anything a handler threw (Errors, strings, objects, undefined). */
export function errorMessage(thrown: unknown): string {
  if (thrown instanceof Error) {
    const name = thrown.name && thrown.name !== 'Error' ? `${thrown.name}: ` : '';
    return `${name}${thrown.message || '(no message)'}`;
  }
  if (typeof thrown === 'string') return thrown || '(empty string thrown)';
  if (thrown === undefined) return 'undefined was thrown (no error value)';
  try {
    return `Non-Error value thrown: ${JSON.stringify(thrown)}`;
  } catch {
    return `Non-Error value thrown: ${String(thrown)}`;
  }
}
