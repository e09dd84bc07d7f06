// What the store holds, with provenance: one row per loaded source (for `cogency sources`, the API and feeds),
// with the measures it holds values for (a measure can be filled by several sources, e.g. tip.tier by the
// 2001–2015 file and the 2016–2025 transcription).
import type { Store } from './store.ts';

export async function loadedSources(store: Store): Promise<Record<string, unknown>[]> {
  return store.all(`
    SELECT s.*, (SELECT list(DISTINCT o.measure ORDER BY o.measure) FROM observations o WHERE o.source_id = s.id) AS measures,
      (SELECT list(DISTINCT c.text ORDER BY c.text) FROM caveats c WHERE c.source_id = s.id) AS caveats
    FROM sources s ORDER BY s.id`);
}
