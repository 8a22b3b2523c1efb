// The member's home: offers and campaigns from their collective and the neighbourhoods they
// follow, newest first, with a search and filters; then the posts of the people they follow.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { offers, posts } from '../api.js';
import { currentMember } from '../session.js';
import { field, formErrorArea, clearErrors, showProblems, problemsFromApi, loadFailure } from '../forms.js';
import { approximatePosition, richText } from '../format.js';
import { loadVocabulary, vocabularyOptions, offerCard, stateLabel, SEARCHABLE_STATES } from './offerParts.js';
import { visibleCampaigns, campaignCard } from './campaignParts.js';
import { APP } from '../routes.js';

const CAMPAIGNS_ONLY = 'campaigns';

/** The device would not tell where it is: denied, or no way to know. */
class PositionUnavailable extends Error {}
const DISTANCES = ['1', '2', '5', '10', '25'];

/** The API names its query parameters; the form names its fields. */
const FIELD_OF_PARAM = { q: 'q', kind: 'kind', category: 'category', state: 'state', near: 'distance', within_km: 'distance' };

function filtersForm(vocab, onSearch) {
  const form = h('form', { class: 'form filters', role: 'search', 'aria-label': t('home.searchLabel'), novalidate: true,
    onSubmit: (event) => {
      event.preventDefault();
      onSearch(form);
    } },
  formErrorArea(),
  h('div', { class: 'search-row' },
    field({ name: 'q', label: t('home.searchText'), type: 'search', maxlength: 200, autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'button' }, t('home.search'))),
  h('details', { class: 'more-filters' },
    h('summary', {}, t('home.filters')),
    h('div', { class: 'form' },
      field({ name: 'kind', label: t('home.kind'), kind: 'select', options: [
        { value: '', label: t('home.kindAll') },
        { value: CAMPAIGNS_ONLY, label: t('home.kindCampaigns') },
        ...vocabularyOptions(vocab.kinds)] }),
      field({ name: 'category', label: t('home.category'), kind: 'select',
        options: [{ value: '', label: t('home.categoryAll') }, ...vocabularyOptions(vocab.categories)] }),
      field({ name: 'state', label: t('home.state'), kind: 'select', value: 'available',
        options: [...SEARCHABLE_STATES.map((s) => ({ value: s, label: stateLabel(s) })),
          { value: SEARCHABLE_STATES.join(','), label: t('home.stateAny') }] }),
      field({ name: 'distance', label: t('home.distance'), kind: 'select', hint: t('home.distanceHint'),
        options: [{ value: '', label: t('home.distanceAny') },
          ...DISTANCES.map((km) => ({ value: km, label: t('home.distanceKm', { km }) }))] }),
      field({ name: 'scope', label: t('home.scope'), kind: 'select', options: [
        { value: '', label: t('home.scopeAll') },
        { value: 'mine', label: t('home.scopeMine', { collective: currentMember().collective.username }) }] }),
      h('p', { class: 'hint' }, t('home.campaignsHint')))));
  return form;
}

/** Campaigns join the list only when nothing narrows it to offers. */
function showsCampaigns(filters) {
  return filters.kind === CAMPAIGNS_ONLY
    || (filters.kind === '' && filters.q === '' && filters.category === '' && filters.distance === ''
      && filters.state === 'available');
}

async function readFilters(form) {
  const filters = {
    q: form.elements.q.value.trim(),
    kind: form.elements.kind.value,
    category: form.elements.category.value,
    state: form.elements.state.value,
    distance: form.elements.distance.value,
    scope: form.elements.scope.value,
  };
  const params = {
    q: filters.q,
    kind: filters.kind === CAMPAIGNS_ONLY ? '' : filters.kind,
    category: filters.category,
    state: filters.state,
    collective: filters.scope === 'mine' ? currentMember().collective.username : '',
    limit: 10,
  };
  if (filters.distance !== '') {
    let position;
    try {
      position = await approximatePosition();
    } catch (e) {
      throw new PositionUnavailable();
    }
    params.near = `${position.latitude},${position.longitude}`;
    params.within_km = filters.distance;
  }
  return { filters, params };
}

/**
 * Offers come a page at a time, newest first; campaigns are few and all known. Each page of
 * offers is merged with the campaigns published since its last offer, so that the list stays
 * in date order however far one scrolls; the rest come after the last page.
 */
function feedSection(vocab) {
  const list = h('ul', { class: 'item-list feed' });
  const status = h('p', { class: 'muted' }, t('loading'));
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('home.more'));
  let state = null;

  function add(items) {
    for (const item of items) {
      list.append(item.campaign ? campaignCard(item.campaign) : offerCard(item.offer, vocab));
    }
  }

  function merge(page, last) {
    const dated = page.map((offer) => ({ offer, at: offer.published_at }));
    const due = [];
    while (state.campaigns.length > 0 && (last || String(state.campaigns[0].published_at || '') >= String(dated[dated.length - 1].at))) {
      const campaign = state.campaigns.shift();
      due.push({ campaign, at: campaign.published_at || campaign.created_at });
    }
    return dated.concat(due).sort((a, b) => String(b.at).localeCompare(String(a.at)));
  }

  async function nextPage() {
    more.hidden = true;
    let page = { items: [], next_cursor: null };
    if (state.offers) {
      page = await offers.search({ ...state.params, cursor: state.cursor });
    }
    state.cursor = page.next_cursor;
    const last = !page.next_cursor;
    add(merge(page.items, last || page.items.length === 0));
    more.hidden = last;
    status.textContent = list.children.length === 0 ? t('home.feedEmpty') : '';
  }

  async function search(form) {
    clearErrors(form);
    clear(list);
    status.textContent = t('loading');
    try {
      const { filters, params } = await readFilters(form);
      const withCampaigns = showsCampaigns(filters);
      state = {
        params,
        cursor: null,
        offers: filters.kind !== CAMPAIGNS_ONLY,
        campaigns: withCampaigns ? (await visibleCampaigns()).filter((c) => c.state === 'open') : [],
      };
      await nextPage();
    } catch (e) {
      status.textContent = '';
      if (e instanceof PositionUnavailable) {
        showProblems(form, [{ field: 'distance', message: t('home.noPosition') }]);
        return;
      }
      showProblems(form, problemsFromApi(e).map((p) => ({ ...p, field: FIELD_OF_PARAM[p.field] || p.field })));
    }
  }

  more.addEventListener('click', async () => {
    try {
      await nextPage();
    } catch (e) {
      status.textContent = problemsFromApi(e)[0].message;
    }
  });

  const form = filtersForm(vocab, search);
  return {
    element: h('section', { class: 'stack', 'aria-labelledby': 'home-feed' },
      h('h2', { id: 'home-feed' }, t('home.feedTitle')),
      form, status, list, more),
    start: () => search(form),
  };
}

function postItem(post) {
  const author = post.author || {};
  return h('li', { class: 'card post' },
    h('p', { class: 'post-head' },
      h('strong', {}, author.name || author.handle || ''),
      author.handle ? h('span', { class: 'muted' }, ` @${author.handle}`) : null),
    post.summary ? h('p', { class: 'summary' }, post.summary) : null,
    richText(post.content),
    h('p', { class: 'muted small' },
      h('a', { href: post.url || post.uri, rel: 'nofollow noopener noreferrer' }, formatDateTime(post.published_at))));
}

function postsSection() {
  const list = h('ul', { class: 'item-list posts' });
  const status = h('p', { class: 'muted' }, t('loading'));
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('home.more'));
  let before = null;

  async function load() {
    more.hidden = true;
    try {
      const page = await posts.timeline(before);
      page.items.forEach((p) => list.append(postItem(p)));
      before = page.next;
      more.hidden = !before;
      status.textContent = list.children.length === 0 ? t('home.postsEmpty') : '';
    } catch (e) {
      status.textContent = problemsFromApi(e)[0].message;
    }
  }

  more.addEventListener('click', load);
  return {
    element: h('section', { class: 'stack', 'aria-labelledby': 'home-posts' },
      h('h2', { id: 'home-posts' }, t('home.postsTitle')),
      status, list, more,
      h('p', {}, h('a', { href: `${APP}/follows` }, t('home.followMore')))),
    start: load,
  };
}

export default {
  title: 'home.title',
  async render(main) {
    const member = currentMember();
    main.append(
      h('h1', {}, t('home.greeting', { name: member.display_name || member.username })),
      h('p', { class: 'lead' }, t('home.collective', { collective: member.collective.username })),
      h('p', { class: 'actions' },
        h('a', { class: 'button', href: `${APP}/offers/new` }, t('offers.publish')),
        h('a', { class: 'button secondary', href: `${APP}/campaigns` }, t('nav.campaigns'))));
    let vocab;
    try {
      vocab = await loadVocabulary();
    } catch (e) {
      main.append(loadFailure(e));
      return;
    }
    const feed = feedSection(vocab);
    const timeline = postsSection();
    main.append(feed.element, timeline.element);
    await Promise.all([feed.start(), timeline.start()]);
  },
};
