// The node's JSON API, and nothing else: the app never talks to another server.

/** A failed call, carrying the RFC 9457 problem the node answered with. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super((problem && problem.detail) || `status ${status}`);
    this.status = status;
    this.title = (problem && problem.title) || '';
    this.detail = (problem && problem.detail) || '';
    this.errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfter = retryAfter;
  }
}

let onUnauthorized = () => {};

/** Called when the node says the session has ended, so that the app can ask to sign in again. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/**
 * One call. The session cookie goes with it (same origin only); the X-Requested-With header is
 * what the node asks of cookie-authenticated requests that change something, as forgery protection.
 */
export async function request(method, path, body, { quietUnauthorized = false } = {}) {
  const headers = { accept: 'application/json, application/problem+json', 'x-requested-with': 'entraide' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null, null);
  }
  const type = response.headers.get('content-type') || '';
  const data = response.status !== 204 && type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data, response.headers.get('retry-after'));
    if (response.status === 401 && !quietUnauthorized) {
      onUnauthorized(error);
    }
    throw error;
  }
  return data;
}

/** Sessions and the signed-in member. */
export const accounts = {
  signIn: (username, password) => request('POST', '/api/v1/sessions', { username, password }, { quietUnauthorized: true }),
  signOut: () => request('DELETE', '/api/v1/sessions/current', undefined, { quietUnauthorized: true }),
  me: () => request('GET', '/api/v1/me', undefined, { quietUnauthorized: true }),
  editProfile: (body) => request('PATCH', '/api/v1/me', body),
};

const POLICIES = '/api/v1/admin/domain-policies';

/** The administrators' federation API. */
export const federation = {
  policies: () => request('GET', POLICIES),
  setPolicy: (domain, policy, publicComment, privateNote) =>
    request('PUT', `${POLICIES}/${encodeURIComponent(domain)}`, { policy, publicComment, privateNote }),
  removePolicy: (domain) => request('DELETE', `${POLICIES}/${encodeURIComponent(domain)}`),
  setMode: (mode) => request('PUT', '/api/v1/admin/federation-mode', { mode }),
};

// ---- Member screens: offers, photos, campaigns and pledges, posts, follows -------------------

const query = (params) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') {
      search.append(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};
const offerPath = (id) => `/api/v1/offers/${encodeURIComponent(id)}`;
const campaignPath = (id) => `/api/v1/campaigns/${encodeURIComponent(id)}`;

/** Offers: search, one's own, publishing, answering and their lifecycle. */
export const offers = {
  vocabulary: () => request('GET', '/api/v1/offer-vocabulary'),
  search: (params) => request('GET', `/api/v1/offers${query(params)}`),
  mine: (cursor) => request('GET', `/api/v1/me/offers${query({ cursor })}`),
  get: (id) => request('GET', offerPath(id)),
  create: (offer) => request('POST', '/api/v1/offers', offer),
  edit: (id, offer) => request('PATCH', offerPath(id), offer),
  withdraw: (id) => request('DELETE', offerPath(id)),
  move: (id, to) => request('POST', `${offerPath(id)}/transitions`, { to }),
  history: (id) => request('GET', `${offerPath(id)}/transitions`),
  returned: (id) => request('POST', `${offerPath(id)}/return`, {}),
  respond: (id, message) => request('POST', `${offerPath(id)}/responses`, { message }),
  responses: (id) => request('GET', `${offerPath(id)}/responses`),
  accept: (id, responseId) => request('POST', `${offerPath(id)}/responses/${encodeURIComponent(responseId)}/accept`, {}),
  decline: (id, responseId) => request('POST', `${offerPath(id)}/responses/${encodeURIComponent(responseId)}/decline`, {}),
  feedback: (id, text) => request('POST', `${offerPath(id)}/feedback`, { text }),
};

/**
 * Uploads a photo as multipart form data. XMLHttpRequest rather than fetch, because only it
 * reports the upload's progress; `onProgress` gets a fraction from 0 to 1. Answers the media JSON.
 */
export function uploadPhoto(blob, fileName, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/media');
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('x-requested-with', 'entraide');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && onProgress) {
        onProgress(event.loaded / event.total);
      }
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (e) {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data);
        return;
      }
      const error = new ApiError(xhr.status, data, xhr.getResponseHeader('retry-after'));
      if (xhr.status === 401) {
        onUnauthorized(error);
      }
      reject(error);
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null, null)));
    xhr.addEventListener('abort', () => reject(new ApiError(0, null, null)));
    const form = new FormData();
    form.append('file', blob, fileName);
    xhr.send(form);
  });
}

/** Campaigns of collectives, pledges, and what a collective's treasurer records. */
export const campaigns = {
  ofCollective: (name) => request('GET', `/api/v1/collectives/${encodeURIComponent(name)}/campaigns`),
  create: (collective, campaign) =>
    request('POST', `/api/v1/collectives/${encodeURIComponent(collective)}/campaigns`, campaign),
  get: (id) => request('GET', campaignPath(id)),
  publish: (id) => request('POST', `${campaignPath(id)}/publish`, {}),
  cancel: (id) => request('POST', `${campaignPath(id)}/cancel`, {}),
  pledge: (id, pledge) => request('POST', `${campaignPath(id)}/pledges`, pledge),
  pledges: (id) => request('GET', `${campaignPath(id)}/pledges`),
  csvPath: (id) => `${campaignPath(id)}/ledger.csv`,
};

export const pledges = {
  mine: () => request('GET', '/api/v1/me/pledges'),
  receive: (id, method, reference) =>
    request('POST', `/api/v1/pledges/${encodeURIComponent(id)}/receive`, { method, reference }),
  refund: (id) => request('POST', `/api/v1/pledges/${encodeURIComponent(id)}/refund`, {}),
  release: (id) => request('POST', `/api/v1/pledges/${encodeURIComponent(id)}/release`, {}),
  receiptPath: (id) => `/api/v1/pledges/${encodeURIComponent(id)}/receipt.pdf`,
};

/** Posts of the people and neighbourhoods one follows. */
export const posts = {
  timeline: (before) => request('GET', `/api/v1/timeline${query({ before, limit: 10 })}`),
};

/** Following by handle, with a preview first. */
export const follows = {
  lookup: (handle) => request('GET', `/api/v1/lookup${query({ handle })}`),
  follow: (handle) => request('POST', '/api/v1/follows', { handle }),
  unfollow: (id) => request('DELETE', `/api/v1/follows/${encodeURIComponent(id)}`),
  following: (before) => request('GET', `/api/v1/follows${query({ before })}`),
  followers: (before) => request('GET', `/api/v1/followers${query({ before })}`),
};

// ---- Running the node: membership, moderation, settings, federation health, notifications ----

const ADMIN = '/api/v1/admin';

/** Joining the node: what it says about itself, invitation links, registrations. */
export const joining = {
  instance: () => request('GET', '/api/v1/instance', undefined, { quietUnauthorized: true }),
  invitation: (token) => request('GET', `/api/v1/invitations/${encodeURIComponent(token)}`, undefined, { quietUnauthorized: true }),
  register: (registration) => request('POST', '/api/v1/registrations', registration, { quietUnauthorized: true }),
};

/** Members as moderators and administrators manage them. */
export const members = {
  list: () => request('GET', `${ADMIN}/members`),
  setRole: (username, role) => request('PUT', `${ADMIN}/members/${encodeURIComponent(username)}/role`, { role }),
  suspend: (username, reason) => request('POST', `${ADMIN}/members/${encodeURIComponent(username)}/suspension`, { reason }),
  unsuspend: (username) => request('DELETE', `${ADMIN}/members/${encodeURIComponent(username)}/suspension`),
  invitations: () => request('GET', `${ADMIN}/invitations`),
  invite: (invitation) => request('POST', `${ADMIN}/invitations`, invitation),
  revoke: (id) => request('DELETE', `${ADMIN}/invitations/${id}`),
  signUps: () => request('GET', `${ADMIN}/sign-ups`),
  approve: (id) => request('POST', `${ADMIN}/sign-ups/${id}/approve`),
  reject: (id, reason) => request('POST', `${ADMIN}/sign-ups/${id}/reject`, { reason }),
};

/** Reports and the moderation queue. */
export const moderation = {
  report: (report) => request('POST', '/api/v1/reports', report),
  reports: (state) => request('GET', `${ADMIN}/reports${query({ state })}`),
  act: (id, action, reason, object) => request('POST', `${ADMIN}/reports/${id}/actions`, { action, reason, object }),
  auditLog: (report) => request('GET', `${ADMIN}/audit-log${query({ report })}`),
};

/** The node's settings (administrators). */
export const settings = {
  get: () => request('GET', `${ADMIN}/settings`),
  save: (values) => request('PUT', `${ADMIN}/settings`, values),
};

/** How federation is going (administrators). */
export const federationHealth = {
  health: () => request('GET', `${ADMIN}/federation/health`),
  queueHistory: (hours) => request('GET', `${ADMIN}/federation/queue-history${query({ hours })}`),
};

/** The signed-in member's notifications. */
export const notifications = {
  list: () => request('GET', '/api/v1/notifications'),
  unreadCount: () => request('GET', '/api/v1/notifications/unread-count', undefined, { quietUnauthorized: true }),
  markRead: (id) => request('POST', `/api/v1/notifications/${id}/read`),
  markAllRead: (upTo) => request('POST', '/api/v1/notifications/read', upTo ? { up_to: upTo } : {}),
};
