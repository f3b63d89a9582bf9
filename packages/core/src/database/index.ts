export { DRIZZLE, D1, type DrizzleDatabase } from './drizzle';
export { isUniqueConstraintError } from './unique-constraint';
