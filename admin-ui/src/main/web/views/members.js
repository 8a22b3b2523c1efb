// Members, for moderators and administrators: invitation links, sign-ups waiting for approval,
// roles (administrators) and suspensions. What each may do, the node decides; this screen only
// offers what the signed-in role allows.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { members as api } from '../api.js';
import { currentMember, hasRole } from '../session.js';
import { field, formErrorArea, clearErrors, showProblems, problemsFromApi, whileBusy } from '../forms.js';

const ROLE_LABELS = { member: 'role.member', moderator: 'role.moderator', admin: 'role.admin' };
const INVITATION_STATES = {
  open: 'members.invitations.open', used: 'members.invitations.used',
  revoked: 'members.invitations.revoked', expired: 'members.invitations.expired',
};

function roleOptions() {
  return Object.keys(ROLE_LABELS).map((value) => ({ value, label: t(ROLE_LABELS[value]) }));
}

/** A message for a refusal that concerns no field: the node's conflicts are worded for people already. */
function problemMessage(error) {
  const problem = problemsFromApi(error, {
    403: { message: t('members.notAllowed') },
    404: { message: t('members.gone') },
  })[0];
  return problem.message;
}

// ---- inviting ------------------------------------------------------------------------------------

function inviteSection(ui) {
  const admin = hasRole('admin');
  const result = h('div', { class: 'invite-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'form', id: 'invite-form', novalidate: true, onSubmit: (e) => invite(e, result, ui) },
    formErrorArea(),
    admin ? field({ name: 'role', label: t('members.invite.role'), kind: 'select', options: roleOptions(), value: 'member' }) : null,
    field({ name: 'expires_in_days', label: t('members.invite.days'), hint: t('members.invite.daysHint'),
      type: 'number', value: '7' }),
    h('button', { type: 'submit', class: 'button' }, t('members.invite.submit')));
  form.querySelector('input[name=expires_in_days]').setAttribute('min', '1');
  form.querySelector('input[name=expires_in_days]').setAttribute('max', '30');
  return h('section', { class: 'card', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, t('members.invite.title')),
    h('p', { class: 'muted' }, t(admin ? 'members.invite.introAdmin' : 'members.invite.introModerator')),
    form, result);
}

async function invite(event, result, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const days = Number(form.elements.expires_in_days.value);
  const body = { expires_in_days: Number.isInteger(days) ? days : form.elements.expires_in_days.value };
  if (form.elements.role) {
    body.role = form.elements.role.value;
  }
  let invited = null;
  let failure = null;
  await whileBusy(form, async () => {
    try {
      invited = await api.invite(body);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    showProblems(form, problemsFromApi(failure, { 403: { message: t('members.notAllowed') } }));
    return;
  }
  const linkId = 'invitation-link';
  const copy = h('button', { type: 'button', class: 'button secondary', onClick: async () => {
    try {
      await navigator.clipboard.writeText(invited.url);
      ui.announce(t('members.invite.copied'));
    } catch (e) {
      document.getElementById(linkId).select();
    }
  } }, t('members.invite.copy'));
  clear(result).append(
    h('div', { class: 'field' },
      h('label', { for: linkId }, t('members.invite.link', { date: formatDateTime(invited.expires_at) })),
      h('input', { id: linkId, class: 'invitation-link', type: 'text', readonly: true, value: invited.url })),
    h('p', { class: 'hint' }, t('members.invite.once')),
    copy);
  ui.announce(t('members.invite.created'));
  document.getElementById(linkId).focus();
  await ui.reloadInvitations();
}

function invitationList(invitations, ui) {
  if (invitations.length === 0) {
    return h('p', { class: 'muted' }, t('members.invitations.empty'));
  }
  return h('ul', { class: 'plain-list' }, invitations.map((i) => h('li', { class: 'row', 'data-invitation': i.id },
    h('div', {},
      h('strong', {}, t('members.invitations.item', { role: t(ROLE_LABELS[i.role] || 'role.member'), collective: i.collective })),
      h('p', { class: 'muted' }, i.state === 'used'
        ? t('members.invitations.usedBy', { username: i.used_by || '?' })
        : t('members.invitations.until', { date: formatDateTime(i.expires_at), who: i.created_by || '?' }))),
    h('span', { class: `badge state-${i.state}` }, t(INVITATION_STATES[i.state] || 'members.invitations.open')),
    i.state === 'open'
      ? h('button', { type: 'button', class: 'button danger', onClick: () => revoke(i, ui) }, t('members.invitations.revoke'))
      : null)));
}

async function revoke(invitation, ui) {
  if (!window.confirm(t('members.invitations.confirmRevoke'))) {
    return;
  }
  try {
    await api.revoke(invitation.id);
    ui.announce(t('members.invitations.revoked'));
  } catch (e) {
    ui.announce(problemMessage(e));
  }
  await ui.reloadInvitations();
}

// ---- sign-ups ------------------------------------------------------------------------------------

function signUpList(signUps, ui) {
  if (signUps.length === 0) {
    return h('p', { class: 'muted' }, t('members.signUps.empty'));
  }
  return h('ul', { class: 'plain-list' }, signUps.map((s) => h('li', { class: 'card sign-up', 'data-sign-up': s.username },
    h('h3', {}, s.display_name ? `${s.display_name} (@${s.username})` : `@${s.username}`),
    h('p', { class: 'muted' }, t('members.signUps.asked', { collective: s.collective, date: formatDateTime(s.created_at) })),
    s.reason ? h('blockquote', {}, s.reason) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button', onClick: () => decide(s, true, ui),
        'aria-label': t('members.signUps.approveNamed', { username: s.username }) }, t('members.signUps.approve')),
      h('button', { type: 'button', class: 'button danger', onClick: () => decide(s, false, ui),
        'aria-label': t('members.signUps.rejectNamed', { username: s.username }) }, t('members.signUps.reject'))))));
}

async function decide(signUp, approve, ui) {
  try {
    if (approve) {
      await api.approve(signUp.id);
      ui.announce(t('members.signUps.approved', { username: signUp.username }));
    } else {
      if (!window.confirm(t('members.signUps.confirmReject', { username: signUp.username }))) {
        return;
      }
      await api.reject(signUp.id, '');
      ui.announce(t('members.signUps.rejected', { username: signUp.username }));
    }
  } catch (e) {
    ui.announce(problemMessage(e));
  }
  await ui.reload();
}

// ---- members -------------------------------------------------------------------------------------

function roleForm(m, ui) {
  const form = h('form', { class: 'inline-form', novalidate: true, onSubmit: (e) => changeRole(e, m, ui) },
    formErrorArea(),
    field({ name: 'role', label: t('members.list.role'), kind: 'select', options: roleOptions(), value: m.role }),
    h('button', { type: 'submit', class: 'button secondary',
      'aria-label': t('members.list.saveRoleNamed', { username: m.username }) }, t('members.list.saveRole')));
  return form;
}

async function changeRole(event, m, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const role = form.elements.role.value;
  if (role === m.role) {
    return;
  }
  let failure = null;
  await whileBusy(form, async () => {
    try {
      await api.setRole(m.username, role);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    showProblems(form, problemsFromApi(failure, { 409: { field: 'role', message: t('members.list.lastAdmin') } }));
    return;
  }
  await ui.reload();
  ui.announce(t('members.list.roleChanged', { username: m.username, role: t(ROLE_LABELS[role]) }));
}

function suspendForm(m, ui) {
  return h('form', { class: 'form suspend-form', novalidate: true, onSubmit: (e) => suspend(e, m, ui) },
    formErrorArea(),
    field({ name: 'reason', label: t('members.list.reason'), hint: t('members.list.reasonHint'), kind: 'textarea',
      maxlength: 2000 }),
    h('button', { type: 'submit', class: 'button danger',
      'aria-label': t('members.list.suspendNamed', { username: m.username }) }, t('members.list.suspend')));
}

async function suspend(event, m, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  if (!window.confirm(t('members.list.confirmSuspend', { username: m.username }))) {
    return;
  }
  let failure = null;
  await whileBusy(form, async () => {
    try {
      await api.suspend(m.username, form.elements.reason.value.trim());
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    showProblems(form, [{ message: problemMessage(failure), lang: failure.status === 409 ? 'en' : undefined }]);
    return;
  }
  await ui.reload();
  ui.announce(t('members.list.suspended', { username: m.username }));
}

async function unsuspend(m, ui) {
  try {
    await api.unsuspend(m.username);
    ui.announce(t('members.list.unsuspended', { username: m.username }));
  } catch (e) {
    ui.announce(problemMessage(e));
  }
  await ui.reload();
}

function memberItem(m, ui) {
  const me = currentMember();
  const self = me && me.username === m.username;
  const mayManage = !self && (hasRole('admin') || m.role === 'member');
  return h('li', { class: 'card member', 'data-member': m.username },
    h('div', { class: 'policy-head' },
      h('h3', {}, m.display_name || m.username),
      h('span', { class: `badge role-${m.role}` }, t(ROLE_LABELS[m.role] || 'role.member')),
      m.suspended ? h('span', { class: 'badge suspended' }, t('members.list.suspendedBadge')) : null),
    h('p', { class: 'muted' }, t('members.list.facts', {
      username: m.username, collective: m.collective,
      active: m.last_active_at ? formatDateTime(m.last_active_at) : t('members.list.never'),
    })),
    hasRole('admin') && !self ? roleForm(m, ui) : null,
    mayManage && !m.suspended
      ? h('details', { class: 'suspend' }, h('summary', {}, t('members.list.suspendOpen')), suspendForm(m, ui))
      : null,
    mayManage && m.suspended
      ? h('button', { type: 'button', class: 'button secondary', onClick: () => unsuspend(m, ui),
        'aria-label': t('members.list.unsuspendNamed', { username: m.username }) }, t('members.list.unsuspend'))
      : null);
}

export default {
  title: 'members.title',
  async render(main, { announce }) {
    main.append(h('h1', {}, t('members.title')), h('p', { class: 'lead' }, t('members.intro')));
    const signUps = h('section', { 'aria-labelledby': 'sign-ups-title' });
    const list = h('section', { 'aria-labelledby': 'members-title' });
    const invitations = h('div', {});
    const ui = {
      announce,
      async reloadInvitations() {
        try {
          const answer = await api.invitations();
          clear(invitations).append(invitationList(answer.invitations, ui));
        } catch (e) {
          clear(invitations).append(h('p', { class: 'form-error', role: 'alert' }, problemMessage(e)));
        }
      },
      async reload() {
        try {
          const [pending, all] = await Promise.all([api.signUps(), api.list()]);
          clear(signUps).append(
            h('h2', { id: 'sign-ups-title' }, t('members.signUps.title'), ' ',
              h('span', { class: 'count' }, `(${pending.sign_ups.length})`)),
            signUpList(pending.sign_ups, ui));
          clear(list).append(
            h('h2', { id: 'members-title' }, t('members.list.title'), ' ', h('span', { class: 'count' }, `(${all.members.length})`)),
            h('ul', { class: 'plain-list' }, all.members.map((m) => memberItem(m, ui))));
        } catch (e) {
          clear(list).append(h('p', { class: 'form-error', role: 'alert' }, problemMessage(e)));
        }
      },
    };
    main.append(h('div', { class: 'stack' }, signUps, inviteSection(ui),
      h('section', { class: 'card', 'aria-labelledby': 'invitations-title' },
        h('h2', { id: 'invitations-title' }, t('members.invitations.title')), invitations),
      list));
    await Promise.all([ui.reload(), ui.reloadInvitations()]);
  },
};
