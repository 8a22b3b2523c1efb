// The app's screens. Each is loaded only when first shown, so that a phone downloads only what
// it uses. `role` is the least role that may see it; `nav` puts it in the navigation.

export const APP = '/app';
export const SIGN_IN = `${APP}/sign-in`;
export const HOME = `${APP}/`;
export const SIGN_UP = `${APP}/sign-up`;


export const ROUTES = [
  { path: SIGN_IN, public: true, load: () => import('./views/signIn.js') },
  { path: SIGN_UP, public: true, load: () => import('./views/signUp.js') },
  { path: HOME, role: 'member', nav: 'nav.home', load: () => import('./views/home.js') },
  // Member screens: offers, campaigns, follows. Fixed paths come before the ones with a :parameter.
  { path: `${APP}/offers`, role: 'member', nav: 'nav.offers', load: () => import('./views/offers.js') },
  { path: `${APP}/offers/new`, role: 'member', load: () => import('./views/offerEdit.js') },
  { path: `${APP}/offers/:id/edit`, role: 'member', load: () => import('./views/offerEdit.js') },
  { path: `${APP}/offers/:id`, role: 'member', load: () => import('./views/offer.js') },
  { path: `${APP}/campaigns`, role: 'member', nav: 'nav.campaigns', load: () => import('./views/campaigns.js') },
  { path: `${APP}/campaigns/new`, role: 'admin', load: () => import('./views/campaignEdit.js') },
  { path: `${APP}/campaigns/:id`, role: 'member', load: () => import('./views/campaign.js') },
  { path: `${APP}/follows`, role: 'member', nav: 'nav.follows', load: () => import('./views/follows.js') },
  // Staff screens and notifications.
  { path: `${APP}/notifications`, role: 'member', nav: 'nav.notifications', load: () => import('./views/notifications.js') },
  { path: `${APP}/moderation`, role: 'moderator', nav: 'nav.moderation', load: () => import('./views/moderation.js') },
  { path: `${APP}/members`, role: 'moderator', nav: 'members.nav', load: () => import('./views/members.js') },
  { path: `${APP}/federation`, role: 'admin', nav: 'nav.federation', load: () => import('./views/domainPolicies.js') },
  { path: `${APP}/federation/health`, role: 'admin', load: () => import('./views/federationHealth.js') },
  { path: `${APP}/settings`, role: 'admin', nav: 'nav.settings', load: () => import('./views/settings.js') },
  { path: `${APP}/profile`, role: 'member', load: () => import('./views/profile.js') },
];

const withoutSlash = (path) => path.replace(/\/+$/, '');

/** Whether a route's path matches a path; a `:name` segment matches any one non-empty segment. */
function matches(pattern, path) {
  const want = withoutSlash(pattern).split('/');
  const got = withoutSlash(path).split('/');
  return want.length === got.length
    && want.every((part, i) => (part.startsWith(':') ? got[i] !== '' : part === got[i]));
}

/** The route for a path, ignoring trailing slashes; undefined if none. */
export function findRoute(path) {
  return ROUTES.find((r) => matches(r.path, path));
}

/** The values of a route's `:name` segments in a path, decoded: {id: '…'}. */
export function routeParams(route, path) {
  const want = withoutSlash(route.path).split('/');
  const got = withoutSlash(path).split('/');
  const params = {};
  want.forEach((part, i) => {
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(got[i]);
      } catch (e) {
        params[part.slice(1)] = got[i]; // a malformed escape: the screen will find nothing by that id
      }
    }
  });
  return params;
}

/** Where a path of the page leads in the app: the root and /app are the home screen. */
export function appPath(pathname) {
  if (pathname === '/' || pathname === APP) {
    return HOME;
  }
  return pathname;
}
