// Following a neighbourhood or a fediverse account by its handle, after seeing who it is; the
// lists of whom one follows and who follows one.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { follows } from '../api.js';
import { field, formErrorArea, clearErrors, showProblems, problemsFromApi, requiredProblems, whileBusy,
  loadFailure } from '../forms.js';
import { richText } from '../format.js';

const HANDLE = /^@?[^@\s]+@[^@\s]+$/;
const TYPE_LABELS = {
  Person: 'follows.type.person',
  Group: 'follows.type.group',
  Organization: 'follows.type.organization',
  Service: 'follows.type.service',
  Application: 'follows.type.service',
};

function typeLabel(type) {
  return t(TYPE_LABELS[type] || 'follows.type.person');
}

function handleOf(actor) {
  return actor.handle ? `@${actor.handle}` : actor.uri;
}

/** Who the handle is: name, kind of account, their description, followers when known. */
function previewCard(actor, onFollow, onCancel) {
  return h('section', { class: 'card preview', id: 'follow-preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title', tabindex: '-1' }, actor.name || handleOf(actor)),
    h('p', { class: 'tags' },
      h('span', { class: 'badge kind' }, typeLabel(actor.type)),
      h('span', { class: 'tag' }, handleOf(actor))),
    actor.summary ? richText(actor.summary) : h('p', { class: 'muted' }, t('follows.noSummary')),
    actor.followers_count !== null && actor.followers_count !== undefined
      ? h('p', { class: 'muted' }, t('follows.followersCount', { count: actor.followers_count })) : null,
    h('p', {}, h('a', { href: actor.url || actor.uri, rel: 'nofollow noopener noreferrer' }, t('follows.seeProfile'))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button', onClick: onFollow }, t('follows.follow', { handle: handleOf(actor) })),
      h('button', { type: 'button', class: 'button secondary', onClick: onCancel }, t('follows.cancel'))));
}

function followItem(f, ui, canUnfollow) {
  const who = f.actor.name || handleOf(f.actor);
  return h('li', { class: 'card follow', 'data-follow': f.id, 'data-handle': f.actor.handle || '' },
    h('h3', {}, who),
    h('p', { class: 'tags' },
      h('span', { class: 'badge kind' }, typeLabel(f.actor.type)),
      h('span', { class: 'tag' }, handleOf(f.actor))),
    h('p', { class: 'muted small' }, t('follows.since', { when: formatDateTime(f.created_at) })),
    canUnfollow
      ? h('button', { type: 'button', class: 'button danger', onClick: async (event) => {
        if (!window.confirm(t('follows.confirmUnfollow', { who }))) {
          return;
        }
        event.currentTarget.disabled = true;
        try {
          await follows.unfollow(f.id);
        } catch (e) {
          ui.announce(problemsFromApi(e)[0].message);
          return;
        }
        ui.announce(t('follows.unfollowed', { who }));
        await ui.reload();
      } }, t('follows.unfollow'))
      : null);
}

function listSection(id, title, empty, page, ui, canUnfollow) {
  return h('section', { class: 'stack', 'aria-labelledby': id },
    h('h2', { id }, title, ' ', h('span', { class: 'count' }, `(${page.items.length}${page.next ? '+' : ''})`)),
    page.items.length === 0
      ? h('p', { class: 'card empty' }, empty)
      : h('ul', { class: `item-list ${id}` }, page.items.map((f) => followItem(f, ui, canUnfollow))));
}

export default {
  title: 'follows.title',
  async render(main, { announce }) {
    const previewArea = h('div');
    const lists = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('loading')));
    const ui = {
      announce,
      async reload() {
        try {
          const [following, followers] = await Promise.all([follows.following(), follows.followers()]);
          clear(lists).append(
            listSection('following', t('follows.following'), t('follows.followingNone'), following, ui, true),
            listSection('followers', t('follows.followers'), t('follows.followersNone'), followers, ui, false));
        } catch (e) {
          clear(lists).append(loadFailure(e));
        }
      },
    };
    const form = h('form', { class: 'form', id: 'follow-form', novalidate: true },
      formErrorArea(),
      field({ name: 'handle', label: t('follows.handle'), hint: t('follows.handleHint'), required: true,
        autocomplete: 'off', spellcheck: 'false', maxlength: 300 }),
      h('button', { type: 'submit', class: 'button' }, t('follows.preview')));
    const handleInput = form.elements.handle;
    handleInput.setAttribute('autocapitalize', 'none');

    async function follow(handle) {
      clearErrors(form);
      let made = null;
      let failure = null;
      await whileBusy(form, async () => {
        try {
          made = await follows.follow(handle);
        } catch (e) {
          failure = e;
        }
      });
      if (failure) {
        clear(previewArea);
        showProblems(form, problemsFromApi(failure));
        return;
      }
      clear(previewArea);
      form.reset();
      const who = made.actor.name || handleOf(made.actor);
      announce(made.state === 'accepted' ? t('follows.nowFollowing', { who }) : t('follows.requested', { who }));
      await ui.reload();
      handleInput.focus();
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      clear(previewArea);
      const handle = handleInput.value.trim();
      const problems = requiredProblems(form);
      if (problems.length === 0 && !HANDLE.test(handle)) {
        problems.push({ field: 'handle', message: t('follows.handleInvalid') });
      }
      if (showProblems(form, problems)) {
        return;
      }
      let actor = null;
      let failure = null;
      await whileBusy(form, async () => {
        try {
          actor = await follows.lookup(handle);
        } catch (e) {
          failure = e;
        }
      });
      if (failure) {
        showProblems(form, problemsFromApi(failure, {
          404: { field: 'handle', message: t('follows.notFound') },
          502: { field: 'handle', message: t('follows.unreachable') },
          504: { field: 'handle', message: t('follows.unreachable') },
        }));
        return;
      }
      previewArea.append(previewCard(actor, () => follow(handle), () => {
        clear(previewArea);
        handleInput.focus();
      }));
      previewArea.querySelector('h2').focus();
    });

    main.append(
      h('h1', {}, t('follows.title')),
      h('p', { class: 'lead' }, t('follows.intro')),
      h('section', { class: 'card', 'aria-labelledby': 'follow-title' },
        h('h2', { id: 'follow-title' }, t('follows.formTitle')), form),
      previewArea,
      lists);
    await ui.reload();
  },
};
