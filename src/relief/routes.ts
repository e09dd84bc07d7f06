// Record-relief API (Fastify plugin): the reviewed rule files, and an evaluation endpoint for API
// clients that stores and logs nothing. The explorer's navigator never calls the evaluation endpoint:
// it runs the same check in the browser on the bundled rules, so answers stay on the page.
import type { FastifyInstance } from 'fastify';
import { JURISDICTIONS } from '../methods/relief/jurisdictions.ts';
import { AnswerError, evaluateState, today } from '../methods/relief/evaluate.ts';
import { RULE_FILES } from '../methods/relief/rules/index.ts';

const problem = (status: number, detail: string) => ({ type: 'about:blank', title: 'Bad request', status, detail });

/** The evaluation body is a state, a few dozen short answers and a date: a small limit is plenty. */
export const EVALUATE_BODY_LIMIT = 8 * 1024;

const STATE = { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'two-letter state code or DC' } as const;

export async function reliefRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/relief',
    { config: { cache: true }, schema: { summary: 'Record relief for trafficking survivors: which states have reviewed rules, and which are not collected yet' } },
    async () => ({
      states: JURISDICTIONS.map(([code, name]) => {
        const f = RULE_FILES.get(code);
        return f
          ? { state: code, name, status: 'rules', rules: f.rules.map((r) => ({ id: r.id, citation: r.citation, reliefType: r.reliefType })) }
          : { state: code, name, status: 'not-collected', rules: [] };
      }),
    }),
  );

  app.get(
    '/api/v1/relief/:state',
    {
      config: { cache: true },
      schema: {
        summary: "One state's reviewed record-relief rules, every field with the statute text it rests on",
        params: { type: 'object', required: ['state'], properties: { state: STATE } },
      },
    },
    async (req, reply) => {
      const code = (req.params as { state: string }).state.toUpperCase();
      const name = JURISDICTIONS.find(([c]) => c === code)?.[1];
      if (!name) return reply.code(404).type('application/problem+json').send({ ...problem(404, `"${code}" is not a U.S. state or DC`), title: 'Not found' });
      const file = RULE_FILES.get(code);
      if (!file) return { state: code, name, status: 'not-collected', note: `Cogency has not collected ${name}'s record-relief law yet; this does not mean there is no relief.` };
      return { status: 'rules', ...file };
    },
  );

  app.post(
    '/api/v1/relief/evaluate',
    {
      bodyLimit: EVALUATE_BODY_LIMIT,
      // the answers are neither stored nor logged
      logLevel: 'silent',
      schema: {
        summary: 'Check answers against a state\'s rules "as of" a date (nothing is stored or logged; not legal advice)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['state'],
          properties: {
            state: STATE,
            answers: { type: 'object', maxProperties: 50, additionalProperties: { type: 'string', maxLength: 64 }, default: {} },
            asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (default today)' },
          },
        },
      },
    },
    async (req, reply) => {
      const b = req.body as { state: string; answers?: Record<string, string>; asOf?: string };
      reply.header('cache-control', 'no-store');
      try {
        return evaluateState(RULE_FILES, b.state, b.answers ?? {}, b.asOf ?? today());
      } catch (e) {
        if (e instanceof AnswerError) return reply.code(400).type('application/problem+json').send(problem(400, e.message));
        throw e;
      }
    },
  );
}
