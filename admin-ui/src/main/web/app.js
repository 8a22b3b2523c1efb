// Entry point: language, session, then the screen for the address.

import { start as startLanguage, onLanguageChange, t } from './i18n.js';
import { whenUnauthorized } from './api.js';
import { loadSession, forget } from './session.js';
import { startRouter, render, navigate } from './router.js';
import { SIGN_IN } from './routes.js';
import { h } from './dom.js';

async function boot() {
  const root = document.getElementById('app');
  await startLanguage();
  try {
    await loadSession();
  } catch (e) {
    root.removeAttribute('aria-busy');
    root.append(h('p', { class: 'form-error', role: 'alert' }, t('error.network')));
    return;
  }
  whenUnauthorized(() => {
    forget();
    navigate(`${SIGN_IN}?next=${encodeURIComponent(window.location.pathname)}`, { replace: true });
  });
  onLanguageChange(() => render({ focus: '.language' }));
  await startRouter(root);
}

boot();
