import { Container, type ServiceIdentifier } from 'inversify';
import type { Constructor, Provider } from './module.decorator';

/** Binds providers into an inversify container; every binding is a singleton for the isolate's life. */
export function bindProviders(container: Container, providers: Provider[]): void {
  for (const provider of providers) {
    if (typeof provider === 'function') {
      if (!container.isBound(provider)) container.bind(provider).toSelf().inSingletonScope();
      continue;
    }
    const id = provider.provide as ServiceIdentifier;
    if (!('multi' in provider && provider.multi) && container.isBound(id)) container.unbind(id);
    if ('useClass' in provider) {
      bindClass(container, id, provider.useClass);
    } else if ('useValue' in provider) {
      container.bind(id).toConstantValue(provider.useValue);
    } else {
      container
        .bind(id)
        .toDynamicValue((context) => provider.useFactory((token) => context.get(token)))
        .inSingletonScope();
    }
  }
}

function bindClass(container: Container, id: ServiceIdentifier, useClass: Constructor): void {
  if (id === useClass) {
    container.bind(id).toSelf().inSingletonScope();
    return;
  }
  // A class bound under a token (e.g. JOB_HANDLER) is the same instance as the class itself.
  if (!container.isBound(useClass)) container.bind(useClass).toSelf().inSingletonScope();
  container.bind(id).toService(useClass);
}
