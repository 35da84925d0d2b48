import { ROUTE_ACCESS } from '../auth/route-access';
import { routeKeyOf } from './operation-object';
import { operationsOf } from './documented';

/** Who may call a route, as the reference shows it. */
function callersOf(routeKey: string): string {
  const access = ROUTE_ACCESS[routeKey];
  return access === 'public' ? 'anyone' : (access?.callers.join(', ') ?? '');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

/** A readable, self-contained reference page of the API (no CDN: the warehouse may be offline). */
export function referencePage(app: Parameters<typeof operationsOf>[0]): string {
  const rows = operationsOf(app)
    .map(
      (op) =>
        `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>${escapeHtml(op.path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${callersOf(routeKeyOf(op))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hub API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
code{background:#f4f4f4;padding:0 .2rem}</style></head><body>
<h1>Orders and inventory hub — API reference</h1>
<p>The machine-readable OpenAPI 3.1 document, with every request and response schema, is at
<a href="/api/openapi.json"><code>/api/openapi.json</code></a>. Send <code>Authorization: Bearer &lt;token&gt;</code>
(a login token, or an integration key <code>wk_…</code> issued by an admin). Money is integer cents; times are ISO 8601 UTC.</p>
<p>Webhooks follow the Standard Webhooks specification: headers <code>webhook-id</code>, <code>webhook-timestamp</code>,
<code>webhook-signature: v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;</code>, keyed with the base64 part of the
subscription's <code>whsec_…</code> secret. Failed deliveries are retried with exponential backoff for 24 hours.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Callers</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
