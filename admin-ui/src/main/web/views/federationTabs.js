// The two federation screens, side by side: domain policies and health.

import { h } from '../dom.js';
import { t } from '../i18n.js';

const TABS = [
  { href: '/app/federation', label: 'federationHealth.navPolicies' },
  { href: '/app/federation/health', label: 'federationHealth.navHealth' },
];

/** Links between the federation screens; the current one is marked for screen readers. */
export function federationTabs(current) {
  return h('nav', { class: 'tabs', 'aria-label': t('federationHealth.navLabel') },
    h('ul', {}, TABS.map((tab) => h('li', {},
      h('a', { href: tab.href, class: 'tab', 'aria-current': tab.href === current ? 'page' : null }, t(tab.label))))));
}
