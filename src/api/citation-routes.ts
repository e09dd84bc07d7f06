// GET /api/v1/citations/{id}: one citation in full. Ids are derived from what they cite (source,
// document, locator), so a link to one keeps working across reloads of the same document.
import type { FastifyInstance } from 'fastify';
import { citationInfo } from '../analysis/query.ts';
import { NotFoundError } from '../sources/errors.ts';
import type { Store } from '../store/store.ts';

export async function citationRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get(
    '/api/v1/citations/:id',
    {
      config: { cache: true },
      schema: {
        summary: 'One citation: publisher, document, locator (table, page or row), retrieval date, checksum, link and license',
        description: 'Every value in an answer names its citations by id; the answer lists each once, and this resolves one on its own.',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[a-z0-9]+$', description: 'a citation id, e.g. c3k9x2m7q1p' } } },
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const [found] = await opts.store.read((snap) => citationInfo(snap, [id]));
      if (!found) throw new NotFoundError(`no citation "${id}" in the store: it may belong to a document that is no longer loaded`);
      return found;
    },
  );
}
