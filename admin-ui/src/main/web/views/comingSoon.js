// An honest placeholder for a screen whose part of the node's API is not there yet: it says
// what the screen will do and shows no made-up data.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** The screen for a section that is not ready yet, given the keys of its title and its promise. */
export function comingSoon({ title, text }) {
  return {
    title,
    render(main) {
      main.append(
        h('h1', {}, t(title)),
        h('div', { class: 'card empty' },
          h('p', { class: 'badge soon' }, t('soon.badge')),
          h('p', {}, t(text)),
          h('p', { class: 'muted' }, t('soon.explain'))));
    },
  };
}
