// One offer: its details and photos; for a neighbour, a way to respond; for its author, the
// responses with accept and decline, then the steps of the exchange (handed over, returned,
// closed), the loan's due date, and thanks once it is done.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { offers } from '../api.js';
import { currentMember } from '../session.js';
import { field, formErrorArea, pageAlert, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy,
  loadFailure } from '../forms.js';
import { formatMoney, formatDate, localImage, paragraphs } from '../format.js';
import { loadVocabulary, vocabularyLabel, stateLabel, authorName, offerPath } from './offerParts.js';

/** The state an offer reaches when handed over, by kind, and the words of the button that does it. */
const HANDED_OVER = {
  give: { to: 'given', label: 'offer.handOver.give' },
  lend: { to: 'lent', label: 'offer.handOver.lend' },
  swap: { to: 'swapped', label: 'offer.handOver.swap' },
  sell: { to: 'sold', label: 'offer.handOver.sell' },
  service: { to: 'done', label: 'offer.handOver.service' },
  request: { to: 'done', label: 'offer.handOver.request' },
};
const HANDED_OVER_STATES = ['lent', 'given', 'swapped', 'sold', 'done'];
const RESPONSE_STATES = {
  pending: 'offer.response.pending',
  accepted: 'offer.response.accepted',
  declined: 'offer.response.declined',
  cancelled: 'offer.response.cancelled',
};
const VISIBILITY_LABELS = {
  public: 'offers.visibility.public',
  followers: 'offers.visibility.followers',
  members: 'offers.visibility.members',
};

function exchangeHappened(state) {
  return HANDED_OVER_STATES.includes(state) || state === 'returned' || state === 'closed';
}

function fact(label, value) {
  return value ? [h('dt', {}, label), h('dd', {}, value)] : null;
}

function gallery(offer) {
  if (!offer.photos || offer.photos.length === 0) {
    return null;
  }
  return h('ul', { class: 'gallery' }, offer.photos.map((p) => {
    const src = localImage(p.url);
    return h('li', {}, src
      ? h('img', { src, alt: p.alt || '', width: p.width || null, height: p.height || null, decoding: 'async' })
      : h('p', { class: 'photo-elsewhere' }, t('offer.photoElsewhere', { alt: p.alt || '' })));
  }));
}

function loanLine(offer) {
  if (!offer.loan || offer.state !== 'lent') {
    return null;
  }
  const late = new Date(offer.loan.due_at).getTime() < Date.now();
  return h('p', { class: late ? 'card loan late' : 'card loan' },
    late ? h('span', { class: 'badge overdue' }, t('offer.overdue')) : null, late ? ' ' : null,
    t('offer.dueOn', { date: formatDate(offer.loan.due_at) }));
}

function details(offer, vocab) {
  const where = offer.location
    ? [offer.location.neighbourhood, offer.location.latitude !== null && offer.location.latitude !== undefined
      ? t('offer.around') : null].filter(Boolean).join(' · ')
    : null;
  return [
    h('p', { class: 'tags' },
      h('span', { class: `badge kind kind-${offer.kind}` }, vocabularyLabel(vocab.kinds, offer.kind)),
      h('span', { class: `badge state state-${offer.state}` }, stateLabel(offer.state))),
    h('p', { class: 'muted' }, t('offers.byOn', { who: authorName(offer), when: formatDateTime(offer.published_at) })),
    loanLine(offer),
    gallery(offer),
    paragraphs(offer.description),
    h('dl', { class: 'facts' },
      fact(t('offers.category'), offer.category ? vocabularyLabel(vocab.categories, offer.category.key) : null),
      fact(t('offers.condition'), offer.condition ? vocabularyLabel(vocab.conditions, offer.condition) : null),
      fact(t('offers.price'), offer.price ? formatMoney(offer.price) : null),
      fact(t('offers.deposit'), offer.deposit ? formatMoney(offer.deposit) : null),
      fact(t('offers.loanPeriod'), offer.loan_period_days ? t('offer.days', { days: offer.loan_period_days }) : null),
      fact(t('offers.where'), where),
      fact(t('offers.visibility'), VISIBILITY_LABELS[offer.visibility] ? t(VISIBILITY_LABELS[offer.visibility]) : null),
      fact(t('offer.collective'), offer.collective ? offer.collective.username : null),
      fact(t('offer.expires'), offer.state === 'available' && offer.expires_at ? formatDate(offer.expires_at) : null)),
  ];
}

/** A button that runs an action, shows its refusal in the section's alert, and redraws on success. */
function actionButton(label, className, run, ui, { confirm } = {}) {
  return h('button', {
    type: 'button',
    class: `button ${className}`,
    onClick: async (event) => {
      if (confirm && !window.confirm(confirm)) {
        return;
      }
      const button = event.currentTarget;
      button.disabled = true;
      try {
        await run();
      } catch (e) {
        button.disabled = false;
        ui.alert(problemsFromApi(e)[0]);
        return;
      }
      await ui.reload(true);
    },
  }, label);
}

function authorActions(offer, ui) {
  const buttons = [];
  const handOver = HANDED_OVER[offer.kind];
  if (offer.state === 'available') {
    buttons.push(h('a', { class: 'button secondary', href: `${offerPath(offer)}/edit` }, t('offer.edit')));
  }
  if (offer.state === 'reserved' && handOver) {
    buttons.push(actionButton(t(handOver.label), '', async () => {
      await offers.move(offer.id, handOver.to);
      ui.announce(t('offer.movedTo', { state: stateLabel(handOver.to) }));
    }, ui));
    buttons.push(actionButton(t('offer.release'), 'secondary', async () => {
      await offers.move(offer.id, 'available');
      ui.announce(t('offer.movedTo', { state: stateLabel('available') }));
    }, ui));
  }
  if (offer.state === 'lent') {
    buttons.push(actionButton(t('offer.markReturned'), '', async () => {
      await offers.returned(offer.id);
      ui.announce(t('offer.movedTo', { state: stateLabel('returned') }));
    }, ui));
  }
  if (offer.state === 'returned' || (HANDED_OVER_STATES.includes(offer.state) && offer.state !== 'lent')) {
    buttons.push(actionButton(t('offer.close'), 'secondary', async () => {
      await offers.move(offer.id, 'closed');
      ui.announce(t('offer.movedTo', { state: stateLabel('closed') }));
    }, ui));
  }
  if (['available', 'reserved'].includes(offer.state)) {
    buttons.push(actionButton(t('offer.withdraw'), 'danger', async () => {
      await offers.withdraw(offer.id);
      ui.announce(t('offer.movedTo', { state: stateLabel('withdrawn') }));
    }, ui, { confirm: t('offer.confirmWithdraw') }));
  }
  return buttons.length === 0 ? null : h('div', { class: 'actions' }, buttons);
}

function responseItem(offer, r, mine, ui) {
  const who = r.responder.acct ? `@${r.responder.acct}` : r.responder.uri;
  const pending = r.state === 'pending';
  return h('li', { class: 'card response', 'data-response': r.id },
    h('p', { class: 'post-head' }, mine ? h('strong', {}, t('offer.yourResponse')) : h('strong', {}, who),
      h('span', { class: 'muted' }, ` · ${formatDateTime(r.created_at)}`)),
    r.message ? paragraphs(r.message) : h('p', { class: 'muted' }, t('offer.noMessage')),
    h('p', {}, h('span', { class: `badge response-${r.state}` }, t(RESPONSE_STATES[r.state] || 'offer.response.pending'))),
    !mine && pending && offer.state === 'available'
      ? h('div', { class: 'actions' },
        actionButton(t('offer.accept'), '', async () => {
          await offers.accept(offer.id, r.id);
          ui.announce(t('offer.accepted', { who }));
        }, ui),
        actionButton(t('offer.decline'), 'secondary', async () => {
          await offers.decline(offer.id, r.id);
          ui.announce(t('offer.declined', { who }));
        }, ui))
      : null);
}

function respondForm(offer, ui) {
  const form = h('form', { class: 'form', id: 'respond-form', novalidate: true, onSubmit: async (event) => {
    event.preventDefault();
    clearErrors(form);
    let failure = null;
    await whileBusy(form, async () => {
      try {
        await offers.respond(offer.id, form.elements.message.value.trim());
      } catch (e) {
        failure = e;
      }
    });
    if (failure) {
      showProblems(form, problemsFromApi(failure));
      return;
    }
    ui.announce(t('offer.responseSent'));
    await ui.reload(true);
  } },
  formErrorArea(),
  field({ name: 'message', label: t('offer.message'), kind: 'textarea', maxlength: 2000, hint: t('offer.messageHint') }),
  h('button', { type: 'submit', class: 'button' }, t('offer.respond')));
  return form;
}

function feedbackForm(offer, ui, about) {
  const form = h('form', { class: 'form', id: 'feedback-form', novalidate: true, onSubmit: async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (showProblems(form, requiredProblems(form))) {
      return;
    }
    let failure = null;
    await whileBusy(form, async () => {
      try {
        await offers.feedback(offer.id, form.elements.text.value.trim());
      } catch (e) {
        failure = e;
      }
    });
    if (failure) {
      showProblems(form, problemsFromApi(failure, { 409: (e) => ({ field: 'text', message: e.detail, lang: 'en' }) }));
      return;
    }
    form.replaceWith(h('p', { class: 'card' }, t('offer.thanksSent')));
    ui.announce(t('offer.thanksSent'));
  } },
  formErrorArea(),
  field({ name: 'text', label: t('offer.thanks', { who: about }), kind: 'textarea', required: true, maxlength: 500,
    hint: t('offer.thanksHint') }),
  h('button', { type: 'submit', class: 'button secondary' }, t('offer.thanksSend')));
  return h('section', { class: 'card', 'aria-labelledby': 'thanks-title' },
    h('h2', { id: 'thanks-title' }, t('offer.thanksTitle')), form);
}

function historyList(items) {
  if (items.length === 0) {
    return null;
  }
  return h('section', { 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, t('offer.history')),
    h('ol', { class: 'history' }, items.map((step) => h('li', {},
      h('span', { class: 'muted' }, formatDateTime(step.at)), ' ',
      step.from ? t('offer.step', { from: stateLabel(step.from), to: stateLabel(step.to) })
        : t('offer.stepFirst', { to: stateLabel(step.to) })))));
}

async function authorPart(offer, ui) {
  const [responses, history] = await Promise.all([offers.responses(offer.id), offers.history(offer.id)]);
  const accepted = responses.items.find((r) => r.state === 'accepted');
  return [
    h('section', { class: 'card', 'aria-labelledby': 'manage-title' },
      h('h2', { id: 'manage-title', tabindex: '-1' }, t('offer.manage')),
      ui.alertArea,
      authorActions(offer, ui) || h('p', { class: 'muted' }, t('offer.nothingToDo'))),
    h('section', { 'aria-labelledby': 'responses-title' },
      h('h2', { id: 'responses-title' }, t('offer.responses'), ' ',
        h('span', { class: 'count' }, `(${responses.items.length})`)),
      responses.items.length === 0
        ? h('p', { class: 'card empty' }, t('offer.noResponses'))
        : h('ul', { class: 'item-list responses' }, responses.items.map((r) => responseItem(offer, r, false, ui)))),
    exchangeHappened(offer.state) && accepted ? feedbackForm(offer, ui, `@${accepted.responder.acct}`) : null,
    historyList(history.items),
  ];
}

async function neighbourPart(offer, ui) {
  const responses = await offers.responses(offer.id);
  const open = responses.items.find((r) => r.state === 'pending' || r.state === 'accepted');
  return [
    ui.alertArea,
    responses.items.length > 0
      ? h('section', { 'aria-labelledby': 'mine-title' },
        h('h2', { id: 'mine-title', tabindex: '-1' }, t('offer.yourResponses')),
        h('ul', { class: 'item-list responses' }, responses.items.map((r) => responseItem(offer, r, true, ui))))
      : null,
    offer.state === 'available' && !open
      ? h('section', { class: 'card', 'aria-labelledby': 'respond-title' },
        h('h2', { id: 'respond-title' }, t('offer.respondTitle')), respondForm(offer, ui))
      : null,
    exchangeHappened(offer.state) && open && open.state === 'accepted'
      ? feedbackForm(offer, ui, authorName(offer)) : null,
  ];
}

export default {
  title: 'offer.title',
  async render(main, { announce, params }) {
    const heading = h('h1', {}, t('offer.title'));
    const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('loading')));
    main.append(heading, body);
    const notice = pageAlert();
    const ui = {
      announce,
      alertArea: notice.area,
      alert: notice.show,
      /** Draws the offer again from the node; after an action, focus goes to the section it changed. */
      async reload(afterAction = false) {
        notice.hide();
        let offer;
        let vocab;
        let parts;
        try {
          [offer, vocab] = await Promise.all([offers.get(params.id), loadVocabulary()]);
          const mine = offer.author.uri === currentMember().uri;
          parts = await (mine ? authorPart(offer, ui) : neighbourPart(offer, ui));
        } catch (e) {
          clear(body).append(loadFailure(e, { 404: { message: t('offers.notFound') } }));
          return;
        }
        heading.textContent = offer.title;
        document.title = `${offer.title} · ${t('app.name')}`;
        // h() skips the parts that do not apply (null) and flattens lists; append() would print them.
        clear(body).append(h('div', { class: 'stack' }, details(offer, vocab), parts));
        if (afterAction) {
          const target = body.querySelector('#manage-title, #mine-title, h2');
          if (target) {
            target.setAttribute('tabindex', '-1');
            target.focus();
          }
        }
      },
    };
    await ui.reload();
  },
};
