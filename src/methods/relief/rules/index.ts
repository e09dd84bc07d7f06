// Every reviewed rule file, validated when this module loads (in Node and in the browser bundle alike),
// so a malformed file fails loudly at startup and in the tests instead of answering someone wrongly.
import { validateRuleFile, type RuleFile } from '../model.ts';
import CA from './CA.json' with { type: 'json' };
import CT from './CT.json' with { type: 'json' };
import FL from './FL.json' with { type: 'json' };
import IA from './IA.json' with { type: 'json' };
import ID from './ID.json' with { type: 'json' };
import MD from './MD.json' with { type: 'json' };
import MS from './MS.json' with { type: 'json' };
import TN from './TN.json' with { type: 'json' };
import VA from './VA.json' with { type: 'json' };
import WA from './WA.json' with { type: 'json' };

const RAW: Record<string, unknown> = { CA, CT, FL, IA, ID, MD, MS, TN, VA, WA };

/** Rule files by state code. */
export const RULE_FILES: ReadonlyMap<string, RuleFile> = new Map(
  Object.entries(RAW).map(([st, raw]) => [st, validateRuleFile(raw, `src/methods/relief/rules/${st}.json`)]),
);
