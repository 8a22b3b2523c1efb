// One campaign: its progress, a pledge form whose optional tip to the node's cooperative is
// shown apart from what goes to the collective, and, for the collective's treasurer, its pledges
// with the payment references to match against the bank statement.

import { h, clear, uid } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { campaigns, pledges } from '../api.js';
import { currentMember } from '../session.js';
import { field, formErrorArea, pageAlert, clearErrors, showProblems, problemsFromApi, whileBusy, loadFailure }
  from '../forms.js';
import { formatMoney, formatDate, parseAmount, toCents, fromCents, richText } from '../format.js';
import { progressBar, campaignStateLabel, pledgeStateLabel, isTreasurerOf } from './campaignParts.js';

const PAYMENT_LABELS = {
  account_holder: 'pledges.payment.accountHolder',
  iban: 'pledges.payment.iban',
  bic: 'pledges.payment.bic',
  amount: 'pledges.payment.amount',
  reference: 'pledges.payment.reference',
  split: 'pledges.payment.split',
};
const METHODS = [
  { value: 'bank_transfer', label: 'campaigns.treasurer.bankTransfer' },
  { value: 'cash', label: 'campaigns.treasurer.cash' },
  { value: 'cheque', label: 'campaigns.treasurer.cheque' },
];
const RULES = { keep_what_is_raised: 'campaigns.rule.keep', all_or_nothing: 'campaigns.rule.allOrNothing' };

function money(campaign, amount) {
  return formatMoney({ amount, currency: campaign.goal.currency });
}

function overview(campaign) {
  const p = campaign.progress || {};
  return [
    h('p', { class: 'tags' },
      h('span', { class: `badge state campaign-${campaign.state}` }, campaignStateLabel(campaign.state)),
      h('span', { class: 'tag' }, campaign.collective.name || campaign.collective.username)),
    progressBar(campaign),
    h('dl', { class: 'facts' },
      h('dt', {}, t('campaigns.received')), h('dd', {}, formatMoney(p.received)),
      h('dt', {}, t('campaigns.promised')), h('dd', {}, formatMoney(p.promised)),
      h('dt', {}, t('campaigns.contributors')), h('dd', {}, String(p.contributors || 0)),
      h('dt', {}, t('campaigns.ends')), h('dd', {}, campaign.state === 'open'
        ? t('campaigns.daysLeft', { days: p.days_left || 0, end: formatDate(campaign.ends_at) })
        : formatDate(campaign.ends_at)),
      h('dt', {}, t('campaigns.ruleLabel')), h('dd', {}, t(RULES[campaign.rule] || 'campaigns.rule.keep')),
      h('dt', {}, t('campaigns.tips')),
      h('dd', {}, t('campaigns.tipsValue', { received: formatMoney(p.tips_received), promised: formatMoney(p.tips_promised) }))),
    campaign.description_html ? richText(campaign.description_html) : null,
    campaign.tiers.length > 0
      ? h('section', { 'aria-labelledby': 'tiers-title' },
        h('h2', { id: 'tiers-title' }, t('campaigns.tiers')),
        h('ul', { class: 'tiers' }, campaign.tiers.map((tier) => h('li', { class: 'card' },
          h('strong', {}, money(campaign, tier.amount)), tier.title ? ` · ${tier.title}` : '',
          tier.counterpart ? h('p', { class: 'muted' }, tier.counterpart) : null))))
      : null,
  ];
}

function checkbox(name, label, checked) {
  const id = uid(`f-${name}`);
  return h('div', { class: 'field checkbox' },
    h('input', { type: 'checkbox', id, name, checked }),
    h('label', { for: id }, label));
}

/** What goes where: to the collective, to the cooperative, in total. Amounts in cents, never floats. */
function summary(campaign, form, box) {
  const amount = toCents(form.elements.amount.value) || 0;
  const tip = toCents(form.elements.tip.value) || 0;
  clear(box).append(
    h('dt', {}, t('pledges.toCollectiveNamed', { collective: campaign.collective.name || campaign.collective.username })),
    h('dd', {}, money(campaign, fromCents(amount))),
    h('dt', {}, t('pledges.tipToCooperative')), h('dd', {}, money(campaign, fromCents(tip))),
    h('dt', {}, t('pledges.total')), h('dd', {}, h('strong', {}, money(campaign, fromCents(amount + tip)))));
}

function paymentCard(payment, pledge) {
  if (!payment || !payment.available) {
    return h('div', { class: 'card', id: 'payment' },
      h('h2', { tabindex: '-1' }, t('pledges.howToPay')),
      h('p', {}, t('pledges.paymentLater')),
      h('p', { class: 'muted' }, t('pledges.referenceToQuote', { reference: pledge.payment_reference })),
      payment && payment.reason ? h('p', { class: 'muted', lang: 'en' }, payment.reason) : null);
  }
  return h('div', { class: 'card', id: 'payment' },
    h('h2', { tabindex: '-1' }, t('pledges.howToPay')),
    h('p', {}, t('pledges.transferIntro')),
    h('dl', { class: 'facts payment' }, Object.entries(payment.details).map(([key, value]) => [
      h('dt', {}, PAYMENT_LABELS[key] ? t(PAYMENT_LABELS[key]) : key),
      h('dd', { class: key === 'reference' || key === 'iban' ? 'reference' : null, lang: key === 'split' ? 'en' : null }, value)])));
}

function pledgeForm(campaign, ui) {
  const member = currentMember();
  const percent = Number(campaign.suggested_tip_percent) || 0;
  const amountField = campaign.free_amount
    ? field({ name: 'amount', label: t('pledges.amount'), required: true, hint: t('pledges.amountHint'), autocomplete: 'off' })
    : field({ name: 'amount', label: t('pledges.amountTier'), kind: 'select', required: true,
      options: [{ value: '', label: t('offers.choose') },
        ...campaign.tiers.map((tier) => ({ value: tier.amount, label: `${money(campaign, tier.amount)}${tier.title ? ` · ${tier.title}` : ''}` }))] });
  const box = h('dl', { class: 'facts pledge-summary', 'aria-live': 'polite' });
  let tipTouched = false;
  const form = h('form', { class: 'form', id: 'pledge-form', novalidate: true },
    formErrorArea(),
    amountField,
    h('fieldset', { class: 'field tip' },
      h('legend', {}, t('pledges.tipLegend')),
      h('p', { class: 'hint' }, t('pledges.tipExplain', { percent })),
      field({ name: 'tip', label: t('pledges.tipAmount'), hint: t('pledges.tipHint'), value: '0.00', autocomplete: 'off' }),
      h('button', { type: 'button', class: 'button secondary', onClick: () => {
        tipTouched = true;
        form.elements.tip.value = '0.00';
        summary(campaign, form, box);
        ui.announce(t('pledges.noTipSet'));
      } }, t('pledges.noTip'))),
    h('div', { class: 'card summary-card' }, h('h3', {}, t('pledges.summaryTitle')), box),
    field({ name: 'public_name', label: t('pledges.publicName'), hint: t('pledges.publicNameHint'), maxlength: 100,
      value: member.display_name || member.username }),
    checkbox('anonymous', t('pledges.anonymous'), false),
    field({ name: 'message', label: t('pledges.message'), kind: 'textarea', maxlength: 1000 }),
    h('button', { type: 'submit', class: 'button' }, t('pledges.submit')));
  for (const name of ['tip'].concat(campaign.free_amount ? ['amount'] : [])) {
    form.elements[name].setAttribute('inputmode', 'decimal');
  }
  const suggestTip = () => {
    if (!tipTouched) {
      const cents = toCents(form.elements.amount.value);
      form.elements.tip.value = fromCents(cents === null ? 0 : Math.round((cents * percent) / 100));
    }
    summary(campaign, form, box);
  };
  form.elements.amount.addEventListener('input', suggestTip);
  form.elements.amount.addEventListener('change', suggestTip);
  form.elements.tip.addEventListener('input', () => {
    tipTouched = true;
    summary(campaign, form, box);
  });
  form.elements.anonymous.addEventListener('change', () => {
    form.elements.public_name.disabled = form.elements.anonymous.checked;
  });
  form.addEventListener('submit', (event) => submitPledge(event, campaign, ui));
  summary(campaign, form, box);
  return form;
}

async function submitPledge(event, campaign, ui) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const problems = [];
  const amount = parseAmount(form.elements.amount.value);
  if (amount === null || toCents(amount) === 0) {
    problems.push({ field: 'amount', message: t(form.elements.amount.value.trim() === '' ? 'form.requiredField' : 'offers.amountInvalid') });
  }
  const tipText = form.elements.tip.value.trim() === '' ? '0' : form.elements.tip.value;
  const tip = parseAmount(tipText);
  if (tip === null) {
    problems.push({ field: 'tip', message: t('offers.amountInvalid') });
  }
  if (showProblems(form, problems)) {
    return;
  }
  const anonymous = form.elements.anonymous.checked;
  const body = {
    amount,
    tip,
    currency: campaign.goal.currency,
    anonymous,
    public_name: anonymous ? null : form.elements.public_name.value.trim() || null,
    message: form.elements.message.value.trim() || null,
  };
  let made = null;
  let failure = null;
  await whileBusy(form, async () => {
    try {
      made = await campaigns.pledge(campaign.id, body);
    } catch (e) {
      failure = e;
    }
  });
  if (failure) {
    showProblems(form, problemsFromApi(failure));
    return;
  }
  const card = paymentCard(made.payment, made);
  form.replaceWith(card);
  ui.announce(t('pledges.thanks', { amount: formatMoney(made.amount), tip: formatMoney(made.tip) }));
  card.querySelector('h2').focus();
}

// ---- the treasurer's part ------------------------------------------------------------------

function donorName(p) {
  return p.donor_legal_name || p.public_name || (p.donor_username ? `@${p.donor_username}` : null)
    || p.donor_email || p.donor_actor_uri || t('pledges.anonymousDonor');
}

function receiveForm(p, ui) {
  const form = h('form', { class: 'form receive-form', novalidate: true },
    formErrorArea(),
    field({ name: 'method', label: t('campaigns.treasurer.method'), kind: 'select', value: 'bank_transfer',
      options: METHODS.map((m) => ({ value: m.value, label: t(m.label) })) }),
    field({ name: 'reference', label: t('campaigns.treasurer.statementReference'), value: p.payment_reference || '',
      hint: t('campaigns.treasurer.statementReferenceHint'), maxlength: 200, autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'button' }, t('campaigns.treasurer.markReceived')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    let failure = null;
    await whileBusy(form, async () => {
      try {
        await pledges.receive(p.id, form.elements.method.value, form.elements.reference.value.trim() || null);
      } catch (e) {
        failure = e;
      }
    });
    if (failure) {
      showProblems(form, problemsFromApi(failure));
      return;
    }
    ui.announce(t('campaigns.treasurer.received', { donor: donorName(p), amount: formatMoney(p.amount) }));
    await ui.reload(true);
  });
  return form;
}

function treasurerButton(label, className, run, ui, confirmText) {
  return h('button', { type: 'button', class: `button ${className}`, onClick: async (event) => {
    if (confirmText && !window.confirm(confirmText)) {
      return;
    }
    event.currentTarget.disabled = true;
    try {
      await run();
    } catch (e) {
      ui.alert(problemsFromApi(e)[0]);
      return;
    }
    await ui.reload(true);
  } }, label);
}

function treasurerPledge(p, ui) {
  const donor = donorName(p);
  return h('li', { class: 'card pledge', 'data-pledge': p.id },
    h('h3', {}, donor),
    h('p', { class: 'tags' }, h('span', { class: `badge pledge-${p.state}` }, pledgeStateLabel(p.state))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('pledges.toCollective')), h('dd', {}, formatMoney(p.amount)),
      h('dt', {}, t('pledges.tip')), h('dd', {}, formatMoney(p.tip)),
      h('dt', {}, t('campaigns.treasurer.transferReference')), h('dd', { class: 'reference' }, p.payment_reference || ''),
      p.state !== 'promised' && p.payment_method
        ? [h('dt', {}, t('campaigns.treasurer.method')), h('dd', {}, t((METHODS.find((m) => m.value === p.payment_method) || METHODS[0]).label))]
        : null,
      p.donor_email ? [h('dt', {}, t('campaigns.treasurer.email')), h('dd', {}, p.donor_email)] : null,
      p.message ? [h('dt', {}, t('pledges.message')), h('dd', {}, p.message)] : null,
      h('dt', {}, t('pledges.madeOn')), h('dd', {}, formatDateTime(p.created_at))),
    p.state === 'promised' ? receiveForm(p, ui) : null,
    h('div', { class: 'actions' },
      p.state === 'promised'
        ? treasurerButton(t('campaigns.treasurer.release'), 'secondary', async () => {
          await pledges.release(p.id);
          ui.announce(t('campaigns.treasurer.released', { donor }));
        }, ui, t('campaigns.treasurer.confirmRelease', { donor }))
        : null,
      p.state === 'received'
        ? treasurerButton(t('campaigns.treasurer.refund'), 'danger', async () => {
          await pledges.refund(p.id);
          ui.announce(t('campaigns.treasurer.refunded', { donor }));
        }, ui, t('campaigns.treasurer.confirmRefund', { donor, amount: formatMoney(p.amount) }))
        : null,
      p.state === 'received'
        ? h('a', { class: 'button secondary', href: pledges.receiptPath(p.id), download: `receipt-${p.id}.pdf` },
          t('campaigns.treasurer.receipt'))
        : null));
}

async function treasurerPart(campaign, ui) {
  const list = campaign.state === 'draft' ? { items: [] } : await campaigns.pledges(campaign.id);
  return h('section', { class: 'stack treasurer', 'aria-labelledby': 'treasurer-title' },
    h('h2', { id: 'treasurer-title', tabindex: '-1' }, t('campaigns.treasurer.title')),
    ui.alertArea,
    h('div', { class: 'actions' },
      campaign.state === 'draft'
        ? treasurerButton(t('campaigns.treasurer.publish'), '', async () => {
          await campaigns.publish(campaign.id);
          ui.announce(t('campaigns.treasurer.published'));
        }, ui, t('campaigns.treasurer.confirmPublish'))
        : null,
      campaign.state === 'open'
        ? treasurerButton(t('campaigns.treasurer.cancel'), 'danger', async () => {
          await campaigns.cancel(campaign.id);
          ui.announce(t('campaigns.treasurer.cancelled'));
        }, ui, t('campaigns.treasurer.confirmCancel'))
        : null,
      campaign.state !== 'draft'
        ? h('a', { class: 'button secondary', href: campaigns.csvPath(campaign.id), download: `campaign-${campaign.id}-ledger.csv` },
          t('campaigns.treasurer.csv'))
        : null),
    campaign.state === 'draft' ? h('p', { class: 'muted' }, t('campaigns.treasurer.draftHint')) : null,
    list.items.length === 0 && campaign.state !== 'draft'
      ? h('p', { class: 'card empty' }, t('campaigns.treasurer.noPledges'))
      : h('ul', { class: 'item-list treasurer-pledges' }, list.items.map((p) => treasurerPledge(p, ui))));
}

export default {
  title: 'campaigns.pageTitle',
  async render(main, { announce, params }) {
    const heading = h('h1', {}, t('campaigns.pageTitle'));
    const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('loading')));
    main.append(heading, body);
    const notice = pageAlert();
    const ui = {
      announce,
      alertArea: notice.area,
      alert: notice.show,
      async reload(afterAction = false) {
        notice.hide();
        let campaign;
        let treasurer = null;
        try {
          campaign = await campaigns.get(params.id);
          treasurer = isTreasurerOf(campaign) ? await treasurerPart(campaign, ui) : null;
        } catch (e) {
          clear(body).append(loadFailure(e, { 404: { message: t('campaigns.notFound') } }));
          return;
        }
        heading.textContent = campaign.title;
        document.title = `${campaign.title} · ${t('app.name')}`;
        // h() skips the parts that do not apply (null); append() would print them.
        clear(body).append(h('div', { class: 'stack' },
          overview(campaign),
          campaign.state === 'open'
            ? h('section', { class: 'card', 'aria-labelledby': 'pledge-title' },
              h('h2', { id: 'pledge-title' }, t('pledges.formTitle')), pledgeForm(campaign, ui))
            : h('p', { class: 'card' }, t(campaign.state === 'draft' ? 'campaigns.notOpenYet' : 'campaigns.closedForPledges')),
          treasurer));
        if (afterAction && treasurer) {
          body.querySelector('#treasurer-title').focus();
        }
      },
    };
    await ui.reload();
  },
};
