import type { ServiceIdentifier } from 'inversify';
import type { HttpRoute } from '../http/http-route';

export type Constructor<T = unknown> = new (...args: any[]) => T;

/** A provider: a class bound to itself, or a token bound to a class, a value or a factory. */
export type Provider =
  | Constructor
  | { provide: ServiceIdentifier; useClass: Constructor; multi?: boolean }
  | { provide: ServiceIdentifier; useValue: unknown; multi?: boolean }
  | { provide: ServiceIdentifier; useFactory: (resolve: <T>(id: ServiceIdentifier<T>) => T) => unknown; multi?: boolean };

/** "Call `method` of `useClass` whenever an event of class `event` is emitted." */
export type EventListenerRegistration<E = any> = {
  event: Constructor<E>;
  useClass: Constructor;
  method: string;
};

export type ModuleOptions = {
  imports?: Constructor[];
  providers?: Provider[];
  events?: EventListenerRegistration[];
  /** Job handlers, registered as `{ provide: JOB_HANDLER, useClass, multi: true }`. */
  jobHandlers?: Provider[];
  /** HTTP endpoints served by the framework before the app's pages. */
  routes?: HttpRoute[];
};

const moduleOptions = new WeakMap<Constructor, ModuleOptions>();

/** Marks a class as a CruzJS module: it lists what it provides and what it listens to. */
export function Module(options: ModuleOptions) {
  return <T extends Constructor>(target: T): T => {
    moduleOptions.set(target, options);
    return target;
  };
}

export function getModuleOptions(moduleClass: Constructor): ModuleOptions {
  const options = moduleOptions.get(moduleClass);
  if (!options) {
    throw new Error(`${moduleClass.name || 'An anonymous class'} is listed as a module but has no @Module({...}) decorator.`);
  }
  return options;
}
