// Claims API (Fastify plugin): check a pasted claim against the record. The text is neither stored nor
// logged; bad input (empty, too long, another language) gets a 400 that says what to do instead.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';
import { checkClaim, placeNames } from './check.ts';
import { ClaimInputError, parseClaim, type ClaimParse } from '../methods/claims/parse.ts';
import REGISTRY from './registry.json' with { type: 'json' };

const problem = (detail: string) => ({ type: 'about:blank', title: 'Bad request', status: 400, detail });

/** Room for a claim plus an edited parse; 100 kB of pasted text is refused with a clear message, not a crash. */
export const CLAIM_BODY_LIMIT = 256 * 1024;

const PARSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'an edited parse (as returned in "parse"); the check runs on it instead of re-reading the text',
  properties: {
    quantity: { type: ['number', 'null'] },
    quantityText: { type: ['string', 'null'], maxLength: 200 },
    unit: { type: 'string', enum: ['arrests', 'offenses', 'people', 'children', 'reports', 'countries', 'percent', 'usd', 'years', 'per_1000', 'tier', 'none'] },
    counted: { type: 'string', enum: ['sex_trafficking', 'labor_trafficking', 'human_trafficking', 'prostitution', 'modern_slavery', 'forced_labour', 'tier', 'age', 'money', 'other'] },
    place: { type: ['string', 'null'], maxLength: 12, pattern: '^[A-Za-z0-9_-]*$' },
    period: { anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: { type: 'integer', minimum: 1900, maximum: 2100 }, to: { type: 'integer', minimum: 1900, maximum: 2100 } } }] },
    comparison: { type: 'string', enum: ['level', 'rise', 'fall', 'share', 'rate'] },
    change: { type: ['number', 'null'] },
    tier: { type: ['string', 'null'], enum: [null, 'Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'] },
    hedged: { type: 'boolean' },
    hotline: { type: 'boolean' },
    operation: { type: 'boolean' },
    national: { type: 'boolean' },
    mentionsProstitution: { type: 'boolean' },
    mentionsTrafficking: { type: 'boolean' },
  },
} as const;

export async function claimsRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get('/api/v1/claims/registry', { config: { cache: true }, schema: { summary: 'Figures that circulate without a traceable source, with what is known of their origin' } }, async () => REGISTRY);

  app.post(
    '/api/v1/claims/check',
    {
      bodyLimit: CLAIM_BODY_LIMIT,
      // the pasted claim is neither stored nor logged
      logLevel: 'silent',
      schema: {
        summary: 'Check a claim against the official record: the parse (editable), the figure the record gives with its query and citation, and a verdict',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: { text: { type: 'string', maxLength: CLAIM_BODY_LIMIT }, parse: PARSE_SCHEMA },
        },
      },
    },
    async (req, reply) => {
      const b = req.body as { text: string; parse?: ClaimParse };
      reply.header('cache-control', 'no-store');
      try {
        const places = await placeNames(opts.store);
        // Validate the text even when an edited parse is given: the checks that read words need it.
        const parsed = parseClaim(b.text, places);
        return await checkClaim(opts.store, b.parse ? { ...parsed, ...b.parse } : parsed, b.text, places);
      } catch (e) {
        if (e instanceof ClaimInputError) return reply.code(400).type('application/problem+json').send(problem(e.message));
        throw e;
      }
    },
  );
}
