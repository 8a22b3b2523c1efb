// The node's settings, for administrators: its name and description, its rules, the tip
// suggested to people who pledge, its languages, and whether people may join on their own.

import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { settings as api } from '../api.js';
import { field, radios, formErrorArea, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy,
  loadFailure } from '../forms.js';

const REGISTRATIONS = {
  open: ['settings.registrations.open', 'settings.registrations.openHint'],
  approval: ['settings.registrations.approval', 'settings.registrations.approvalHint'],
  closed: ['settings.registrations.closed', 'settings.registrations.closedHint'],
};

function settingsForm(values, ui) {
  return h('form', { class: 'form', id: 'settings-form', novalidate: true, onSubmit: (e) => save(e, ui) },
    formErrorArea(),
    field({ name: 'name', label: t('settings.name'), hint: t('settings.nameHint'), required: true, maxlength: 100,
      value: values.name }),
    field({ name: 'description', label: t('settings.description'), kind: 'textarea', maxlength: 2000,
      value: values.description }),
    field({ name: 'rules', label: t('settings.rules'), hint: t('settings.rulesHint'), kind: 'textarea',
      maxlength: 10000, value: values.rules }),
    field({ name: 'default_tip_percent', label: t('settings.tip'), hint: t('settings.tipHint'), type: 'number',
      required: true, value: String(values.default_tip_percent) }),
    field({ name: 'languages', label: t('settings.languages'), hint: t('settings.languagesHint'), required: true,
      spellcheck: 'false', value: values.languages.join(', ') }),
    radios({
      name: 'registrations',
      legend: t('settings.registrations.legend'),
      value: values.registrations,
      options: Object.entries(REGISTRATIONS).map(([value, [label, hint]]) => ({ value, label: t(label), hint: t(hint) })),
    }),
    h('button', { type: 'submit', class: 'button' }, t('settings.save')));
}

async function save(event, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  if (showProblems(form, requiredProblems(form))) {
    return;
  }
  const tip = form.elements.default_tip_percent.value.trim();
  const chosen = form.querySelector('input[name="registrations"]:checked');
  const values = {
    name: form.elements.name.value.trim(),
    description: form.elements.description.value.trim(),
    rules: form.elements.rules.value.trim(),
    default_tip_percent: /^\d+$/.test(tip) ? Number(tip) : tip,
    languages: form.elements.languages.value.split(/[\s,]+/).filter((l) => l !== ''),
    registrations: chosen ? chosen.value : '',
  };
  let saved = null;
  let failure = null;
  await whileBusy(form, async () => {
    try {
      saved = await api.save(values);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    showProblems(form, problemsFromApi(failure));
    return;
  }
  await ui.reload();
  ui.announce(t('settings.saved', { name: saved.name }));
}

export default {
  title: 'settings.title',
  async render(main, { announce }) {
    main.append(h('h1', {}, t('settings.title')), h('p', { class: 'lead' }, t('settings.intro')));
    const body = h('div', { class: 'card' }, h('p', { class: 'muted' }, t('loading')));
    main.append(body);
    const ui = {
      announce,
      async reload() {
        try {
          const values = await api.get();
          clear(body).append(settingsForm(values, ui));
        } catch (e) {
          clear(body).append(loadFailure(e));
        }
      },
    };
    await ui.reload();
  },
};
