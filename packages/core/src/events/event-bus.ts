import type { BackgroundTasks } from '../app/background-tasks';
import type { EventListenerRegistry } from './event-listener-registry';
import type { Constructor } from '../di/module.decorator';

/**
 * Domain events, fire-and-forget: `emit` returns as soon as every listener is scheduled. Listeners run
 * in the background (`waitUntil`); one that throws is logged and never fails the code that emitted.
 */
export class EventBus {
  constructor(
    private readonly listeners: EventListenerRegistry,
    private readonly resolve: <T>(id: Constructor<T>) => T,
    private readonly background: BackgroundTasks,
  ) {}

  async emit(event: object): Promise<void> {
    const eventName = event.constructor.name;
    for (const { useClass, method } of this.listeners.listenersFor(event)) {
      const listenerName = `${useClass.name}.${method}`;
      this.background.schedule(
        async () => {
          const listener = this.resolve(useClass) as Record<string, (e: object) => unknown>;
          await listener[method](event);
        },
        (error) => console.error(`[events] listener ${listenerName} failed for ${eventName}:`, error),
      );
    }
  }
}
