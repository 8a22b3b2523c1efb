// Pieces the campaign screens share: which campaigns a member sees, their progress, the words
// for their states and those of pledges.

import { h } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { campaigns, follows } from '../api.js';
import { currentMember } from '../session.js';
import { formatMoney, formatDate } from '../format.js';
import { APP } from '../routes.js';

const CAMPAIGN_STATES = {
  draft: 'campaigns.state.draft',
  open: 'campaigns.state.open',
  succeeded: 'campaigns.state.succeeded',
  failed: 'campaigns.state.failed',
  cancelled: 'campaigns.state.cancelled',
};

const PLEDGE_STATES = {
  promised: 'pledges.state.promised',
  received: 'pledges.state.received',
  released: 'pledges.state.released',
  refunded: 'pledges.state.refunded',
};

export function campaignStateLabel(state) {
  return CAMPAIGN_STATES[state] ? t(CAMPAIGN_STATES[state]) : String(state || '');
}

export function pledgeStateLabel(state) {
  return PLEDGE_STATES[state] ? t(PLEDGE_STATES[state]) : String(state || '');
}

export function campaignPath(campaign) {
  return `${APP}/campaigns/${encodeURIComponent(campaign.id)}`;
}

/** Whether the signed-in member is an administrator (the treasurer) of the campaign's collective. */
export function isTreasurerOf(campaign) {
  const member = currentMember();
  return member !== null && member.role === 'admin' && campaign.collective
    && campaign.collective.username === member.collective.username;
}

/** Collectives of this node the member follows: their campaigns are listed with the member's own. */
async function followedCollectives() {
  try {
    const page = await follows.following();
    return page.items.filter((f) => String(f.actor.type).toLowerCase() === 'group' && f.actor.local && f.actor.handle)
      .map((f) => f.actor.handle.split('@')[0]);
  } catch (e) {
    return []; // the member's own collective is still listed
  }
}

/**
 * The campaigns of the member's collective and of the collectives of this node they follow,
 * newest first. Campaigns of collectives on other servers are not listed: the node has no list
 * of them to give.
 */
export async function visibleCampaigns() {
  const member = currentMember();
  const names = [member.collective.username, ...(await followedCollectives())]
    .filter((name, i, all) => all.indexOf(name) === i);
  const pages = await Promise.all(names.map((name) => campaigns.ofCollective(name)
    .then((page) => page.items, (e) => (name === member.collective.username ? Promise.reject(e) : []))));
  return pages.flat().sort((a, b) => String(b.published_at || b.created_at)
    .localeCompare(String(a.published_at || a.created_at)));
}

/** A progress bar with its numbers in words beside it, for everyone to read. */
export function progressBar(campaign) {
  const p = campaign.progress || {};
  const percent = Math.max(0, Math.min(100, Math.round(Number(p.percent) || 0)));
  return h('div', { class: 'progress-block' },
    h('progress', {
      max: 100,
      value: percent,
      'aria-label': t('campaigns.progressLabel', { percent }),
    }),
    h('p', { class: 'progress-text' },
      t('campaigns.raisedOfGoal', { raised: formatMoney(p.raised), goal: formatMoney(campaign.goal), percent })));
}

/** A campaign in a list: title, collective, state, progress and what is left of its time. */
export function campaignCard(campaign) {
  const p = campaign.progress || {};
  return h('li', { class: 'card item-card campaign-card', 'data-campaign': campaign.id },
    h('div', { class: 'thumb thumb-campaign', 'aria-hidden': 'true' },
      `${Math.max(0, Math.round(Number(p.percent) || 0))}%`),
    h('div', { class: 'item-body' },
      h('h3', {}, h('a', { href: campaignPath(campaign) }, campaign.title)),
      h('p', { class: 'tags' },
        h('span', { class: 'badge kind kind-campaign' }, t('campaigns.badge')),
        campaign.state !== 'open'
          ? h('span', { class: `badge state campaign-${campaign.state}` }, campaignStateLabel(campaign.state)) : null,
        h('span', { class: 'tag' }, campaign.collective.name || campaign.collective.username)),
      progressBar(campaign),
      h('p', { class: 'muted small' }, campaign.state === 'open'
        ? t('campaigns.daysLeft', { days: p.days_left || 0, end: formatDate(campaign.ends_at) })
        : t('campaigns.since', { when: formatDateTime(campaign.published_at || campaign.created_at) }))));
}
