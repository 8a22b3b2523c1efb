// Campaigns: those of the member's collective and of the collectives they follow, and the
// member's own pledges with where each one stands.

import { h, clear } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { campaigns, pledges } from '../api.js';
import { hasRole } from '../session.js';
import { loadFailure } from '../forms.js';
import { formatMoney } from '../format.js';
import { visibleCampaigns, campaignCard, pledgeStateLabel, campaignPath } from './campaignParts.js';
import { APP } from '../routes.js';

function pledgeItem(p, title) {
  return h('li', { class: 'card pledge', 'data-pledge': p.id },
    h('h3', {}, h('a', { href: campaignPath({ id: p.campaign_id }) }, title || t('pledges.campaignNumber', { id: p.campaign_id }))),
    h('p', { class: 'tags' }, h('span', { class: `badge pledge-${p.state}` }, pledgeStateLabel(p.state))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('pledges.toCollective')), h('dd', {}, formatMoney(p.amount)),
      h('dt', {}, t('pledges.tip')), h('dd', {}, formatMoney(p.tip)),
      p.payment_reference ? [h('dt', {}, t('pledges.reference')), h('dd', { class: 'reference' }, p.payment_reference)] : null,
      h('dt', {}, t('pledges.madeOn')), h('dd', {}, formatDateTime(p.created_at))),
    p.state === 'received'
      ? h('p', {}, h('a', { href: pledges.receiptPath(p.id), download: `receipt-${p.id}.pdf` }, t('pledges.receipt')))
      : null);
}

async function myPledges(section, known) {
  const page = await pledges.mine();
  const titles = new Map(known.map((c) => [String(c.id), c.title]));
  // A pledge to a campaign outside the lists above: ask for its title.
  const missing = [...new Set(page.items.map((p) => String(p.campaign_id)).filter((id) => !titles.has(id)))];
  await Promise.all(missing.map((id) => campaigns.get(id).then((c) => titles.set(id, c.title), () => null)));
  clear(section).append(
    h('h2', { id: 'pledges-title' }, t('pledges.mine')),
    page.items.length === 0
      ? h('p', { class: 'card empty' }, t('pledges.none'))
      : h('ul', { class: 'item-list pledges' }, page.items.map((p) => pledgeItem(p, titles.get(String(p.campaign_id))))));
}

export default {
  title: 'campaigns.title',
  async render(main) {
    main.append(h('h1', {}, t('campaigns.title')), h('p', { class: 'lead' }, t('campaigns.intro')));
    if (hasRole('admin')) {
      main.append(h('p', {}, h('a', { class: 'button', href: `${APP}/campaigns/new` }, t('campaigns.create'))));
    }
    const list = h('section', { class: 'stack', 'aria-labelledby': 'campaigns-list' },
      h('h2', { id: 'campaigns-list' }, t('campaigns.listTitle')), h('p', { class: 'muted' }, t('loading')));
    const mine = h('section', { class: 'stack', 'aria-labelledby': 'pledges-title' },
      h('h2', { id: 'pledges-title' }, t('pledges.mine')), h('p', { class: 'muted' }, t('loading')));
    main.append(list, mine);
    let all = [];
    try {
      all = await visibleCampaigns();
      clear(list).append(h('h2', { id: 'campaigns-list' }, t('campaigns.listTitle')),
        all.length === 0
          ? h('p', { class: 'card empty' }, t('campaigns.none'))
          : h('ul', { class: 'item-list campaigns' }, all.map(campaignCard)));
    } catch (e) {
      list.append(loadFailure(e));
    }
    try {
      await myPledges(mine, all);
    } catch (e) {
      mine.append(loadFailure(e));
    }
  },
};
