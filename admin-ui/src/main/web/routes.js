// The app's screens. Each is loaded only when first shown, so that a phone downloads only what
// it uses. `role` is the least role that may see it; `nav` puts it in the navigation.

export const APP = '/app';
export const SIGN_IN = `${APP}/sign-in`;
export const HOME = `${APP}/`;
export const SIGN_UP = `${APP}/sign-up`;

const soon = (title, text) => () => import('./views/comingSoon.js').then((m) => m.comingSoon({ title, text }));

export const ROUTES = [
  { path: SIGN_IN, public: true, load: () => import('./views/signIn.js') },
  { path: SIGN_UP, public: true, load: () => import('./views/signUp.js') },
  { path: HOME, role: 'member', nav: 'nav.home', load: () => import('./views/home.js') },
  { path: `${APP}/offers`, role: 'member', nav: 'nav.offers', load: soon('offers.title', 'offers.soon') },
  { path: `${APP}/campaigns`, role: 'member', nav: 'nav.campaigns', load: soon('campaigns.title', 'campaigns.soon') },
  { path: `${APP}/follows`, role: 'member', nav: 'nav.follows', load: soon('follows.title', 'follows.soon') },
  { path: `${APP}/notifications`, role: 'member', nav: 'nav.notifications', load: () => import('./views/notifications.js') },
  { path: `${APP}/moderation`, role: 'moderator', nav: 'nav.moderation', load: () => import('./views/moderation.js') },
  { path: `${APP}/members`, role: 'moderator', nav: 'members.nav', load: () => import('./views/members.js') },
  { path: `${APP}/federation`, role: 'admin', nav: 'nav.federation', load: () => import('./views/domainPolicies.js') },
  { path: `${APP}/federation/health`, role: 'admin', load: () => import('./views/federationHealth.js') },
  { path: `${APP}/settings`, role: 'admin', nav: 'nav.settings', load: () => import('./views/settings.js') },
  { path: `${APP}/profile`, role: 'member', load: () => import('./views/profile.js') },
];

const withoutSlash = (path) => path.replace(/\/+$/, '');

/** The route for a path, ignoring trailing slashes; undefined if none. */
export function findRoute(path) {
  const normal = withoutSlash(path);
  return ROUTES.find((r) => withoutSlash(r.path) === normal);
}

/** Where a path of the page leads in the app: the root and /app are the home screen. */
export function appPath(pathname) {
  if (pathname === '/' || pathname === APP) {
    return HOME;
  }
  return pathname;
}
