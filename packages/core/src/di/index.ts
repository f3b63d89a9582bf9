export { Module, type ModuleOptions, type Provider, type Constructor, type EventListenerRegistration } from './module.decorator';
export { Injectable, Inject, MultiInject } from './injectable';
export { collectModules, type ModuleGraph } from './module-graph';
