// Message catalogues: every text the app shows comes from i18n/<language>.json.

export const LANGUAGES = ['fr', 'en'];
const FALLBACK = 'en';
const STORAGE_KEY = 'entraide.language';

let catalogue = {};
let current = FALLBACK;
const listeners = new Set();

/** The language to use: the one the person chose before, else the browser's first we support. */
export function chooseLanguage(stored, preferred) {
  if (LANGUAGES.includes(stored)) {
    return stored;
  }
  for (const tag of preferred || []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) {
      return base;
    }
  }
  return FALLBACK;
}

function storedLanguage() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch (e) {
    return null; // storage can be disabled; the browser's languages still apply
  }
}

function remember(lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // not remembered across visits, but the switch still works for this page
  }
}

async function load(lang) {
  const response = await fetch(new URL(`./i18n/${lang}.json`, import.meta.url), { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`catalogue ${lang}: ${response.status}`);
  }
  catalogue = await response.json();
  current = lang;
  document.documentElement.lang = lang;
}

/** Loads the language this browser should start with. */
export function start() {
  return load(chooseLanguage(storedLanguage(), navigator.languages || [navigator.language]));
}

/** Switches language, remembers the choice and tells the app to draw itself again. */
export async function switchLanguage(lang) {
  if (!LANGUAGES.includes(lang)) {
    return;
  }
  await load(lang);
  remember(lang);
  for (const listener of listeners) {
    listener(lang);
  }
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

export function language() {
  return current;
}

/** The other language, for the switch button. */
export function otherLanguage() {
  return LANGUAGES.find((l) => l !== current) || FALLBACK;
}

/** The text for a key, with {name} placeholders filled; a visible marker if the key is missing. */
export function t(key, params = {}) {
  const text = catalogue[key];
  if (typeof text !== 'string') {
    return `[missing:${key}]`;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A date and time as people of the current language write it. */
export function formatDateTime(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat(current, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}
