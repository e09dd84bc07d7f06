// The API documentation as a plain HTML page, rendered on the server from the OpenAPI document:
// no script, no inline style, no third-party request.
export const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Param[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

function schemaText(s: Record<string, unknown> | undefined): string {
  if (!s) return '';
  const parts: string[] = [String(s.type ?? '')];
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map((v) => `<code>${esc(v)}</code>`).join(', ')}`);
  if (s.pattern) parts.push(`pattern <code>${esc(s.pattern)}</code>`);
  if (s.maxLength !== undefined) parts.push(`at most ${esc(s.maxLength)} characters`);
  if (s.default !== undefined) parts.push(`default <code>${esc(s.default)}</code>`);
  return parts.filter(Boolean).join('; ');
}

export function docsHtml(doc: OpenApiDoc): string {
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const id = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
      toc.push(`<li><a href="#${esc(id)}"><code>${esc(method.toUpperCase())} ${esc(path)}</code></a> ${esc(op.summary)}</li>`);
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${schemaText(p.schema)}</td><td>${esc(p.description)}</td></tr>`,
        )
        .join('');
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description)} ${Object.keys(r.content ?? {}).map((t) => `<code>${esc(t)}</code>`).join(' ')}</li>`)
        .join('');
      ops.push(
        `<section id="${esc(id)}"><h2><code>${esc(method.toUpperCase())} ${esc(path)}</code></h2>` +
          (op.summary ? `<p class="summary">${esc(op.summary)}</p>` : '') +
          (op.description ? `<p>${esc(op.description)}</p>` : '') +
          (params
            ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>values</th><th>meaning</th></tr></thead><tbody>${params}</tbody></table>`
            : '<p>No parameters.</p>') +
          (responses ? `<h3>Responses</h3><ul>${responses}</ul>` : '') +
          '</section>',
      );
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} — documentation</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/v1/docs.css">
</head>
<body>
<header><a href="/">Cogency</a></header>
<main>
<h1>${esc(doc.info.title)} <small>version ${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>. Open data: <a href="/api/v1/export">Data Package</a>
(CSV and Parquet), <a href="/feeds/sources.atom">sources feed</a>, <a href="/feeds/bills.atom">bills feed</a>.</p>
<p>Errors are <code>application/problem+json</code> (RFC 9457) with the parameter at fault in <code>detail</code>.
Every GET answers with an <code>ETag</code> and <code>Cache-Control</code>; send <code>If-None-Match</code> to get a 304.
Responses are compressed (gzip, brotli) when asked. Each client may make a limited number of requests a minute;
past it the answer is 429 with <code>Retry-After</code>.</p>
<nav><h2>Routes</h2><ul>${toc.join('')}</ul></nav>
${ops.join('\n')}
</main>
</body>
</html>
`;
}

export const DOCS_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header{padding:.75rem 1.5rem;border-bottom:1px solid #ddd}header a{font-weight:700;text-decoration:none;color:#1b1b1b}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1 small{font-size:.5em;color:#555;font-weight:400}
section{border-top:1px solid #ddd;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{font-family:ui-monospace,monospace;font-size:.9em;background:#f4f4f4;padding:0 .2em}
a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}header a{color:#eee}code{background:#222}th,td,section,header{border-color:#444}a{color:#8ab4f8}h1 small{color:#aaa}}
`;
