// A synthetic agency-level count source for API tests: small counts that disclosure control must withhold.
import type { Store } from '../../src/store/store.ts';

export const AGENCIES = ['VT0010000', 'VT0020000', 'VT0030000', 'NY0010000', 'NY0020000'];

/** Counts 0..24 by agency, year and sex: many below the threshold of 10. */
export async function loadAgencySource(store: Store, sha = 'agency-v1'): Promise<void> {
  await store.loadSource(
    {
      id: 'test.agency', family: 'test', publisher: 'Test publisher', title: 'Agency counts', url: 'http://127.0.0.1/agency.csv',
      license: 'CC0', retrieved: '2026-01-01', sha256: sha, format: 'csv', version: sha, file: 'agency.csv', bytes: 1,
    },
    async (stage) => {
      stage.measure({
        id: 'test.arrests', label: 'Arrests', definition: 'synthetic arrests', unit: 'arrests', valueType: 'count', aggregation: 'sum',
        periodKind: 'data_year', topic: 'prostitution_all_forms', family: 'test', dimensions: ['sex'],
      });
      stage.caveat({ sourceId: 'test.agency', measure: null, place: null, period: null, text: 'Synthetic test data.' });
      let n = 0;
      for (const id of AGENCIES) {
        stage.place({ id, kind: 'agency', name: `Agency ${id}`, parent: id.slice(0, 2) });
        for (const period of [2019, 2020, 2021]) {
          for (const sex of ['F', 'M']) {
            const c = `test.agency:${n}`;
            stage.citation({ id: c, sourceId: 'test.agency', locator: `line ${n + 2}` });
            stage.observation({ measure: 'test.arrests', place: id, period, dims: { sex }, value: (n * 7) % 25, valueText: null, citationId: c, flags: [] });
            n++;
          }
        }
      }
      stage.rowsRead = n;
    },
  );
}
