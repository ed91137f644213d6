export { buildApp, API_PREFIX } from './app';
export type { ServerDeps, ActorResolver } from './context';
export { toProblem } from './problem';
