import type { EventListenerRegistration } from '../di/module.decorator';

/** Listeners by event class: found by the class itself, never by its name. */
export class EventListenerRegistry {
  private readonly byEvent = new Map<Function, EventListenerRegistration[]>();

  constructor(registrations: EventListenerRegistration[]) {
    for (const registration of registrations) {
      const method = (registration.useClass.prototype as Record<string, unknown>)[registration.method];
      if (typeof method !== 'function') {
        throw new Error(
          `Event listener ${registration.useClass.name}.${registration.method} for ${registration.event.name} does not exist: ` +
            `${registration.useClass.name} has no method named "${registration.method}".`,
        );
      }
      const list = this.byEvent.get(registration.event) ?? [];
      list.push(registration);
      this.byEvent.set(registration.event, list);
    }
  }

  listenersFor(event: object): EventListenerRegistration[] {
    return this.byEvent.get(event.constructor) ?? [];
  }
}
