export type { HttpRoute, HttpMethod, RequestContext, RouteAction } from './http-route';
export { isForeignOriginRequest } from './origin-guard';
export { json, jsonError, redirect, html } from './responses';
export { readRequestBody, type ParsedBody } from './request-body';
export { readJsonObject } from './json-object-body';
