// GET /api/v1/national: the home page's whole first screen in one request — every configured
// panel of the national record, filled where its measures are loaded, marked where they are not.
import type { FastifyInstance } from 'fastify';
import { nationalRecord } from '../analysis/national.ts';
import type { Store } from '../store/store.ts';

export async function nationalRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get(
    '/api/v1/national',
    {
      config: { cache: true },
      schema: {
        summary: 'The national record: U.S. arrests, offenses, federal prosecutions, hotline, TIP tier counts and ILO global estimates, each panel with citations, coverage and caveats',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async () => nationalRecord(opts.store),
  );
}
