// Publishing an offer, or editing one that is still available: what it is, its photos, where it
// roughly is and who may see it. Fields that only make sense for one kind (a sale's price, a
// loan's deposit and period) show only for that kind.

import { h } from '../dom.js';
import { t, language } from '../i18n.js';
import { offers } from '../api.js';
import { currentMember } from '../session.js';
import { field, formErrorArea, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy,
  showFormError } from '../forms.js';
import { parseAmount, approximatePosition } from '../format.js';
import { loadVocabulary, vocabularyOptions, offerPath } from './offerParts.js';
import { photoList } from './photoUploads.js';

const MAX_PHOTOS = 4;
const VISIBILITIES = [
  { value: 'public', label: 'offers.visibility.public' },
  { value: 'followers', label: 'offers.visibility.followers' },
  { value: 'members', label: 'offers.visibility.members' },
];

function money(offerMoney) {
  return offerMoney ? offerMoney.amount : '';
}

/** Shows or hides the fields that belong to other kinds, and leaves them out of what is sent. */
function followKind(form) {
  const kind = form.elements.kind.value;
  form.querySelector('.for-sell').hidden = kind !== 'sell';
  form.querySelector('.for-lend').hidden = kind !== 'lend';
  form.querySelector('.for-items').hidden = kind === 'service' || kind === 'request';
}

function locationPart(initial) {
  const state = { position: initial && initial.latitude !== undefined && initial.latitude !== null
    ? { latitude: initial.latitude, longitude: initial.longitude } : null };
  const shown = h('p', { class: 'position', 'aria-live': 'polite' });
  const forget = h('button', { type: 'button', class: 'button secondary' }, t('offers.positionForget'));
  const use = h('button', { type: 'button', class: 'button secondary' }, t('offers.positionUse'));
  function show() {
    shown.textContent = state.position
      ? t('offers.positionValue', { latitude: state.position.latitude, longitude: state.position.longitude })
      : t('offers.positionNone');
    forget.hidden = !state.position;
  }
  use.addEventListener('click', async () => {
    shown.textContent = t('offers.positionAsking');
    try {
      state.position = await approximatePosition();
    } catch (e) {
      show();
      shown.textContent = t('offers.positionUnavailable');
      return;
    }
    show();
  });
  forget.addEventListener('click', () => {
    state.position = null;
    show();
    use.focus();
  });
  show();
  return {
    element: h('fieldset', { class: 'field location' },
      h('legend', {}, t('offers.where')),
      h('p', { class: 'hint' }, t('offers.whereHint')),
      field({ name: 'neighbourhood', label: t('offers.neighbourhood'), maxlength: 100,
        value: (initial && initial.neighbourhood) || '', autocomplete: 'off' }),
      shown,
      h('div', { class: 'actions' }, use, forget)),
    state,
  };
}

function offerForm(vocab, offer, photos, location, onSubmit) {
  const kindOptions = vocabularyOptions(vocab.kinds);
  const form = h('form', { class: 'form', id: 'offer-form', novalidate: true, onSubmit },
    formErrorArea(),
    offer
      ? h('p', {}, t('offers.kindFixed'), ' ', h('strong', {}, (kindOptions.find((k) => k.value === offer.kind) || {}).label || offer.kind),
        h('input', { type: 'hidden', name: 'kind', value: offer.kind }))
      : field({ name: 'kind', label: t('offers.kind'), kind: 'select', required: true, value: '',
        options: [{ value: '', label: t('offers.choose') }, ...kindOptions] }),
    field({ name: 'title', label: t('offers.titleField'), required: true, maxlength: 200,
      hint: t('offers.titleHint'), value: offer ? offer.title : '' }),
    field({ name: 'description', label: t('offers.description'), kind: 'textarea', maxlength: 10000,
      value: offer ? offer.description : '' }),
    field({ name: 'category', label: t('offers.category'), kind: 'select', required: true,
      value: offer && offer.category ? offer.category.key : '',
      options: [{ value: '', label: t('offers.choose') }, ...vocabularyOptions(vocab.categories)] }),
    h('div', { class: 'for-items' },
      field({ name: 'condition', label: t('offers.condition'), kind: 'select', value: (offer && offer.condition) || '',
        options: [{ value: '', label: t('offers.conditionNone') }, ...vocabularyOptions(vocab.conditions)] })),
    h('div', { class: 'for-sell' },
      field({ name: 'price', label: t('offers.price'), hint: t('offers.priceHint'), required: false,
        value: offer ? money(offer.price) : '', autocomplete: 'off' })),
    h('div', { class: 'for-lend form' },
      field({ name: 'deposit', label: t('offers.deposit'), hint: t('offers.depositHint'),
        value: offer ? money(offer.deposit) : '', autocomplete: 'off' }),
      field({ name: 'loan_period_days', label: t('offers.loanPeriod'), type: 'number', hint: t('offers.loanPeriodHint'),
        value: offer && offer.loan_period_days ? String(offer.loan_period_days) : '' })),
    photos.element,
    location.element,
    field({ name: 'visibility', label: t('offers.visibility'), kind: 'select', hint: t('offers.visibilityHint'),
      value: offer ? offer.visibility : 'public',
      options: VISIBILITIES.map((v) => ({ value: v.value, label: t(v.label) })) }),
    field({ name: 'language', label: t('offers.language'), kind: 'select', value: offer ? offer.language : language(),
      options: [{ value: 'fr', label: t('offers.languageFr') }, { value: 'en', label: t('offers.languageEn') }] }),
    h('button', { type: 'submit', class: 'button' }, t(offer ? 'offers.save' : 'offers.publishSubmit')));
  for (const name of ['price', 'deposit']) {
    form.elements[name].setAttribute('inputmode', 'decimal');
  }
  form.elements.loan_period_days.setAttribute('min', '1');
  form.elements.loan_period_days.setAttribute('max', '365');
  if (!offer) {
    form.elements.kind.addEventListener('change', () => followKind(form));
  }
  return form;
}

/** What the form says, as the offers API takes it, or the problems that keep it from being sent. */
function read(form, photos, location) {
  // A missing photo description gets its own message below; hidden fields belong to other kinds.
  const problems = requiredProblems(form)
    .filter((p) => !p.field.startsWith('photoAlt-') && !form.elements[p.field].closest('[hidden]'));
  const kind = form.elements.kind.value;
  const value = (name) => form.elements[name].value.trim();
  const body = {
    kind,
    title: value('title'),
    description: value('description'),
    category: value('category'),
    condition: kind === 'service' || kind === 'request' || value('condition') === '' ? null : value('condition'),
    price: null,
    deposit: null,
    loan_period_days: null,
    visibility: value('visibility'),
    language: value('language'),
    photos: photos.value(),
    location: null,
  };
  if (kind === 'sell') {
    const price = parseAmount(value('price'));
    if (price === null) {
      problems.push({ field: 'price', message: t(value('price') === '' ? 'offers.priceMissing' : 'offers.amountInvalid') });
    }
    body.price = price === null ? null : { amount: price, currency: 'EUR' };
  }
  if (kind === 'lend') {
    if (value('deposit') !== '') {
      const deposit = parseAmount(value('deposit'));
      if (deposit === null) {
        problems.push({ field: 'deposit', message: t('offers.amountInvalid') });
      }
      body.deposit = deposit === null ? null : { amount: deposit, currency: 'EUR' };
    }
    if (value('loan_period_days') !== '') {
      const days = Number(value('loan_period_days'));
      if (!Number.isInteger(days) || days < 1 || days > 365) {
        problems.push({ field: 'loan_period_days', message: t('offers.loanPeriodInvalid') });
      }
      body.loan_period_days = days;
    }
  }
  const neighbourhood = value('neighbourhood');
  if (location.state.position) {
    body.location = { neighbourhood: neighbourhood || null, ...location.state.position };
  } else if (neighbourhood !== '') {
    problems.push({ field: 'neighbourhood', message: t('offers.positionNeeded') });
  }
  problems.push(...photos.problems());
  return { body, problems };
}

/** The API names nested fields (price.amount, photos[0].alt, location.latitude); the form has plain names. */
function inputFor(apiField, photos) {
  const name = String(apiField || '');
  const photo = /^photos\[(\d+)\]/.exec(name);
  if (photo) {
    return photos.altName(Number(photo[1]));
  }
  if (name === 'photos') {
    return 'photo';
  }
  if (name.startsWith('location')) {
    return 'neighbourhood';
  }
  return name.split('.')[0];
}

export default {
  get title() {
    return window.location.pathname.endsWith('/edit') ? 'offers.editTitle' : 'offers.newTitle';
  },
  async render(main, { navigate, announce, params }) {
    const editing = Boolean(params.id);
    main.append(h('h1', {}, t(editing ? 'offers.editTitle' : 'offers.newTitle')));
    let vocab;
    let offer = null;
    try {
      vocab = await loadVocabulary();
      offer = editing ? await offers.get(params.id) : null;
    } catch (e) {
      main.append(h('p', { class: 'form-error', role: 'alert' },
        problemsFromApi(e, { 404: { message: t('offers.notFound') } })[0].message));
      return;
    }
    if (offer && offer.author.uri !== currentMember().uri) {
      main.append(h('p', { class: 'form-error', role: 'alert' }, t('offers.notYours')));
      return;
    }
    if (offer && offer.state !== 'available') {
      main.append(h('p', { class: 'card' }, t('offers.notEditable')),
        h('p', {}, h('a', { href: offerPath(offer) }, t('offers.backToOffer'))));
      return;
    }
    const photos = photoList({ max: MAX_PHOTOS, initial: offer ? offer.photos : [], announce });
    const location = locationPart(offer ? offer.location : null);
    const form = offerForm(vocab, offer, photos, location, async (event) => {
      event.preventDefault();
      clearErrors(form);
      if (photos.busy()) {
        showFormError(form, t('photos.wait'));
        return;
      }
      const { body, problems } = read(form, photos, location);
      if (showProblems(form, problems)) {
        return;
      }
      let saved = null;
      let failure = null;
      await whileBusy(form, async () => {
        try {
          saved = editing ? await offers.edit(offer.id, body) : await offers.create(body);
        } catch (e) {
          failure = e;
        }
      });
      if (failure) {
        showProblems(form, problemsFromApi(failure).map((p) => ({ ...p, field: p.field && inputFor(p.field, photos) })));
        return;
      }
      await navigate(offerPath(saved));
      announce(t(editing ? 'offers.saved' : 'offers.published', { title: saved.title }));
    });
    followKind(form);
    main.append(h('p', { class: 'lead' }, t('offers.formIntro')), form);
  },
};
