// Creating a campaign, for an administrator of the collective: it starts as a draft, which they
// publish from its page once it reads well.

import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { campaigns } from '../api.js';
import { currentMember } from '../session.js';
import { field, formErrorArea, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy }
  from '../forms.js';
import { parseAmount } from '../format.js';
import { campaignPath } from './campaignParts.js';

const MAX_TIERS = 3;

/** A date from a date input, as the end of that day where the admin is, in ISO 8601 with its offset. */
function endOfDay(date) {
  const end = new Date(`${date}T23:59:00`);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}

function tierFields(index) {
  return h('fieldset', { class: 'field tier' },
    h('legend', {}, t('campaigns.new.tier', { number: index + 1 })),
    field({ name: `tier-${index}-amount`, label: t('campaigns.new.tierAmount'), autocomplete: 'off' }),
    field({ name: `tier-${index}-title`, label: t('campaigns.new.tierTitle'), maxlength: 100 }));
}

function checkbox(name, label, checked, hint) {
  const id = uid(`f-${name}`);
  return h('div', { class: 'field checkbox' },
    h('input', { type: 'checkbox', id, name, checked, 'aria-describedby': `${id}-hint` }),
    h('label', { for: id }, label),
    h('p', { class: 'hint', id: `${id}-hint` }, hint),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

/** The API names tiers/0/amount; the form calls that field tier-0-amount. */
function inputFor(apiField) {
  const tier = /^tiers\/(\d+)\/(amount|title)/.exec(String(apiField || ''));
  if (tier) {
    return `tier-${tier[1]}-${tier[2]}`;
  }
  return String(apiField || '').split('/')[0];
}

function read(form) {
  const problems = requiredProblems(form);
  const value = (name) => form.elements[name].value.trim();
  const goal = parseAmount(value('goal'));
  if (value('goal') !== '' && goal === null) {
    problems.push({ field: 'goal', message: t('offers.amountInvalid') });
  }
  const ends = value('ends_at') === '' ? null : endOfDay(value('ends_at'));
  const tiers = [];
  for (let i = 0; i < MAX_TIERS; i += 1) {
    const amountText = value(`tier-${i}-amount`);
    if (amountText === '') {
      continue;
    }
    const amount = parseAmount(amountText);
    if (amount === null) {
      problems.push({ field: `tier-${i}-amount`, message: t('offers.amountInvalid') });
    }
    tiers.push({ amount, title: value(`tier-${i}-title`) || null });
  }
  return {
    problems,
    body: {
      title: value('title'),
      description: value('description'),
      currency: 'EUR',
      goal,
      ends_at: ends,
      rule: form.querySelector('[name="rule"]').value,
      free_amount: form.elements.free_amount.checked,
      tiers,
    },
  };
}

export default {
  title: 'campaigns.new.title',
  render(main, { navigate, announce }) {
    const collective = currentMember().collective.username;
    const form = h('form', { class: 'form', id: 'campaign-form', novalidate: true },
      formErrorArea(),
      field({ name: 'title', label: t('campaigns.new.titleField'), required: true, maxlength: 200 }),
      field({ name: 'description', label: t('campaigns.new.description'), kind: 'textarea', maxlength: 20000,
        hint: t('campaigns.new.descriptionHint') }),
      field({ name: 'goal', label: t('campaigns.new.goal'), required: true, hint: t('campaigns.new.goalHint'), autocomplete: 'off' }),
      field({ name: 'ends_at', label: t('campaigns.new.ends'), type: 'date', required: true, hint: t('campaigns.new.endsHint') }),
      field({ name: 'rule', label: t('campaigns.ruleLabel'), kind: 'select', value: 'keep_what_is_raised', options: [
        { value: 'keep_what_is_raised', label: t('campaigns.rule.keep') },
        { value: 'all_or_nothing', label: t('campaigns.rule.allOrNothing') }] }),
      checkbox('free_amount', t('campaigns.new.freeAmount'), true, t('campaigns.new.freeAmountHint')),
      h('fieldset', { class: 'field tiers' },
        h('legend', {}, t('campaigns.tiers')),
        h('p', { class: 'hint' }, t('campaigns.new.tiersHint')),
        Array.from({ length: MAX_TIERS }, (x, i) => tierFields(i))),
      h('button', { type: 'submit', class: 'button' }, t('campaigns.new.submit')));
    form.elements.goal.setAttribute('inputmode', 'decimal');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const { body, problems } = read(form);
      if (showProblems(form, problems)) {
        return;
      }
      let created = null;
      let failure = null;
      await whileBusy(form, async () => {
        try {
          created = await campaigns.create(collective, body);
        } catch (e) {
          failure = e;
        }
      });
      if (failure) {
        showProblems(form, problemsFromApi(failure).map((p) => ({ ...p, field: p.field && inputFor(p.field) })));
        return;
      }
      await navigate(campaignPath(created));
      announce(t('campaigns.new.created', { title: created.title }));
    });
    main.append(
      h('h1', {}, t('campaigns.new.title')),
      h('p', { class: 'lead' }, t('campaigns.new.intro', { collective })),
      form);
  },
};
