import { getModuleOptions, type Constructor, type EventListenerRegistration, type Provider } from './module.decorator';
import type { HttpRoute } from '../http/http-route';

/** Everything a set of modules (and the modules they import) contributes, each module counted once. */
export type ModuleGraph = {
  providers: Provider[];
  jobHandlers: Provider[];
  events: EventListenerRegistration[];
  routes: HttpRoute[];
};

export function collectModules(roots: Constructor[]): ModuleGraph {
  const graph: ModuleGraph = { providers: [], jobHandlers: [], events: [], routes: [] };
  const seen = new Set<Constructor>();
  const visit = (moduleClass: Constructor) => {
    if (seen.has(moduleClass)) return;
    seen.add(moduleClass);
    const options = getModuleOptions(moduleClass);
    for (const imported of options.imports ?? []) visit(imported);
    graph.providers.push(...(options.providers ?? []));
    graph.jobHandlers.push(...(options.jobHandlers ?? []));
    graph.events.push(...(options.events ?? []));
    graph.routes.push(...(options.routes ?? []));
  };
  roots.forEach(visit);
  return graph;
}
