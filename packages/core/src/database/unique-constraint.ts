/** True when D1 refused a write because a UNIQUE constraint (optionally on `column`) was violated. */
export function isUniqueConstraintError(error: unknown, column?: string): boolean {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages.some((m) => m.includes('UNIQUE constraint failed') && (!column || m.includes(column)));
}
