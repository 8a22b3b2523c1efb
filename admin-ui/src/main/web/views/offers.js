// The member's own offers, in every state, with the responses waiting on each; and the way to
// publish a new one.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { offers } from '../api.js';
import { problemsFromApi } from '../forms.js';
import { loadVocabulary, offerCard } from './offerParts.js';
import { APP } from '../routes.js';

function waiting(offer) {
  const n = offer.pending_responses || 0;
  if (n === 0) {
    return null;
  }
  return h('p', { class: 'badge waiting' }, n === 1 ? t('offers.waitingOne') : t('offers.waitingMany', { count: n }));
}

export default {
  title: 'offers.title',
  async render(main) {
    main.append(
      h('h1', {}, t('offers.title')),
      h('p', { class: 'lead' }, t('offers.intro')),
      h('p', {}, h('a', { class: 'button', href: `${APP}/offers/new` }, t('offers.publish'))));
    const list = h('ul', { class: 'item-list my-offers' });
    const status = h('p', { class: 'muted' }, t('loading'));
    const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('home.more'));
    main.append(h('section', { class: 'stack', 'aria-labelledby': 'my-offers' },
      h('h2', { id: 'my-offers' }, t('offers.mine')), status, list, more));
    let cursor = null;
    let vocab;
    async function load() {
      more.hidden = true;
      try {
        vocab = vocab || await loadVocabulary();
        const page = await offers.mine(cursor);
        page.items.forEach((o) => list.append(offerCard(o, vocab, waiting(o))));
        cursor = page.next_cursor;
        more.hidden = !cursor;
        status.textContent = list.children.length === 0 ? t('offers.none') : '';
      } catch (e) {
        status.textContent = problemsFromApi(e)[0].message;
      }
    }
    more.addEventListener('click', load);
    await load();
  },
};
