// The signed-in member's notifications, newest first, worded here in the reader's language from
// what the node recorded. Opening the screen does not mark them read: the member does.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { notifications as api } from '../api.js';
import { problemsFromApi, loadFailure } from '../forms.js';
import { refreshUnread } from '../bell.js';

/** The words and the screen each kind leads to. */
const KINDS = {
  response_received: { text: 'notifications.kind.response_received', to: '/app/offers' },
  response_accepted: { text: 'notifications.kind.response_accepted', to: '/app/offers' },
  loan_due_soon: { text: 'notifications.kind.loan_due_soon', to: '/app/offers' },
  pledge_received: { text: 'notifications.kind.pledge_received', to: '/app/campaigns' },
  report_opened: { text: 'notifications.kind.report_opened', to: '/app/moderation' },
  follow_requested: { text: 'notifications.kind.follow_requested', to: '/app/follows' },
  campaign_news: { text: 'notifications.kind.campaign_news', to: '/app/campaigns' },
};

function words(n) {
  const kind = KINDS[n.kind];
  const data = n.data || {};
  return kind ? t(kind.text, {
    title: data.title || '', amount: data.amount || '', currency: data.currency || '',
    follower: data.follower || '', followed: data.followed || '',
  }) : t('notifications.kind.other');
}

function item(n, ui) {
  const kind = KINDS[n.kind];
  return h('li', { class: `card notification${n.read ? '' : ' unread'}`, 'data-notification': n.id, 'data-kind': n.kind },
    h('p', {}, n.read ? null : h('span', { class: 'badge' }, t('notifications.new')), n.read ? null : ' ',
      kind ? h('a', { href: kind.to }, words(n)) : words(n)),
    h('p', { class: 'muted' }, formatDateTime(n.created_at)),
    n.read ? null : h('button', { type: 'button', class: 'link-button', onClick: () => ui.markRead(n),
      'aria-label': t('notifications.markReadNamed', { text: words(n) }) }, t('notifications.markRead')));
}

export default {
  title: 'notifications.title',
  async render(main, { announce }) {
    main.append(h('h1', {}, t('notifications.title')));
    const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('loading')));
    main.append(body);
    const ui = {
      async markRead(n) {
        try {
          await api.markRead(n.id);
        } catch (e) {
          announce(problemsFromApi(e)[0].message);
        }
        await ui.reload();
      },
      async markAll(upTo) {
        try {
          await api.markAllRead(upTo);
          announce(t('notifications.allRead'));
        } catch (e) {
          announce(problemsFromApi(e)[0].message);
        }
        await ui.reload();
      },
      async reload() {
        let answer;
        try {
          answer = await api.list();
        } catch (e) {
          clear(body).append(loadFailure(e));
          return;
        }
        const newest = answer.items.length > 0 ? answer.items[0].id : null;
        clear(body).append(
          h('p', { class: 'unread-summary' }, answer.unread === 0
            ? t('notifications.noneUnread') : t('notifications.unread', { count: answer.unread })),
          answer.unread > 0
            ? h('button', { type: 'button', class: 'button secondary', onClick: () => ui.markAll(newest) },
              t('notifications.markAllRead'))
            : null,
          answer.items.length === 0
            ? h('p', { class: 'card empty' }, t('notifications.empty'))
            : h('ul', { class: 'plain-list notification-list' }, answer.items.map((n) => item(n, ui))));
        await refreshUnread();
      },
    };
    await ui.reload();
  },
};
