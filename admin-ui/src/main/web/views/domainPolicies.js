// Federation, for administrators: the node's mode (open or allowlist) and its policy for each
// remote domain (block, silence, allow), through /api/v1/admin/domain-policies.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { federation } from '../api.js';
import { field, radios, formErrorArea, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy, loadFailure } from '../forms.js';
import { federationTabs } from './federationTabs.js';

const POLICY_LABELS = { block: 'policy.block', silence: 'policy.silence', allow: 'policy.allow' };
const POLICY_HINTS = { block: 'policy.blockHint', silence: 'policy.silenceHint', allow: 'policy.allowHint' };
const MODE_LABELS = { open: 'mode.open', allowlist: 'mode.allowlist' };
const MODE_HINTS = { open: 'mode.openHint', allowlist: 'mode.allowlistHint' };

function policyOptions() {
  return Object.keys(POLICY_LABELS).map((value) => ({ value, label: t(POLICY_LABELS[value]) }));
}

/** The node refuses a malformed domain with 400 and no field: that is about the domain field. */
function policyMessages() {
  return { 400: (error) => ({ field: 'domain', message: error.detail || t('policies.badDomain'), lang: 'en' }) };
}

function modeSection(state, ui) {
  const form = h('form', { class: 'form', novalidate: true, onSubmit: (e) => saveMode(e, state, ui) },
    formErrorArea(),
    radios({
      name: 'mode',
      legend: t('mode.legend'),
      value: state.mode,
      options: Object.keys(MODE_LABELS).map((value) => ({
        value, label: t(MODE_LABELS[value]), hint: t(MODE_HINTS[value]),
      })),
    }),
    h('button', { type: 'submit', class: 'button' }, t('mode.save')));
  return h('section', { class: 'card', 'aria-labelledby': 'mode-title' },
    h('h2', { id: 'mode-title' }, t('mode.title')),
    h('p', {}, t('mode.current', { mode: t(MODE_LABELS[state.mode] || 'mode.open') })),
    form);
}

async function saveMode(event, state, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const chosen = form.querySelector('input[name="mode"]:checked');
  if (!chosen || chosen.value === state.mode) {
    return;
  }
  if (chosen.value === 'allowlist' && !window.confirm(t('mode.confirmAllowlist'))) {
    return;
  }
  let failure = null;
  await whileBusy(form, async () => {
    try {
      await federation.setMode(chosen.value);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    showProblems(form, problemsFromApi(failure));
    return;
  }
  ui.announce(t('mode.saved', { mode: t(MODE_LABELS[chosen.value]) }));
  await ui.reload();
}

function policyForm(ui) {
  return h('form', { class: 'form', id: 'policy-form', novalidate: true, onSubmit: (e) => savePolicy(e, ui) },
    formErrorArea(),
    field({ name: 'domain', label: t('policies.domain'), hint: t('policies.domainHint'), required: true,
      autocomplete: 'off', spellcheck: 'false', maxlength: 253 }),
    field({ name: 'policy', label: t('policies.policy'), kind: 'select', options: policyOptions(), value: 'block' }),
    field({ name: 'publicComment', label: t('policies.publicComment'), kind: 'textarea',
      hint: t('policies.publicCommentHint'), maxlength: 2000 }),
    field({ name: 'privateNote', label: t('policies.privateNote'), kind: 'textarea',
      hint: t('policies.privateNoteHint'), maxlength: 2000 }),
    h('button', { type: 'submit', class: 'button' }, t('policies.save')));
}

async function savePolicy(event, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  if (showProblems(form, requiredProblems(form))) {
    return;
  }
  const values = {
    domain: form.elements.domain.value.trim(),
    policy: form.elements.policy.value,
    publicComment: form.elements.publicComment.value.trim(),
    privateNote: form.elements.privateNote.value.trim(),
  };
  let saved = null;
  let failure = null;
  await whileBusy(form, async () => {
    try {
      saved = await federation.setPolicy(values.domain, values.policy, values.publicComment, values.privateNote);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    showProblems(form, problemsFromApi(failure, policyMessages()));
    return;
  }
  form.reset();
  ui.announce(t('policies.saved', { domain: saved.displayName || saved.domain, policy: t(POLICY_LABELS[saved.policy]) }));
  await ui.reload();
}

function editPolicy(policy) {
  const form = document.getElementById('policy-form');
  form.elements.domain.value = policy.domain;
  form.elements.policy.value = policy.policy;
  form.elements.publicComment.value = policy.publicComment || '';
  form.elements.privateNote.value = policy.privateNote || '';
  form.elements.policy.focus();
}

async function removePolicy(policy, ui) {
  const name = policy.displayName || policy.domain;
  if (!window.confirm(t('policies.confirmRemove', { domain: name }))) {
    return;
  }
  try {
    await federation.removePolicy(policy.domain);
  } catch (e) {
    ui.announce(problemsFromApi(e)[0].message);
    return;
  }
  ui.announce(t('policies.removed', { domain: name }));
  await ui.reload();
}

function policyItem(p, ui) {
  const name = p.displayName || p.domain;
  return h('li', { class: 'card policy', 'data-domain': p.domain },
    h('div', { class: 'policy-head' },
      h('h3', {}, name),
      h('span', { class: `badge policy-${p.policy}` }, t(POLICY_LABELS[p.policy] || 'policy.block'))),
    h('p', { class: 'muted' }, t(POLICY_HINTS[p.policy] || 'policy.blockHint')),
    h('dl', { class: 'facts' },
      p.publicComment ? [h('dt', {}, t('policies.publicComment')), h('dd', {}, p.publicComment)] : null,
      p.privateNote ? [h('dt', {}, t('policies.privateNote')), h('dd', {}, p.privateNote)] : null,
      h('dt', {}, t('policies.setBy')),
      h('dd', {}, t('policies.setByValue', { who: p.createdBy, when: formatDateTime(p.updatedAt || p.createdAt) }))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onClick: () => editPolicy(p),
        'aria-label': t('policies.changeNamed', { domain: name }) }, t('policies.change')),
      h('button', { type: 'button', class: 'button danger', onClick: () => removePolicy(p, ui),
        'aria-label': t('policies.removeNamed', { domain: name }) }, t('policies.remove'))));
}

function policyList(state, ui) {
  return h('section', { 'aria-labelledby': 'policies-title' },
    h('h2', { id: 'policies-title' }, t('policies.title'), ' ', h('span', { class: 'count' }, `(${state.policies.length})`)),
    state.policies.length === 0
      ? h('p', { class: 'card empty' }, t(state.mode === 'allowlist' ? 'policies.emptyAllowlist' : 'policies.empty'))
      : h('ul', { class: 'policy-list' }, state.policies.map((p) => policyItem(p, ui))));
}

export default {
  title: 'federation.title',
  async render(main, { announce }) {
    main.append(h('h1', {}, t('federation.title')), federationTabs('/app/federation'),
      h('p', { class: 'lead' }, t('federation.intro')));
    const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('loading')));
    main.append(body);
    const ui = {
      announce,
      async reload() {
        let state;
        try {
          state = await federation.policies();
        } catch (e) {
          clear(body).append(loadFailure(e));
          return;
        }
        // What is in force first, then how to change it: on a phone, the list is what one comes for.
        clear(body).append(
          policyList(state, ui),
          h('section', { class: 'card', 'aria-labelledby': 'policy-form-title' },
            h('h2', { id: 'policy-form-title' }, t('policies.formTitle')), form),
          modeSection(state, ui));
      },
    };
    // Kept across reloads, so that what was typed survives a refresh of the list.
    const form = policyForm(ui);
    await ui.reload();
  },
};
