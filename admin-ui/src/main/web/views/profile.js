// The signed-in member as the node knows them (GET /api/v1/me).

import { h } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { currentMember } from '../session.js';

const ROLE_LABELS = { member: 'role.member', moderator: 'role.moderator', admin: 'role.admin' };

function row(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

export default {
  title: 'profile.title',
  render(main) {
    const m = currentMember();
    main.append(
      h('h1', {}, t('profile.title')),
      h('div', { class: 'card' },
        h('dl', { class: 'facts' },
          row(t('profile.displayName'), m.display_name || t('profile.noDisplayName')),
          row(t('profile.username'), m.username),
          row(t('profile.handle'), `@${m.acct}`),
          row(t('profile.role'), t(ROLE_LABELS[m.role] || 'role.member')),
          row(t('profile.collective'), h('a', { href: m.collective.uri }, m.collective.username)),
          row(t('profile.since'), formatDateTime(m.created_at))),
        h('p', {}, h('a', { href: m.uri }, t('profile.publicPage')))),
      h('p', { class: 'muted' }, t('profile.editSoon')));
  },
};
