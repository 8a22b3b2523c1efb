// The notification bell in the header: a link to the notifications with the unread count,
// asked of the node each time the frame is drawn.

import { h } from './dom.js';
import { t } from './i18n.js';
import { HOME } from './routes.js';
import { notifications as notificationsApi } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';

function bellIcon() {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  icon.setAttribute('class', 'bell-icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M12 2a6 6 0 0 0-6 6v4l-2 3v1h16v-1l-2-3V8a6 6 0 0 0-6-6zm-2.5 16a2.5 2.5 0 0 0 5 0z');
  path.setAttribute('fill', 'currentColor');
  icon.append(path);
  return icon;
}

function showUnread(count) {
  const bell = document.querySelector('.bell');
  if (!bell) {
    return;
  }
  const badge = bell.querySelector('.bell-count');
  badge.textContent = count > 99 ? '99+' : String(count);
  badge.hidden = count === 0;
  bell.setAttribute('aria-label', count === 0 ? t('notifications.bellNone') : t('notifications.bellUnread', { count }));
}

/** Asks the node how many notifications are unread and shows it on the bell. */
export async function refreshUnread() {
  try {
    const answer = await notificationsApi.unreadCount();
    showUnread(answer.unread);
  } catch (e) {
    // the bell keeps its last count; the notifications screen says what went wrong
  }
}

/** The bell, for the header. */
export function notificationBell() {
  const bell = h('a', { href: `${HOME}notifications`, class: 'bell', 'aria-label': t('notifications.bellNone') },
    bellIcon(), h('span', { class: 'bell-count', hidden: true }, '0'));
  window.setTimeout(refreshUnread, 0);
  return bell;
}
