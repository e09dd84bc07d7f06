// What the store holds, with provenance: one row per loaded source (for `cogency sources`, the API and feeds).
import type { Store } from './store.ts';

export async function loadedSources(store: Store): Promise<Record<string, unknown>[]> {
  return store.all(`
    SELECT s.*, (SELECT list(m.id ORDER BY m.id) FROM measures m WHERE m.source_id = s.id) AS measures,
      (SELECT list(DISTINCT c.text ORDER BY c.text) FROM caveats c WHERE c.source_id = s.id) AS caveats
    FROM sources s ORDER BY s.id`);
}
