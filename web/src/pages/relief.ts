// Record-relief navigator. Private by construction: the reviewed rule files are bundled with this page
// and the check runs here, in the browser. Nothing a person chooses is sent to the server, put in the
// URL or kept in storage; reloading the page forgets it.
import { clear, el } from '../dom.ts';
import { RULE_FILES } from '../../../src/methods/relief/rules/index.ts';
import { JURISDICTIONS } from '../../../src/methods/relief/jurisdictions.ts';
import { DISCLAIMER, OUTCOME_LABEL, evaluateState, relevantQuestions, today, type Answers, type CitedQuote, type RuleResult, type StateResult } from '../../../src/methods/relief/evaluate.ts';
import { FIELD_NAMES, quoteText, type FieldName, type RuleFile } from '../../../src/methods/relief/model.ts';
import './relief.css';

const FIELD_LABEL: Record<FieldName, string> = {
  offenses: 'Offenses covered',
  nexus: 'Link to trafficking',
  proof: 'Proof',
  officialDocumentation: 'Official documentation',
  timeLimits: 'Time limits',
  whoMayFile: 'Who may file, and where',
  hearing: 'Hearing',
  discretion: 'Must or may the court grant it',
  effect: 'Effect',
  fees: 'Fees',
  ages: 'Juvenile or adult',
};

const RELIEF_LABEL: Record<string, string> = {
  vacatur: 'Vacatur',
  expungement: 'Expungement',
  sealing: 'Sealing',
  'set-aside': 'Set aside',
  'vacatur-and-expungement': 'Vacatur and expungement',
};

function quoteBlock(q: CitedQuote): HTMLElement {
  return el('blockquote', { class: 'relief-quote' }, [el('p', {}, `“${q.text.replace(/\s+/g, ' ')}”`)]);
}

function rulesOverview(file: RuleFile): HTMLElement {
  return el('section', { class: 'relief-rules', 'aria-labelledby': 'relief-rules-h' }, [
    el('h2', { id: 'relief-rules-h' }, `What ${file.name}'s law says`),
    el('p', { class: 'relief-meta' }, `Reviewed ${file.review.reviewedOn}. ${file.review.notes}`),
    ...file.rules.map((rule) =>
      el('details', { class: 'relief-rule' }, [
        el('summary', {}, `${rule.citation} — ${RELIEF_LABEL[rule.reliefType] ?? rule.reliefType}: ${rule.title}`),
        el('p', {}, ['Text as collected: ', el('a', { href: rule.source.url, rel: 'noreferrer noopener', target: '_blank' }, rule.source.url), ' (opens another site).']),
        el('dl', { class: 'relief-fields' }, FIELD_NAMES.flatMap((k) => {
          const f = rule.fields[k];
          return [el('dt', {}, FIELD_LABEL[k]), el('dd', {}, [el('p', {}, f.summary), ...f.quotes.map((q) => quoteBlock(quoteText(q, rule)))])];
        })),
      ]),
    ),
  ]);
}

function questionsForm(file: RuleFile, answers: Answers, onChange: () => void): HTMLElement {
  return el('div', { class: 'relief-questions' }, file.questions.map((q) => {
    const name = `relief-q-${q.id}`;
    const choice = (value: string, label: string) => {
      const input = el('input', { type: 'radio', name, value, id: `${name}-${value || 'unknown'}` }) as HTMLInputElement;
      input.checked = (answers[q.id] ?? '') === value;
      input.addEventListener('change', () => {
        if (value) answers[q.id] = value;
        else delete answers[q.id];
        onChange();
      });
      return el('label', { class: 'relief-choice', for: input.id }, [input, ` ${label}`]);
    };
    return el('fieldset', { class: 'relief-question', 'data-question': q.id }, [
      el('legend', {}, q.text),
      ...q.options.map((o) => choice(o.value, o.label)),
      choice('', 'I don’t know'),
    ]);
  }));
}

function ruleResult(r: RuleResult, file: RuleFile): HTMLElement {
  const question = (id: string | undefined) => file.questions.find((q) => q.id === id);
  return el('article', { class: `relief-result relief-${r.outcome}`, 'data-rule': r.ruleId }, [
    el('h3', {}, [el('span', { class: 'relief-badge' }, OUTCOME_LABEL[r.outcome]), ` ${r.citation} (${RELIEF_LABEL[r.reliefType] ?? r.reliefType})`]),
    r.failed.length
      ? el('div', {}, [
          el('h4', {}, 'Not met'),
          el('ul', {}, r.failed.map((f) => el('li', {}, [f.label, f.note ? el('p', { class: 'relief-note' }, f.note) : null, ...f.quotes.map(quoteBlock)]))),
        ])
      : null,
    r.needs.length
      ? el('div', {}, [
          el('h4', {}, 'Needs this information'),
          el('ul', {}, r.needs.map((n) => el('li', {}, n.kind === 'answer' ? `${question(n.question)?.text ?? n.text}` : `${n.text}. ${n.because}`))),
        ])
      : null,
    r.readings.length
      ? el('div', {}, [
          el('h4', {}, 'The text can be read more than one way'),
          ...r.readings.map((x) =>
            el('div', { class: 'relief-reading' }, [
              el('p', {}, x.label),
              ...x.quotes.map(quoteBlock),
              el('ol', {}, x.readings.map((reading) => el('li', {}, reading))),
              el('p', {}, [el('strong', {}, 'What settles it: '), x.settles]),
            ]),
          ),
        ])
      : null,
    r.outcome !== 'not-eligible' && r.met.length
      ? el('details', {}, [el('summary', {}, `Requirements met (${r.met.length})`), el('ul', {}, r.met.map((m) => el('li', {}, [m.label, m.note ? el('p', { class: 'relief-note' }, m.note) : null, ...m.quotes.map(quoteBlock)])))])
      : null,
    r.outcome !== 'not-eligible' && r.bring.length ? el('div', {}, [el('h4', {}, 'What to bring'), el('ul', {}, r.bring.map((b) => el('li', {}, b.item)))]) : null,
    ...r.dateNotes.map((d) => el('p', { class: 'relief-note' }, d)),
  ]);
}

function resultView(result: StateResult, file: RuleFile | undefined): HTMLElement[] {
  const out: HTMLElement[] = [
    el('p', { class: `relief-outcome relief-${result.outcome}` }, [el('strong', {}, OUTCOME_LABEL[result.outcome]), `: ${result.summary}`]),
  ];
  if (file) out.push(...result.rules.map((r) => ruleResult(r, file)));
  out.push(
    el('div', { class: 'relief-help' }, [
      el('h3', {}, 'Where to get help'),
      el('ul', {}, result.referrals.map((ref) => el('li', {}, [el('strong', {}, `${ref.name}: ${ref.contact}`), ` — ${ref.what} Stated in ${ref.source.citation}.`]))),
      el('p', {}, 'No legal-aid referral line is stated in the official texts collected so far.'),
    ]),
  );
  return out;
}

export async function render(root: HTMLElement): Promise<void> {
  const answers: Answers = {};
  const stateSelect = el('select', { id: 'relief-state' }, [
    el('option', { value: '' }, 'Choose a state'),
    ...JURISDICTIONS.map(([code, name]) => el('option', { value: code }, `${name}${RULE_FILES.has(code) ? '' : ' (not collected yet)'}`)),
  ]) as HTMLSelectElement;
  const asOf = el('input', { id: 'relief-asof', type: 'date', value: today() }) as HTMLInputElement;
  const overview = el('div', {});
  const questions = el('div', {});
  const result = el('section', { id: 'relief-result', 'aria-live': 'polite', 'aria-labelledby': 'relief-result-h' });

  const update = () => {
    const code = stateSelect.value;
    if (!code) {
      clear(result);
      return;
    }
    const date = /^\d{4}-\d{2}-\d{2}$/.test(asOf.value) ? asOf.value : today();
    const file = RULE_FILES.get(code);
    if (file) {
      // Hide questions that cannot matter any more; their answers are dropped so they cannot decide anything.
      const relevant = relevantQuestions(file, answers);
      for (const fs of questions.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')) {
        const id = fs.dataset.question!;
        fs.hidden = !relevant.has(id);
        if (fs.hidden && id in answers) {
          delete answers[id];
          fs.querySelector<HTMLInputElement>('input[value=""]')!.checked = true;
        }
      }
    }
    const r = evaluateState(RULE_FILES, code, answers, date);
    clear(result).append(el('h2', { id: 'relief-result-h' }, `Answer for ${r.name}, as of ${r.asOf}`), ...resultView(r, file));
  };
  stateSelect.addEventListener('change', () => {
    for (const k of Object.keys(answers)) delete answers[k];
    const file = RULE_FILES.get(stateSelect.value);
    clear(overview).append(...(file ? [rulesOverview(file)] : []));
    clear(questions).append(...(file ? [el('h2', {}, 'Your situation'), questionsForm(file, answers, update)] : []));
    update();
  });
  asOf.addEventListener('change', update);

  clear(root).append(
    el('h1', {}, 'Clearing a record: vacatur, expungement and sealing for trafficking survivors'),
    el('p', { class: 'relief-private' }, [
      el('strong', {}, 'Private: '),
      'your answers stay on this page. The check runs in your browser from the rule files that came with the page; nothing you choose is sent, saved or put in the address bar. Reloading the page clears it.',
    ]),
    el('p', { class: 'relief-disclaimer' }, DISCLAIMER),
    el('p', {}, `Rules have been reviewed for ${RULE_FILES.size} states so far, each from the statute text in Cogency’s law collection, with the words that decide every answer. For other states the answer is “not collected yet” — never “no relief”.`),
    el('div', { class: 'relief-controls' }, [
      el('div', { class: 'relief-control' }, [el('label', { for: 'relief-state' }, 'State'), stateSelect]),
      el('div', { class: 'relief-control' }, [el('label', { for: 'relief-asof' }, 'Law in force on'), asOf]),
    ]),
    questions,
    result,
    overview,
  );
}
