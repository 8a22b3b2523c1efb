// The signed-in member as the node knows them (GET /api/v1/me), and the form to change what
// others see of them (PATCH /api/v1/me).

import { h, uid } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { currentMember, editProfile } from '../session.js';
import { field, formErrorArea, clearErrors, showProblems, showFormError, problemsFromApi, requiredProblems,
  whileBusy } from '../forms.js';
import { photoList } from './photoUploads.js';
import { localImage } from '../format.js';

const ROLE_LABELS = { member: 'role.member', moderator: 'role.moderator', admin: 'role.admin' };
// The languages the node accepts (BCP 47 tags), in the order they are offered, with their names.
const LANGUAGE_NAMES = {
  fr: 'profile.language.fr',
  en: 'profile.language.en',
  es: 'profile.language.es',
  de: 'profile.language.de',
  it: 'profile.language.it',
  ar: 'profile.language.ar',
  pt: 'profile.language.pt',
};
const SPOKEN = Object.keys(LANGUAGE_NAMES);
const MAX_LANGUAGES = 5;

function row(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function facts(m) {
  const avatar = localImage(m.avatar_url);
  return h('div', { class: 'card profile-facts' },
    avatar ? h('img', { class: 'avatar', src: avatar, alt: m.avatar_alt || '' }) : null,
    h('dl', { class: 'facts' },
      row(t('profile.displayName'), m.display_name || t('profile.noDisplayName')),
      row(t('profile.username'), m.username),
      row(t('profile.handle'), `@${m.acct}`),
      row(t('profile.neighbourhood'), m.neighbourhood || t('profile.none')),
      row(t('profile.languages'), (m.languages || []).length
        ? m.languages.map((l) => (LANGUAGE_NAMES[l] ? t(LANGUAGE_NAMES[l]) : l)).join(', ') : t('profile.none')),
      row(t('profile.role'), t(ROLE_LABELS[m.role] || 'role.member')),
      row(t('profile.collective'), h('a', { href: m.collective.uri }, m.collective.username)),
      row(t('profile.since'), formatDateTime(m.created_at))),
    m.summary ? h('p', { class: 'profile-summary' }, m.summary) : null,
    h('p', {}, h('a', { href: m.uri }, t('profile.publicPage'))));
}

/** Checkboxes for the spoken languages; an error about them shows under the group. */
function languageChoices(chosen) {
  const boxes = SPOKEN.map((tag) => {
    const id = uid(`f-languages-${tag}`);
    return h('div', { class: 'checkbox' },
      h('input', { type: 'checkbox', id, name: 'languages', value: tag, checked: chosen.includes(tag) }),
      h('label', { for: id, lang: tag }, t(LANGUAGE_NAMES[tag])));
  });
  const firstId = boxes[0].querySelector('input').id;
  return h('fieldset', { class: 'field checkboxes' },
    h('legend', {}, t('profile.languages')),
    h('p', { class: 'hint' }, t('profile.languagesHint', { max: MAX_LANGUAGES })),
    boxes,
    h('p', { class: 'field-error', id: `${firstId}-error`, hidden: true }));
}

function read(form, photos) {
  const problems = requiredProblems(form).filter((p) => !p.field.startsWith('photoAlt-'));
  const languages = Array.from(form.querySelectorAll('input[name="languages"]:checked')).map((c) => c.value);
  if (languages.length > MAX_LANGUAGES) {
    problems.push({ field: 'languages', message: t('profile.tooManyLanguages', { max: MAX_LANGUAGES }) });
  }
  problems.push(...photos.problems());
  const photo = photos.value()[0];
  return {
    problems,
    body: {
      display_name: form.elements.display_name.value.trim(),
      summary: form.elements.summary.value,
      neighbourhood: form.elements.neighbourhood.value.trim(),
      languages,
      avatar_media_id: photo ? photo.media_id : null,
      avatar_alt: photo ? photo.alt : null,
    },
  };
}

/** The API names the avatar's fields; the form has the photo list's own names. */
function inputFor(apiField, photos) {
  if (apiField === 'avatar_alt') {
    return photos.altName(0);
  }
  return apiField === 'avatar_media_id' ? 'photo' : apiField;
}

function editForm(m, announce, onSaved) {
  const photos = photoList({
    max: 1,
    initial: m.avatar_media_id ? [{ media_id: m.avatar_media_id, url: m.avatar_url, alt: m.avatar_alt }] : [],
    announce,
  });
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', {}, t('profile.editTitle')),
    formErrorArea(),
    field({ name: 'display_name', label: t('profile.displayName'), required: true, maxlength: 100,
      value: m.display_name || '' }),
    field({ name: 'summary', label: t('profile.summary'), kind: 'textarea', maxlength: 500,
      hint: t('profile.summaryHint'), value: m.summary || '' }),
    field({ name: 'neighbourhood', label: t('profile.neighbourhood'), maxlength: 100,
      hint: t('profile.neighbourhoodHint'), value: m.neighbourhood || '' }),
    languageChoices(m.languages || []),
    photos.element,
    h('button', { type: 'submit', class: 'button primary' }, t('profile.save')));
  form.querySelector('.photos legend').textContent = t('profile.avatar');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (photos.busy()) {
      showFormError(form, t('photos.wait'));
      return;
    }
    const { body, problems } = read(form, photos);
    if (showProblems(form, problems)) {
      return;
    }
    let failure = null;
    let saved = null;
    await whileBusy(form, async () => {
      try {
        saved = await editProfile(body);
      } catch (e) {
        failure = e;
      }
    });
    if (failure) {
      showProblems(form, problemsFromApi(failure).map((p) => ({ ...p, field: p.field && inputFor(p.field, photos) })));
      return;
    }
    onSaved(saved);
  });
  return form;
}

export default {
  title: 'profile.title',
  render(main, { announce }) {
    const shown = h('div', {}, facts(currentMember()));
    main.append(
      h('h1', {}, t('profile.title')),
      shown,
      editForm(currentMember(), announce, (saved) => {
        shown.replaceChildren(facts(saved));
        announce(t('profile.saved'));
      }));
  },
};
