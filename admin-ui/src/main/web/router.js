// Client-side navigation with the History API. The node answers every /app/ address with the
// same page, so that a reload or a shared link lands on the right screen.

import { h } from './dom.js';
import { t } from './i18n.js';
import { currentMember, hasRole, signOut, forget } from './session.js';
import { drawShell, announce } from './shell.js';
import { APP, HOME, SIGN_IN, findRoute, routeParams, appPath } from './routes.js';

let root = null;
let firstRender = true;
let renderCount = 0;

/** Goes to a path of the app, adding a history entry unless `replace`. */
export function navigate(path, { replace = false } = {}) {
  if (replace) {
    window.history.replaceState(null, '', path);
  } else {
    window.history.pushState(null, '', path);
  }
  return render();
}

function isAppLink(anchor, event) {
  return anchor
    && anchor.origin === window.location.origin
    && (anchor.pathname === '/' || anchor.pathname === APP || anchor.pathname.startsWith(`${APP}/`))
    && !anchor.hasAttribute('download')
    && !anchor.target
    && anchor.getAttribute('href').charAt(0) !== '#'
    && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** Starts routing in an element: links to app paths navigate in place, Back and Forward work. */
export function startRouter(element) {
  root = element;
  document.addEventListener('click', (event) => {
    const anchor = event.target.closest('a[href]');
    if (isAppLink(anchor, event)) {
      event.preventDefault();
      navigate(anchor.pathname + anchor.search);
    }
  });
  window.addEventListener('popstate', () => render());
  return render();
}

async function doSignOut() {
  try {
    await signOut();
  } catch (e) {
    forget();
  }
  await navigate(SIGN_IN);
  announce(t('signOut.done'));
}

/** What the path leads to, given who is signed in: a screen, or another path to go to. */
function resolve(path) {
  const route = findRoute(path);
  if (!route) {
    return { screen: () => import('./views/notFound.js') };
  }
  const member = currentMember();
  if (route.public) {
    if (member) {
      const next = new URLSearchParams(window.location.search).get('next');
      return { redirect: next && next.startsWith(`${APP}/`) && next !== SIGN_IN ? next : HOME };
    }
    return { route, screen: route.load };
  }
  if (!member) {
    return { redirect: `${SIGN_IN}?next=${encodeURIComponent(path)}` };
  }
  if (!hasRole(route.role)) {
    return { route, screen: () => import('./views/forbidden.js') };
  }
  return { route, screen: route.load };
}

/** Draws the screen for the current address; focus goes to its heading, or to `focus` (a selector). */
export async function render({ focus } = {}) {
  renderCount += 1;
  const mine = renderCount;
  const path = appPath(window.location.pathname);
  if (path !== window.location.pathname) {
    window.history.replaceState(null, '', path + window.location.search);
  }
  const target = resolve(path);
  if (target.redirect) {
    window.history.replaceState(null, '', target.redirect);
    return render();
  }
  let module;
  try {
    module = await target.screen();
  } catch (e) {
    module = { title: 'error.title', render: (main) => main.append(h('p', { class: 'form-error', role: 'alert' }, t('error.screen'))) };
  }
  if (mine !== renderCount) {
    return undefined; // a newer navigation started while this screen was loading
  }
  const screen = module.default || module;
  const activePath = target.route ? target.route.path : null;
  const main = drawShell(root, { activePath, onSignOut: doSignOut });
  document.title = `${t(screen.title)} · ${t('app.name')}`;
  try {
    const params = target.route ? routeParams(target.route, path) : {};
    await screen.render(main, { navigate, announce, params });
  } catch (e) {
    main.append(h('p', { class: 'form-error', role: 'alert' }, t('error.screen')));
  }
  const wanted = focus ? root.querySelector(focus) : null;
  if (wanted) {
    wanted.focus();
  } else if (!firstRender) {
    const heading = main.querySelector('h1');
    (heading || main).setAttribute('tabindex', '-1');
    (heading || main).focus();
  }
  firstRender = false;
  return undefined;
}
