// How federation is going, for administrators: the servers that follow us and that we follow,
// the delivery queue per server and over time (a chart drawn as SVG with DOM calls, with the
// same figures in a table), and the signatures refused by reason.

import { h, clear } from '../dom.js';
import { t, formatDateTime, language } from '../i18n.js';
import { federationHealth as api } from '../api.js';
import { loadFailure } from '../forms.js';
import { federationTabs } from './federationTabs.js';

const SVG = 'http://www.w3.org/2000/svg';
const SERIES = [
  { key: 'pending', label: 'federationHealth.pending', className: 'series-pending', dash: null },
  { key: 'retrying', label: 'federationHealth.retrying', className: 'series-retrying', dash: '6 4' },
  { key: 'failed', label: 'federationHealth.failed', className: 'series-failed', dash: '2 3' },
];
const REASONS = {
  MISSING_SIGNATURE: 'federationHealth.reason.MISSING_SIGNATURE',
  MALFORMED_HEADER: 'federationHealth.reason.MALFORMED_HEADER',
  UNKNOWN_ALGORITHM: 'federationHealth.reason.UNKNOWN_ALGORITHM',
  MISSING_COMPONENT: 'federationHealth.reason.MISSING_COMPONENT',
  MISSING_DIGEST: 'federationHealth.reason.MISSING_DIGEST',
  BAD_DIGEST: 'federationHealth.reason.BAD_DIGEST',
  CLOCK_SKEW: 'federationHealth.reason.CLOCK_SKEW',
  EXPIRED: 'federationHealth.reason.EXPIRED',
  KEY_MISMATCH: 'federationHealth.reason.KEY_MISMATCH',
  BAD_SIGNATURE: 'federationHealth.reason.BAD_SIGNATURE',
};

/** An SVG element: the chart is built like the rest of the page, attribute by attribute. */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([name, value]) => {
    if (value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  });
  children.flat().filter((c) => c !== null && c !== undefined).forEach((c) => {
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return el;
}

function number(n) {
  return new Intl.NumberFormat(language()).format(n);
}

function time(iso) {
  return new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A round ceiling for the axis: 1, 2, 5, 10, 20, 50… at least the largest value. */
function niceMax(max) {
  if (max <= 0) {
    return 1;
  }
  const step = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * step).find((v) => v >= max);
}

function chart(history) {
  const points = history.points;
  const width = 400;
  const height = 220;
  const pad = { left: 44, right: 12, top: 12, bottom: 28 };
  const inner = { w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const top = niceMax(Math.max(0, ...points.flatMap((p) => SERIES.map((s) => p[s.key]))));
  const first = points.length > 0 ? new Date(points[0].at).getTime() : 0;
  const last = points.length > 0 ? new Date(points[points.length - 1].at).getTime() : 1;
  const span = Math.max(1, last - first);
  const x = (p) => pad.left + (points.length === 1 ? inner.w : ((new Date(p.at).getTime() - first) / span) * inner.w);
  const y = (v) => pad.top + inner.h - (v / top) * inner.h;
  const latest = points.length > 0 ? points[points.length - 1] : null;
  const summary = latest
    ? t('federationHealth.chartSummary', {
      hours: history.hours, pending: number(latest.pending), retrying: number(latest.retrying),
      failed: number(latest.failed), peak: number(top),
    })
    : t('federationHealth.chartEmpty');
  const grid = [0, 0.5, 1].map((f) => svg('g', {},
    svg('line', { x1: pad.left, x2: width - pad.right, y1: y(top * f), y2: y(top * f), class: 'grid' }),
    svg('text', { x: pad.left - 6, y: y(top * f) + 4, 'text-anchor': 'end', class: 'axis-label' }, number(top * f))));
  const lines = points.length === 0 ? [] : SERIES.map((s) => svg('polyline', {
    class: `series ${s.className}`,
    fill: 'none',
    'stroke-width': 2.5,
    'stroke-dasharray': s.dash,
    points: points.map((p) => `${x(p).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' '),
  }));
  const axis = points.length === 0 ? [] : [
    svg('text', { x: pad.left, y: height - 8, class: 'axis-label' }, time(points[0].at)),
    svg('text', { x: width - pad.right, y: height - 8, 'text-anchor': 'end', class: 'axis-label' }, time(latest.at)),
  ];
  return svg('svg', {
    class: 'queue-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'queue-chart-title',
  }, svg('title', { id: 'queue-chart-title' }, summary), grid, lines, axis);
}

function legend() {
  return h('ul', { class: 'legend' }, SERIES.map((s) => h('li', {},
    svg('svg', { viewBox: '0 0 30 10', width: 30, height: 10, 'aria-hidden': 'true', class: 'legend-swatch' },
      svg('line', { x1: 0, x2: 30, y1: 5, y2: 5, class: `series ${s.className}`, 'stroke-width': 3,
        'stroke-dasharray': s.dash })),
    ' ', t(s.label))));
}

function historyTable(history) {
  const recent = history.points.slice(-15).reverse();
  return h('details', { class: 'chart-data' },
    h('summary', {}, t('federationHealth.chartTable')),
    h('table', {},
      h('caption', {}, t('federationHealth.chartTableCaption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('federationHealth.time')),
        SERIES.map((s) => h('th', { scope: 'col' }, t(s.label))))),
      h('tbody', {}, recent.map((p) => h('tr', {}, h('th', { scope: 'row' }, formatDateTime(p.at)),
        SERIES.map((s) => h('td', {}, number(p[s.key]))))))));
}

function queueSection(health, history) {
  const q = health.queue;
  return h('section', { class: 'card', 'aria-labelledby': 'queue-title' },
    h('h2', { id: 'queue-title' }, t('federationHealth.queueTitle')),
    h('dl', { class: 'totals' },
      SERIES.map((s) => h('div', { class: `total ${s.className}` }, h('dt', {}, t(s.label)), h('dd', {}, number(q[s.key])))),
      h('div', { class: 'total' }, h('dt', {}, t('federationHealth.delivered')), h('dd', {}, number(q.delivered)))),
    h('h3', {}, t('federationHealth.chartTitle', { hours: history.hours })),
    h('figure', { class: 'chart' }, chart(history), h('figcaption', {}, legend())),
    historyTable(history),
    h('h3', {}, t('federationHealth.perServer')),
    q.servers.length === 0
      ? h('p', { class: 'muted' }, t('federationHealth.queueEmpty'))
      : h('div', { class: 'table-scroll' }, h('table', { class: 'queue-servers' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('federationHealth.server')),
          SERIES.map((s) => h('th', { scope: 'col' }, t(s.label))),
          h('th', { scope: 'col' }, t('federationHealth.state')))),
        h('tbody', {}, q.servers.map((s) => h('tr', { 'data-host': s.host },
          h('th', { scope: 'row' }, s.host),
          SERIES.map((series) => h('td', {}, number(s[series.key]))),
          h('td', {}, s.unavailable_since
            ? t('federationHealth.unavailableSince', { date: formatDateTime(s.unavailable_since) })
            : t('federationHealth.available'))))))));
}

function serversSection(health) {
  return h('section', { class: 'card', 'aria-labelledby': 'servers-title' },
    h('h2', { id: 'servers-title' }, t('federationHealth.serversTitle')),
    health.servers.length === 0
      ? h('p', { class: 'muted' }, t('federationHealth.serversEmpty'))
      : h('div', { class: 'table-scroll' }, h('table', { class: 'servers' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('federationHealth.server')),
          h('th', { scope: 'col' }, t('federationHealth.followers')),
          h('th', { scope: 'col' }, t('federationHealth.following')),
          h('th', { scope: 'col' }, t('federationHealth.pendingFollows')))),
        h('tbody', {}, health.servers.map((s) => h('tr', { 'data-domain': s.domain },
          h('th', { scope: 'row' }, s.domain),
          h('td', {}, number(s.followers)),
          h('td', {}, number(s.following)),
          h('td', {}, number(s.pending))))))));
}

function rejectionsSection(health) {
  const r = health.rejections;
  const top = Math.max(1, ...r.by_reason.map((x) => x.count));
  return h('section', { class: 'card', 'aria-labelledby': 'rejections-title' },
    h('h2', { id: 'rejections-title' }, t('federationHealth.rejectionsTitle')),
    h('p', {}, t('federationHealth.rejectionsTotal', { count: number(r.total), days: r.days })),
    r.by_reason.length === 0
      ? h('p', { class: 'muted' }, t('federationHealth.rejectionsEmpty'))
      : h('ul', { class: 'plain-list bars' }, r.by_reason.map((x) => h('li', { 'data-reason': x.reason },
        h('div', { class: 'bar-label' },
          h('span', {}, t(REASONS[x.reason] || 'federationHealth.reason.other', { reason: x.reason })),
          h('strong', { class: 'bar-count' }, number(x.count))),
        svg('svg', { class: 'bar', viewBox: '0 0 100 6', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
          svg('rect', { x: 0, y: 0, height: 6, width: ((x.count / top) * 100).toFixed(1), class: 'bar-fill' }))))),
    r.by_host.length === 0 ? null : h('details', {},
      h('summary', {}, t('federationHealth.rejectionsByServer')),
      h('ul', { class: 'plain-list' }, r.by_host.map((x) => h('li', {},
        t('federationHealth.rejectionByServer', {
          host: x.host, reason: t(REASONS[x.reason] || 'federationHealth.reason.other', { reason: x.reason }),
          count: number(x.count),
        }))))));
}

export default {
  title: 'federationHealth.title',
  async render(main) {
    main.append(h('h1', {}, t('federationHealth.title')), federationTabs('/app/federation/health'),
      h('p', { class: 'lead' }, t('federationHealth.intro')));
    const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('loading')));
    main.append(body);
    try {
      const [health, history] = await Promise.all([api.health(), api.queueHistory(24)]);
      clear(body).append(queueSection(health, history), serversSection(health), rejectionsSection(health));
    } catch (e) {
      clear(body).append(loadFailure(e));
    }
  },
};
