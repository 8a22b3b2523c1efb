// The member's home: a greeting and the ways into the app. The feed of offers and campaigns
// arrives with their part of the API; until then the home says so rather than show sample data.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { currentMember, hasRole } from '../session.js';
import { ROUTES, HOME } from '../routes.js';

export default {
  title: 'home.title',
  render(main) {
    const member = currentMember();
    const sections = ROUTES.filter((r) => r.nav && r.path !== HOME && hasRole(r.role));
    main.append(
      h('h1', {}, t('home.greeting', { name: member.display_name || member.username })),
      h('p', { class: 'lead' }, t('home.collective', { collective: member.collective.username })),
      h('section', { class: 'card', 'aria-labelledby': 'home-feed' },
        h('h2', { id: 'home-feed' }, t('home.feedTitle')),
        h('p', {}, t('home.feedEmpty'))),
      h('section', { 'aria-labelledby': 'home-sections' },
        h('h2', { id: 'home-sections' }, t('home.sectionsTitle')),
        h('ul', { class: 'tiles' },
          sections.map((r) => h('li', {}, h('a', { class: 'tile', href: r.path }, t(r.nav)))))));
  },
};
