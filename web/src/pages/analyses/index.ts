// /analyses — the three questions the record is kept for, each with its page.
import { clear, el } from '../../dom.ts';

export async function render(root: HTMLElement): Promise<void> {
  clear(root).append(
    el('h1', {}, 'Analyses'),
    el('p', { class: 'lede' }, 'Three questions asked of the record most often, answered with units and sources explicit.'),
    el('ul', { class: 'analyses' }, [
      el('li', {}, [el('a', { href: '/analyses/funnel' }, 'Enforcement funnel'), ' — what happens after an offense, a referral or an arrest; trafficking and prostitution as separate funnels, stages compared only when their units and periods match.']),
      el('li', {}, [el('a', { href: '/analyses/funding' }, 'Funding against need'), ' — U.S. anti-trafficking grants abroad per estimated victim, with the denominators’ sources and years; service directories.']),
      el('li', {}, [el('a', { href: '/analyses/mse' }, 'Hidden-population estimates'), ' — how many victims beyond those identified, by multiple systems estimation, with the method’s critiques.']),
    ]),
  );
}
