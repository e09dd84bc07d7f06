// Full-text search latency over the law corpus: builds the in-process index from the real texts, then times a mix of
// queries (single words, several words, prefixes, phrases, no-hit queries) through SearchIndex.query, which also
// cuts the highlighted excerpts. Index build time is reported separately.
// Then the same queries through GET /api/v1/bills?q= on a Fastify app (in-process inject: SQL filters, search,
// findings of the page, JSON), after loading the corpus into an in-memory store.
// Usage: node --import tsx bench/law-search.ts [DATA_DIR]   (default ../shared/data or $COGENCY_DATA)
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readLawCorpus } from '../src/law/import.ts';
import { analysisText } from '../src/law/model.ts';
import { SearchIndex } from '../src/law/search.ts';
import Fastify from 'fastify';
import { Store } from '../src/store/store.ts';
import { ingestLaw } from '../src/law/store.ts';
import { lawRoutes } from '../src/law/routes.ts';

const data = resolve(process.argv[2] ?? process.env.COGENCY_DATA ?? '../shared/data');
const law = join(data, 'law');
if (!existsSync(join(law, 'manifest.json'))) {
  console.error(`law corpus not found at ${law}`);
  process.exit(1);
}
const docs: { id: string; title: string; text: string }[] = [];
for await (const d of readLawCorpus(law)) docs.push({ id: d.id, title: d.title, text: analysisText(d) });
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
const t0 = performance.now();
const index = new SearchIndex(docs);
const build = performance.now() - t0;

const QUERIES = [
  'prostitution', 'trafficking', 'vacate', 'vacat*', 'affirmative defense', '"affirmative defense"', 'massage',
  'condom evidence', 'loitering', 'patronizing prostitution', 'restitution victim', 'forced labor', 'hotline poster',
  'expunge', 'john school', 'interactive computer service', '"house of prostitution"', 'nuisance abatement',
  'minor', 'prosti', 'sex work decriminal*', 'T visa', 'safe harbor', 'diversion program', 'zzzznotaword',
  'the', 'shall', 'person', 'section', 'penalty fine imprisonment',
];
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const times: number[] = [];
let hits = 0;
for (let r = 0; r < ROUNDS + 2; r++) {
  for (const q of QUERIES) {
    const t = performance.now();
    const res = index.query(q, { limit: 20 });
    const dt = performance.now() - t;
    if (r >= 2) times.push(dt); // first two rounds warm the JIT
    if (r === 0) hits += res.total;
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(`documents: ${docs.length}, text: ${(bytes / 1e6).toFixed(2)} MB; index build ${build.toFixed(0)} ms`);
console.log(`${QUERIES.length} queries × ${ROUNDS} rounds (limit 20, with highlighted excerpts), ${hits} total matches per round`);
console.log(`latency p50 ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`);

// ---- through the API
const store = await Store.open(':memory:');
await ingestLaw(store, law);
const app = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: true } } });
await app.register(lawRoutes, { store });
await app.ready();
const apiTimes: number[] = [];
for (let r = 0; r < Math.max(3, Math.floor(ROUNDS / 4)) + 1; r++) {
  for (const q of QUERIES) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/v1/bills?q=${encodeURIComponent(q)}&limit=20` });
    const dt = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${q}: HTTP ${res.statusCode} ${res.body}`);
    if (r >= 1) apiTimes.push(dt);
  }
}
apiTimes.sort((a, b) => a - b);
const apct = (p: number) => apiTimes[Math.min(apiTimes.length - 1, Math.floor((p / 100) * apiTimes.length))]!;
console.log(`API GET /api/v1/bills?q= (inject, ${apiTimes.length} requests): p50 ${apct(50).toFixed(2)} ms, p95 ${apct(95).toFixed(2)} ms, max ${apiTimes[apiTimes.length - 1]!.toFixed(2)} ms`);
await app.close();
store.close();
