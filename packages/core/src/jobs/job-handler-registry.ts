import { RetryPolicy } from './retry-policy';
import type { JobHandler } from './job-handler';

/** The handlers by job type. Two handlers claiming one type is an error at start-up, naming both. */
export class JobHandlerRegistry {
  private readonly byType = new Map<string, JobHandler>();

  constructor(handlers: JobHandler[] = []) {
    this.registerAll(handlers);
  }

  registerAll(handlers: JobHandler[]): void {
    for (const handler of handlers) {
      const type = handler.metadata?.type;
      if (typeof type !== 'string' || type.length === 0) {
        throw new Error(`Job handler ${handler.constructor.name} has no metadata.type.`);
      }
      // A bad retry policy is an error at start-up, not at the first createJob or the first failure.
      try {
        new RetryPolicy(handler.metadata);
      } catch (error) {
        throw new Error(`Job handler ${handler.constructor.name} ("${type}"): ${(error as Error).message}`);
      }
      const existing = this.byType.get(type);
      if (existing) {
        throw new Error(
          `Two job handlers claim the job type "${type}": ${existing.constructor.name} and ${handler.constructor.name}. ` +
            'Each job type must have exactly one handler.',
        );
      }
      this.byType.set(type, handler);
    }
  }

  get(type: string): JobHandler | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}
