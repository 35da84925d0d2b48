import type { Hono } from 'hono';

/** Every API route the app registers, as `METHOD /path` (middleware entries left out). */
export function apiRoutes(app: Pick<Hono, 'routes'>): string[] {
  const routes = app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(routes)].sort();
}

/** A concrete URL for a route pattern: the parameters filled with plausible values. */
export function concretePath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `unknown-${name}`);
}
