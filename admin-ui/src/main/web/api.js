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
