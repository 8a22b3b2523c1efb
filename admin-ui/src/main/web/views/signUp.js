// Joining the node: with an invitation link (/app/sign-up?invitation=…), or on one's own when the
// node's registrations are open or need a moderator's approval. Shows the node's rules first.

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { joining } from '../api.js';
import { field, formErrorArea, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy,
  loadFailure } from '../forms.js';
import { SIGN_IN } from '../routes.js';

const ROLE_LABELS = { member: 'role.member', moderator: 'role.moderator', admin: 'role.admin' };

function invitationToken() {
  return new URLSearchParams(window.location.search).get('invitation');
}

/** What the node answered about the link: usable, or why not (404 unknown, 410 used or expired). */
async function invitationState(token) {
  if (!token) {
    return { none: true };
  }
  try {
    return { invitation: await joining.invitation(token) };
  } catch (e) {
    return { problem: e.status === 410 ? t('members.signUp.invitationGone') : t('members.signUp.invitationUnknown') };
  }
}

function rules(instance) {
  if (!instance.rules) {
    return null;
  }
  return h('section', { class: 'card', 'aria-labelledby': 'rules-title' },
    h('h2', { id: 'rules-title' }, t('members.signUp.rulesTitle')),
    h('ul', { class: 'rules' }, instance.rules.split('\n').filter((line) => line.trim() !== '')
      .map((line) => h('li', {}, line))));
}

function signUpForm(instance, state, ui) {
  const invited = Boolean(state.invitation);
  const choices = instance.collectives.map((c) => ({ value: c.username, label: c.display_name || c.username }));
  return h('form', { class: 'form', id: 'sign-up-form', novalidate: true, onSubmit: (e) => submit(e, state, ui) },
    formErrorArea(),
    field({ name: 'username', label: t('members.signUp.username'), hint: t('members.signUp.usernameHint'),
      required: true, autocomplete: 'username', spellcheck: 'false', maxlength: 30 }),
    field({ name: 'display_name', label: t('members.signUp.displayName'), autocomplete: 'name', maxlength: 100 }),
    field({ name: 'password', label: t('members.signUp.password'), hint: t('members.signUp.passwordHint'),
      type: 'password', required: true, autocomplete: 'new-password' }),
    !invited && choices.length > 1
      ? field({ name: 'collective', label: t('members.signUp.collective'), kind: 'select', options: choices })
      : null,
    !invited && instance.registrations === 'approval'
      ? field({ name: 'reason', label: t('members.signUp.reason'), hint: t('members.signUp.reasonHint'),
        kind: 'textarea', maxlength: 1000 })
      : null,
    h('button', { type: 'submit', class: 'button' }, t('members.signUp.submit')));
}

function messagesByStatus() {
  return {
    403: { message: t('members.signUp.closed') },
    409: { field: 'username', message: t('members.signUp.taken') },
    410: { message: t('members.signUp.invitationGone') },
    404: { message: t('members.signUp.invitationUnknown') },
  };
}

async function submit(event, state, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  if (showProblems(form, requiredProblems(form))) {
    return;
  }
  const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : undefined);
  const registration = {
    username: value('username'),
    display_name: value('display_name'),
    password: form.elements.password.value,
    invitation: state.invitation ? invitationToken() : undefined,
    collective: value('collective'),
    reason: value('reason'),
  };
  let answer = null;
  let failure = null;
  await whileBusy(form, async () => {
    try {
      answer = await joining.register(registration);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    form.elements.password.value = '';
    showProblems(form, problemsFromApi(failure, messagesByStatus()));
    return;
  }
  if (answer.state === 'active') {
    await ui.navigate(SIGN_IN, { replace: true });
    ui.announce(t('members.signUp.welcome', { username: answer.member.username }));
    return;
  }
  clear(ui.body).append(h('div', { class: 'card', role: 'status' },
    h('h2', {}, t('members.signUp.pendingTitle')),
    h('p', {}, t('members.signUp.pendingText'))));
}

export default {
  title: 'members.signUp.title',
  async render(main, { navigate, announce }) {
    const body = h('div', { class: 'stack narrow-column' }, h('p', { class: 'muted' }, t('loading')));
    main.append(h('h1', {}, t('members.signUp.title')), body);
    let instance;
    try {
      instance = await joining.instance();
    } catch (e) {
      clear(body).append(loadFailure(e));
      return;
    }
    const state = await invitationState(invitationToken());
    const ui = { navigate, announce, body };
    const intro = h('div', { class: 'card' },
      h('p', { class: 'lead' }, t('members.signUp.intro', { name: instance.name })),
      instance.description ? h('p', {}, instance.description) : null);
    if (state.problem) {
      clear(body).append(intro, h('p', { class: 'form-error', role: 'alert' }, state.problem));
      return;
    }
    if (state.none && instance.registrations === 'closed') {
      clear(body).append(intro, h('p', { class: 'card' }, t('members.signUp.closed')));
      return;
    }
    const welcome = state.invitation
      ? h('p', { class: 'invited' }, t('members.signUp.invited', {
        collective: state.invitation.collective, role: t(ROLE_LABELS[state.invitation.role] || 'role.member'),
      }))
      : h('p', {}, t(instance.registrations === 'approval' ? 'members.signUp.approvalNeeded' : 'members.signUp.open'));
    clear(body).append(intro, rules(instance),
      h('section', { class: 'card', 'aria-labelledby': 'sign-up-form-title' },
        h('h2', { id: 'sign-up-form-title' }, t('members.signUp.formTitle')),
        welcome,
        signUpForm(instance, state, ui)),
      h('p', {}, h('a', { href: SIGN_IN }, t('members.signUp.haveAccount'))));
  },
};
