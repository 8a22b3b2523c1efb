// Showing what the node sends: amounts, dates, photos and the sanitised HTML of posts, always
// built with DOM calls. Also amounts as people type them, checked and turned into the decimal
// strings the API takes (never floating-point numbers).

import { h } from './dom.js';
import { language } from './i18n.js';

/** "12", "12.5", "12,50" → "12.50"; null when it is not an amount with at most two decimals. */
export function parseAmount(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(String(text || ''));
  if (!match) {
    return null;
  }
  return `${match[1].replace(/^0+(?=\d)/, '')}.${(match[2] || '').padEnd(2, '0')}`;
}

/** A decimal string such as "12.50" as a whole number of cents, for sums without rounding errors. */
export function toCents(amount) {
  const normal = parseAmount(amount);
  return normal === null ? null : Number(normal.replace('.', ''));
}

/** Cents back to the API's decimal string. */
export function fromCents(cents) {
  const whole = Math.floor(cents / 100);
  return `${whole}.${String(cents % 100).padStart(2, '0')}`;
}

/** {amount: "12.50", currency: "EUR"} as people of the current language write it. */
export function formatMoney(money) {
  if (!money || money.amount === undefined || money.amount === null) {
    return '';
  }
  try {
    return new Intl.NumberFormat(language(), { style: 'currency', currency: money.currency || 'EUR' })
      .format(Number(money.amount));
  } catch (e) {
    return `${money.amount} ${money.currency || ''}`.trim();
  }
}

/** A day, without the time: for due dates and campaign ends. */
export function formatDate(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat(language(), { dateStyle: 'long' }).format(date);
}

/**
 * The address to show a photo from, or null. The page may load images from this node only
 * (Content-Security-Policy), so a photo stored on another server is described, not shown.
 */
export function localImage(url) {
  if (!url) {
    return null;
  }
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.origin === window.location.origin ? parsed.pathname + parsed.search : null;
  } catch (e) {
    return null;
  }
}

const KEPT = {
  P: 'p', BR: 'br', A: 'a', STRONG: 'strong', B: 'strong', EM: 'em', I: 'em', U: 'u', S: 's', DEL: 'del',
  UL: 'ul', OL: 'ol', LI: 'li', BLOCKQUOTE: 'blockquote', CODE: 'code', PRE: 'pre',
};

function copy(node) {
  if (node.nodeType === 3) {
    return document.createTextNode(node.nodeValue);
  }
  if (node.nodeType !== 1) {
    return null;
  }
  const children = Array.from(node.childNodes).map(copy);
  const tag = KEPT[node.tagName];
  if (!tag) {
    return children; // unknown elements give only their text and kept children
  }
  if (tag === 'a') {
    const href = node.getAttribute('href') || '';
    return /^https?:\/\//i.test(href)
      ? h('a', { href, rel: 'nofollow noopener noreferrer' }, children)
      : children;
  }
  return h(tag, {}, children);
}

/**
 * HTML the node sanitised (posts, campaign descriptions, profiles), rebuilt element by element
 * from an inert parsed document, keeping only text, paragraphs, emphasis, lists and http(s)
 * links. Nothing in it can run: a parsed document runs no script and loads nothing, and what is
 * copied into the page is rebuilt from this short list, attributes included.
 */
export function richText(html) {
  const parsed = new DOMParser().parseFromString(String(html || ''), 'text/html');
  return h('div', { class: 'rich-text' }, Array.from(parsed.body.childNodes).map(copy));
}

/** Plain text with blank lines as paragraphs. */
export function paragraphs(text) {
  return String(text || '').split(/\n\s*\n/).filter((p) => p.trim() !== '')
    .map((p) => h('p', {}, p.split('\n').flatMap((line, i) => (i === 0 ? [line] : [h('br'), line]))));
}

/**
 * The device's position rounded to two decimals (about a kilometre), the same grid the node
 * rounds offers to: an exact address never leaves the device. Rejects when it is not available.
 */
export function approximatePosition() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error('unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({
        latitude: Math.round(position.coords.latitude * 100) / 100,
        longitude: Math.round(position.coords.longitude * 100) / 100,
      }),
      (error) => reject(error),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });
}
