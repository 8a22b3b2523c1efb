// The moderation queue, for moderators and administrators: reports from members and from other
// servers, with what they are about, the actions that fit, and the audit log of what was done.
// Reported content is shown as text: nothing a remote server wrote is ever put in as HTML.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { moderation as api } from '../api.js';
import { hasRole } from '../session.js';
import { field, problemsFromApi, loadFailure } from '../forms.js';

const STATES = ['open', 'resolved', 'dismissed'];
const STATE_LABELS = { open: 'moderation.state.open', resolved: 'moderation.state.resolved', dismissed: 'moderation.state.dismissed' };
const ORIGIN_LABELS = { member: 'moderation.origin.member', remote: 'moderation.origin.remote', unknown: 'moderation.origin.unknown' };
const ACTION_LABELS = {
  hide: 'moderation.action.hide',
  delete: 'moderation.action.delete',
  suspend: 'moderation.action.suspend',
  block_domain: 'moderation.action.block_domain',
  resolve: 'moderation.action.resolve',
  dismiss: 'moderation.action.dismiss',
};
const AUDIT_LABELS = {
  object_hidden: 'moderation.audit.object_hidden',
  object_deleted: 'moderation.audit.object_deleted',
  member_suspended: 'moderation.audit.member_suspended',
  member_unsuspended: 'moderation.audit.member_unsuspended',
  domain_blocked: 'moderation.audit.domain_blocked',
  report_resolved: 'moderation.audit.report_resolved',
  report_dismissed: 'moderation.audit.report_dismissed',
  role_changed: 'moderation.audit.role_changed',
  invitation_created: 'moderation.audit.invitation_created',
  invitation_revoked: 'moderation.audit.invitation_revoked',
  sign_up_approved: 'moderation.audit.sign_up_approved',
  sign_up_rejected: 'moderation.audit.sign_up_rejected',
  settings_changed: 'moderation.audit.settings_changed',
};
const CONFIRM = {
  delete: 'moderation.confirm.delete',
  suspend: 'moderation.confirm.suspend',
  block_domain: 'moderation.confirm.block_domain',
};

function party(p) {
  if (!p) {
    return t('moderation.unknownAccount');
  }
  return p.display_name ? `${p.display_name} (@${p.handle})` : `@${p.handle}`;
}

function reportedObject(o) {
  if (!o.found) {
    return h('li', { class: 'reported-object' }, h('p', { class: 'muted' }, t('moderation.objectMissing', { uri: o.uri })));
  }
  return h('li', { class: 'reported-object', 'data-object': o.uri },
    h('div', { class: 'policy-head' },
      h('span', { class: 'muted' }, t('moderation.objectBy', { author: o.author, date: formatDateTime(o.published_at) })),
      o.hidden ? h('span', { class: 'badge state-hidden' }, t('moderation.hidden')) : null,
      o.deleted ? h('span', { class: 'badge state-deleted' }, t('moderation.deleted')) : null),
    o.name ? h('p', {}, h('strong', {}, o.name)) : null,
    o.deleted ? null : h('blockquote', { class: 'reported-text' }, o.content_text || t('moderation.noText')),
    h('p', {}, h('a', { href: o.url || o.uri, rel: 'noopener noreferrer nofollow' }, t('moderation.openObject'))));
}

/** The actions that make sense for this report, as the node would accept them. */
function actionsFor(report) {
  if (report.state !== 'open') {
    return [];
  }
  const live = report.objects.filter((o) => o.found && !o.deleted);
  const actions = [];
  if (live.some((o) => !o.hidden)) {
    actions.push('hide');
  }
  if (live.length > 0) {
    actions.push('delete');
  }
  const target = report.target;
  if (target && target.local && target.member && !target.member.suspended
      && (target.member.role === 'member' || hasRole('admin'))) {
    actions.push('suspend');
  }
  if (target && !target.local && hasRole('admin')) {
    actions.push('block_domain');
  }
  actions.push('resolve', 'dismiss');
  return actions;
}

function reportItem(report, ui) {
  const actions = actionsFor(report);
  const reasonField = field({ name: 'reason', label: t('moderation.reason'), hint: t('moderation.reasonHint'),
    kind: 'textarea', maxlength: 2000 });
  const card = h('li', { class: 'card report', 'data-report': report.id },
    h('div', { class: 'policy-head' },
      h('h3', {}, t('moderation.reportAbout', { target: party(report.target) })),
      h('span', { class: `badge report-${report.state}` }, t(STATE_LABELS[report.state] || 'moderation.state.open'))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('moderation.from')),
      h('dd', {}, `${party(report.reporter)} · ${t(ORIGIN_LABELS[report.origin] || 'moderation.origin.unknown')}`),
      h('dt', {}, t('moderation.when')),
      h('dd', {}, formatDateTime(report.created_at)),
      report.comment ? [h('dt', {}, t('moderation.comment')), h('dd', {}, report.comment)] : null,
      report.resolved_by ? [h('dt', {}, t('moderation.closedBy')),
        h('dd', {}, t('moderation.closedByValue', { who: report.resolved_by, when: formatDateTime(report.resolved_at) }))] : null),
    report.objects.length > 0
      ? h('ul', { class: 'plain-list reported-objects', 'aria-label': t('moderation.objects') },
        report.objects.map(reportedObject))
      : null,
    actions.length > 0
      ? h('form', { class: 'form report-actions', novalidate: true, onSubmit: (e) => e.preventDefault() },
        h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true }),
        reasonField,
        h('div', { class: 'actions' }, actions.map((action) => h('button', {
          type: 'button',
          class: action === 'resolve' ? 'button' : (['delete', 'suspend', 'block_domain'].includes(action) ? 'button danger' : 'button secondary'),
          'data-action': action,
          onClick: (e) => act(e.currentTarget.form, report, action, ui),
        }, t(ACTION_LABELS[action])))))
      : null);
  return card;
}

async function act(form, report, action, ui) {
  if (CONFIRM[action] && !window.confirm(t(CONFIRM[action], { target: party(report.target) }))) {
    return;
  }
  const error = form.querySelector('.form-error');
  error.hidden = true;
  const reason = form.elements.reason.value.trim();
  const buttons = Array.from(form.querySelectorAll('button'));
  buttons.forEach((b) => { b.disabled = true; });
  try {
    await api.act(report.id, action, reason);
  } catch (e) {
    buttons.forEach((b) => { b.disabled = false; });
    const problem = problemsFromApi(e, { 403: { message: t('moderation.notAllowed') } })[0];
    error.textContent = problem.message;
    error.hidden = false;
    if (problem.lang) {
      error.setAttribute('lang', problem.lang);
    }
    error.focus();
    return;
  }
  await ui.reload();
  ui.announce(t('moderation.done', { action: t(ACTION_LABELS[action]) }));
}

function auditItem(entry) {
  return h('li', { class: 'audit-entry' },
    h('p', {},
      h('strong', {}, entry.by), ' ',
      t(AUDIT_LABELS[entry.action] || 'moderation.audit.other', { action: entry.action }), ' ',
      h('span', { class: 'audit-target' }, entry.target)),
    h('p', { class: 'muted' }, formatDateTime(entry.created_at),
      entry.report_id ? ` · ${t('moderation.audit.report', { id: entry.report_id })}` : ''),
    entry.reason ? h('p', { class: 'audit-reason' }, t('moderation.audit.reason', { reason: entry.reason })) : null);
}

function stateTabs(current, ui) {
  return h('nav', { class: 'tabs', 'aria-label': t('moderation.filter') },
    h('ul', {}, STATES.map((state) => h('li', {},
      h('button', {
        type: 'button',
        class: 'tab',
        'aria-pressed': String(state === current),
        onClick: () => ui.show(state),
      }, t(STATE_LABELS[state]))))));
}

export default {
  title: 'moderation.title',
  async render(main, { announce }) {
    main.append(h('h1', {}, t('moderation.title')), h('p', { class: 'lead' }, t('moderation.intro')));
    const queue = h('section', { 'aria-labelledby': 'queue-title' });
    const audit = h('section', { class: 'card', 'aria-labelledby': 'audit-title' });
    const ui = {
      announce,
      state: 'open',
      async show(state) {
        ui.state = state;
        await ui.reload();
        const pressed = queue.querySelector('.tab[aria-pressed="true"]');
        if (pressed) {
          pressed.focus();
        }
      },
      async reload() {
        try {
          const [answer, log] = await Promise.all([api.reports(ui.state), api.auditLog()]);
          clear(queue).append(
            h('h2', { id: 'queue-title' }, t('moderation.queueTitle'), ' ',
              h('span', { class: 'count' }, t('moderation.openCount', { count: answer.open }))),
            stateTabs(ui.state, ui),
            answer.reports.length === 0
              ? h('p', { class: 'card empty' }, t(ui.state === 'open' ? 'moderation.emptyOpen' : 'moderation.empty'))
              : h('ul', { class: 'plain-list report-list' }, answer.reports.map((r) => reportItem(r, ui))));
          clear(audit).append(
            h('h2', { id: 'audit-title' }, t('moderation.audit.title')),
            log.entries.length === 0
              ? h('p', { class: 'muted' }, t('moderation.audit.empty'))
              : h('ol', { class: 'plain-list audit-log' }, log.entries.map(auditItem)));
        } catch (e) {
          clear(queue).append(loadFailure(e));
        }
      },
    };
    main.append(h('div', { class: 'stack' }, queue, audit));
    await ui.reload();
  },
};
