// Damaged copies of a good file for fuzz tests (not a test file itself): bytes flipped, cut,
// inserted (quotes, separators, line ends, bad UTF-8), lines repeated.
import fc from 'fast-check';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 25);

export const damaged = (good: Buffer) =>
  fc
    .array(
      fc.oneof(
        fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom('"', ',', '\n', '\r\n', ' ', 'N', 'X', '-1', '99999', '\u00e9', '{', ']'), fc.string({ maxLength: 8 })) }),
        fc.record({ op: fc.constant('dupline' as const), at: fc.nat() }),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((ops) => {
      let b = Buffer.from(good);
      for (const o of ops) {
        const at = b.length ? o.at % (b.length + 1) : 0;
        if (o.op === 'flip' && b.length) b[at % b.length] = o.byte;
        else if (o.op === 'cut') b = b.subarray(0, at);
        else if (o.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(o.text), b.subarray(at)]);
        else if (o.op === 'dupline') {
          const lines = b.toString('latin1').split('\n');
          const i = lines.length ? o.at % lines.length : 0;
          lines.splice(i, 0, lines[i] ?? '');
          b = Buffer.from(lines.join('\n'), 'latin1');
        }
      }
      return b;
    });
