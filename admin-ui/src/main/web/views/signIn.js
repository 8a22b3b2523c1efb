// Signing in with a name and password; the node answers with an HttpOnly session cookie.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { signIn } from '../session.js';
import { field, formErrorArea, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy }
  from '../forms.js';
import { APP, HOME, SIGN_UP } from '../routes.js';

function nextPath() {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && next.startsWith(`${APP}/`) ? next : HOME;
}

/** What to say for each refusal; a wrong password is shown next to the password field. */
function messagesByStatus() {
  return {
    401: { field: 'password', message: t('signIn.wrongPassword') },
    403: { message: t('signIn.suspended') },
    429: (error) => ({ message: t('signIn.tooMany', { seconds: error.retryAfter || '60' }) }),
  };
}

async function submit(event, navigate, announce) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const missing = requiredProblems(form);
  if (showProblems(form, missing)) {
    return;
  }
  const username = form.elements.username.value.trim();
  const password = form.elements.password.value;
  let failure = null;
  await whileBusy(form, async () => {
    try {
      await signIn(username, password);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    form.elements.password.value = '';
    showProblems(form, problemsFromApi(failure, messagesByStatus()));
    return;
  }
  await navigate(nextPath(), { replace: true });
  announce(t('signIn.done'));
}

export default {
  title: 'signIn.title',
  render(main, { navigate, announce }) {
    main.append(
      h('div', { class: 'card narrow' },
        h('h1', {}, t('signIn.title')),
        h('p', {}, t('signIn.intro')),
        h('form', { class: 'form', novalidate: true, onSubmit: (e) => submit(e, navigate, announce) },
          formErrorArea(),
          field({ name: 'username', label: t('signIn.username'), required: true, autocomplete: 'username',
            spellcheck: 'false', maxlength: 100 }),
          field({ name: 'password', label: t('signIn.password'), type: 'password', required: true,
            autocomplete: 'current-password' }),
          h('button', { type: 'submit', class: 'button' }, t('signIn.submit'))),
        h('p', { class: 'aside' }, h('a', { href: SIGN_UP }, t('members.signUp.link')))));
  },
};
