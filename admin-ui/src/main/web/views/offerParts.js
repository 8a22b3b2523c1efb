// Pieces the offer screens share: the vocabulary (kinds, categories, conditions) from the node,
// the words for states, and an offer as a card in a list.

import { h } from '../dom.js';
import { t, language, formatDateTime } from '../i18n.js';
import { offers } from '../api.js';
import { formatMoney, localImage } from '../format.js';
import { APP } from '../routes.js';

let vocabulary = null;

/** The node's lists of kinds, categories and conditions, asked once per page. */
export function loadVocabulary() {
  if (!vocabulary) {
    vocabulary = offers.vocabulary().catch((e) => {
      vocabulary = null;
      throw e;
    });
  }
  return vocabulary;
}

/** The label of a key in one of the vocabulary's lists, in the current language. */
export function vocabularyLabel(list, key) {
  const entry = (list || []).find((e) => e.key === key);
  if (!entry) {
    return key || '';
  }
  return entry.label[language()] || entry.label.en || key;
}

/** Options for a select built from a vocabulary list. */
export function vocabularyOptions(list) {
  return (list || []).map((e) => ({ value: e.key, label: vocabularyLabel(list, e.key) }));
}

const STATE_LABELS = {
  available: 'offers.state.available',
  reserved: 'offers.state.reserved',
  lent: 'offers.state.lent',
  returned: 'offers.state.returned',
  given: 'offers.state.given',
  swapped: 'offers.state.swapped',
  sold: 'offers.state.sold',
  done: 'offers.state.done',
  closed: 'offers.state.closed',
  withdrawn: 'offers.state.withdrawn',
  expired: 'offers.state.expired',
};

/** The words for an offer's state. */
export function stateLabel(state) {
  return STATE_LABELS[state] ? t(STATE_LABELS[state]) : String(state || '');
}

/** The states a search can ask for, in the order people think of them. */
export const SEARCHABLE_STATES = ['available', 'reserved', 'lent', 'returned', 'given', 'swapped', 'sold', 'done'];

export function offerPath(offer) {
  return `${APP}/offers/${encodeURIComponent(offer.id)}`;
}

/** Who published an offer: their name, else their handle. */
export function authorName(offer) {
  const a = offer.author || {};
  return a.display_name || (a.acct ? `@${a.acct}` : '');
}

/** A photo's small version, if this page may show it; null otherwise. */
export function thumbnail(photo, className) {
  const src = photo ? localImage(photo.preview_url || photo.url) : null;
  if (!src) {
    return null;
  }
  return h('img', { class: className, src, alt: photo.alt || '', loading: 'lazy', decoding: 'async' });
}

/** The price of a sale, or the deposit of a loan, in words. */
export function priceLine(offer) {
  if (offer.kind === 'sell' && offer.price) {
    return t('offers.priceValue', { price: formatMoney(offer.price) });
  }
  if (offer.kind === 'lend' && offer.deposit) {
    return t('offers.depositValue', { deposit: formatMoney(offer.deposit) });
  }
  if (offer.kind === 'give') {
    return t('offers.free');
  }
  return null;
}

/** Where an offer is, roughly, and how far when the search knew where we are. */
export function placeLine(offer) {
  const where = offer.location && offer.location.neighbourhood;
  if (where && offer.distance_km !== undefined) {
    return t('offers.placeDistance', { place: where, km: offer.distance_km });
  }
  if (offer.distance_km !== undefined) {
    return t('offers.distance', { km: offer.distance_km });
  }
  return where || null;
}

/** An offer in a list: photo, title linking to its page, kind, state, price and place. */
export function offerCard(offer, vocab, extra) {
  const photo = thumbnail((offer.photos || [])[0], 'thumb');
  const price = priceLine(offer);
  const place = placeLine(offer);
  return h('li', { class: 'card item-card offer-card', 'data-offer': offer.id },
    photo || h('div', { class: 'thumb thumb-empty', 'aria-hidden': 'true' }),
    h('div', { class: 'item-body' },
      h('h3', {}, h('a', { href: offerPath(offer) }, offer.title)),
      h('p', { class: 'tags' },
        h('span', { class: `badge kind kind-${offer.kind}` }, vocabularyLabel(vocab.kinds, offer.kind)),
        offer.state !== 'available' ? h('span', { class: `badge state state-${offer.state}` }, stateLabel(offer.state)) : null,
        h('span', { class: 'tag' }, offer.category ? vocabularyLabel(vocab.categories, offer.category.key) : '')),
      price ? h('p', { class: 'price' }, price) : null,
      place ? h('p', { class: 'muted' }, place) : null,
      h('p', { class: 'muted small' }, t('offers.byOn', { who: authorName(offer), when: formatDateTime(offer.published_at) })),
      extra || null));
}
