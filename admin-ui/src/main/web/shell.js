// The frame around every screen: skip link, header, navigation and main area. The status line
// lives outside it, in index.html, so that screen readers hear what is announced during a redraw.

import { h, clear } from './dom.js';
import { t, otherLanguage, switchLanguage } from './i18n.js';
import { currentMember, hasRole } from './session.js';
import { ROUTES, HOME } from './routes.js';
import { notificationBell } from './bell.js';

let statusTimer = null;

/** Announces a short message to everyone: shown on screen and read by screen readers. */
export function announce(message) {
  const status = document.getElementById('status');
  if (!status) {
    return;
  }
  status.textContent = message;
  window.clearTimeout(statusTimer);
  statusTimer = window.setTimeout(() => {
    status.textContent = '';
  }, 10000);
}

function navigation(activePath) {
  const items = ROUTES.filter((r) => r.nav && hasRole(r.role));
  return h('nav', { id: 'nav', class: 'nav', 'aria-label': t('nav.label') },
    h('ul', {},
      items.map((r) => h('li', {},
        h('a', { href: r.path, 'aria-current': r.path === activePath ? 'page' : null }, t(r.nav))))));
}

function languageButton() {
  const other = otherLanguage();
  return h('button', {
    type: 'button',
    class: 'link-button language',
    lang: other,
    'data-language': other,
    onClick: () => switchLanguage(other),
  }, t('language.switchTo'));
}

function menuButton() {
  return h('button', {
    type: 'button',
    class: 'menu-button',
    'aria-expanded': 'false',
    'aria-controls': 'nav',
    onClick: (event) => setMenuOpen(event.currentTarget, event.currentTarget.getAttribute('aria-expanded') !== 'true'),
  }, t('nav.menu'));
}

function setMenuOpen(button, open) {
  button.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('nav-open', open);
}

// Escape closes the menu and gives focus back to its button, as people expect of a disclosure.
document.addEventListener('keydown', (event) => {
  const button = document.querySelector('.menu-button');
  if (event.key === 'Escape' && button && button.getAttribute('aria-expanded') === 'true') {
    setMenuOpen(button, false);
    button.focus();
  }
});

function accountMenu(onSignOut) {
  const member = currentMember();
  if (!member) {
    return null;
  }
  return h('div', { class: 'account' },
    notificationBell(),
    h('a', { href: `${HOME}profile`, class: 'account-name' }, member.display_name || member.username),
    h('button', { type: 'button', class: 'link-button', onClick: onSignOut }, t('nav.signOut')));
}

/**
 * Draws the frame for a screen and returns its main element. `activePath` marks the current
 * navigation entry; the frame is drawn anew on each screen so that it follows the language and
 * the member's role.
 */
export function drawShell(root, { activePath, onSignOut }) {
  clear(root);
  document.body.classList.remove('nav-open');
  const signedIn = currentMember() !== null;
  const skip = h('a', {
    class: 'skip-link',
    href: '#main',
    onClick: (event) => {
      event.preventDefault();
      document.getElementById('main').focus();
    },
  }, t('nav.skip'));
  const header = h('header', { class: 'top' },
    h('a', { class: 'brand', href: HOME }, t('app.name')),
    signedIn ? menuButton() : null,
    h('div', { class: 'tools' }, languageButton(), accountMenu(onSignOut)));
  const main = h('main', { id: 'main', tabindex: '-1' });
  root.append(skip, header,
    h('div', { class: signedIn ? 'layout' : 'layout layout-single' },
      signedIn ? navigation(activePath) : null,
      main));
  root.removeAttribute('aria-busy');
  return main;
}
