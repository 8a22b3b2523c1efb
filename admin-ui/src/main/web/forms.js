// Form fields that are accessible by construction: every input has a label, its hint and its
// error are tied to it with aria-describedby, and an error marks it aria-invalid.

import { h, uid } from './dom.js';
import { t } from './i18n.js';

/**
 * A labelled field. `kind` is 'input' (with `type`), 'textarea' or 'select' (with `options`, a
 * list of {value, label}). Returns the wrapper element; the control has the given `name`.
 */
export function field({ name, label, kind = 'input', type = 'text', hint, required = false, options = [],
  value = '', autocomplete, maxlength, spellcheck }) {
  const id = uid(`f-${name}`);
  const hintId = hint ? `${id}-hint` : null;
  const common = {
    id,
    name,
    required,
    autocomplete,
    maxlength,
    spellcheck,
    'aria-describedby': hintId,
    'data-describedby': hintId,
  };
  let control;
  if (kind === 'textarea') {
    control = h('textarea', { ...common, rows: 3 }, value);
  } else if (kind === 'select') {
    control = h('select', common,
      options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
  } else {
    control = h('input', { ...common, type, value });
  }
  return h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'required' }, ` ${t('form.required')}`) : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

/** A group of radio buttons in a fieldset whose legend names the choice. */
export function radios({ name, legend, options, value }) {
  return h('fieldset', { class: 'field radios' },
    h('legend', {}, legend),
    options.map((o) => {
      const id = uid(`f-${name}`);
      return h('div', { class: 'radio' },
        h('input', { type: 'radio', id, name, value: o.value, checked: o.value === value }),
        h('label', { for: id }, o.label, o.hint ? h('span', { class: 'hint' }, ` ${o.hint}`) : null));
    }));
}

/**
 * A photo and its description. A photo without a description is refused before it is sent:
 * people who cannot see it must still know what it shows.
 */
export function photoField({ name, label, altLabel }) {
  const wrapper = h('div', { class: 'photo-field' },
    field({ name, label, type: 'file' }),
    field({ name: `${name}Alt`, label: altLabel, kind: 'textarea', hint: t('photo.altHint'), maxlength: 1500 }));
  const input = wrapper.querySelector(`input[name="${name}"]`);
  input.setAttribute('accept', 'image/jpeg,image/png,image/webp');
  return wrapper;
}

/** The problems of a photo field: a chosen photo needs a description. */
export function photoProblems(form, name) {
  const input = form.querySelector(`input[name="${name}"]`);
  const alt = form.querySelector(`[name="${name}Alt"]`);
  if (input && input.files && input.files.length > 0 && alt && alt.value.trim() === '') {
    return [{ field: `${name}Alt`, message: t('photo.altRequired') }];
  }
  return [];
}

/** The problems of empty required fields, with a translated message for each. */
export function requiredProblems(form) {
  return Array.from(form.querySelectorAll('[required]'))
    .filter((el) => String(el.value).trim() === '')
    .map((el) => ({ field: el.name, message: t('form.requiredField') }));
}

/** Clears every error shown in a form. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    restoreDescribedBy(el);
  }
  for (const p of form.querySelectorAll('.field-error')) {
    p.textContent = '';
    p.hidden = true;
    p.removeAttribute('lang');
  }
  const summary = form.querySelector('.form-error');
  if (summary) {
    summary.textContent = '';
    summary.hidden = true;
    summary.removeAttribute('lang');
  }
}

function restoreDescribedBy(el) {
  const hint = el.getAttribute('data-describedby');
  if (hint) {
    el.setAttribute('aria-describedby', hint);
  } else {
    el.removeAttribute('aria-describedby');
  }
}

/** The API names fields by JSON pointer (/policy) or by name (username); we name inputs plainly. */
export function fieldName(apiField) {
  return String(apiField || '').replace(/^\//, '').split('/')[0];
}

/**
 * Shows problems next to the fields they concern, and the rest at the top of the form. Each
 * problem is {field, message, lang}; `lang` marks text that came untranslated from the node.
 * Focuses the first field in error. Returns true if anything was shown.
 */
export function showProblems(form, problems) {
  let first = null;
  for (const problem of problems) {
    const input = problem.field ? form.querySelector(`[name="${fieldName(problem.field)}"]`) : null;
    if (!input) {
      showFormError(form, problem.message, problem.lang);
      continue;
    }
    const error = form.querySelector(`#${CSS.escape(input.id)}-error`);
    error.textContent = error.textContent ? `${error.textContent} ${problem.message}` : problem.message;
    error.hidden = false;
    if (problem.lang) {
      error.setAttribute('lang', problem.lang);
    }
    input.setAttribute('aria-invalid', 'true');
    const hint = input.getAttribute('data-describedby');
    input.setAttribute('aria-describedby', hint ? `${error.id} ${hint}` : error.id);
    first = first || input;
  }
  if (first) {
    first.focus();
  } else if (problems.length > 0) {
    const summary = form.querySelector('.form-error');
    if (summary) {
      summary.focus();
    }
  }
  return problems.length > 0;
}

/** A message about the whole form, announced at once (role=alert). */
export function showFormError(form, message, lang) {
  const summary = form.querySelector('.form-error');
  summary.textContent = message;
  summary.hidden = false;
  if (lang) {
    summary.setAttribute('lang', lang);
  }
}

/** The place for form-level errors; put it first in every form. */
export function formErrorArea() {
  return h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
}

/**
 * A page's own message area for what an action on it could not do: `show(problem)` announces the
 * problem there and moves focus to it, `hide()` clears it before the page is drawn again.
 */
export function pageAlert() {
  const area = formErrorArea();
  return {
    area,
    show(problem) {
      area.textContent = problem.message;
      area.hidden = false;
      if (problem.lang) {
        area.setAttribute('lang', problem.lang);
      } else {
        area.removeAttribute('lang');
      }
      area.focus();
    },
    hide() {
      area.hidden = true;
      area.removeAttribute('lang');
    },
  };
}

/**
 * What a page shows, announced at once, when what it should show could not be loaded;
 * `messagesByStatus` as for `problemsFromApi` (e.g. its own words for a 404).
 */
export function loadFailure(error, messagesByStatus = {}) {
  return h('p', { class: 'form-error', role: 'alert' }, problemsFromApi(error, messagesByStatus)[0].message);
}

/**
 * Turns an API failure into problems to show: field errors keep the node's message (in English,
 * marked so); other failures get a translated message chosen by status, or the node's detail.
 */
export function problemsFromApi(error, messagesByStatus = {}) {
  if (error.status === 0) {
    return [{ message: t('error.network') }];
  }
  if (error.errors.length > 0) {
    return error.errors.map((e) => ({ field: e.field, message: e.message, lang: 'en' }));
  }
  const known = messagesByStatus[error.status];
  if (known) {
    return [typeof known === 'function' ? known(error) : known];
  }
  if (error.status >= 500) {
    return [{ message: t('error.server') }];
  }
  return [{ message: error.detail || t('error.unknown'), lang: error.detail ? 'en' : undefined }];
}

/** Disables a form's controls while a request is on its way, so that it is not sent twice. */
export async function whileBusy(form, work) {
  const controls = Array.from(form.querySelectorAll('button, input, select, textarea'));
  form.setAttribute('aria-busy', 'true');
  controls.forEach((c) => { c.disabled = true; });
  try {
    return await work();
  } finally {
    controls.forEach((c) => { c.disabled = false; });
    form.removeAttribute('aria-busy');
  }
}
