// Who is signed in, as the node says (GET /api/v1/me). The session itself is an HttpOnly cookie
// the app never sees, so a script injected into the page could not steal it.

import { accounts } from './api.js';

const RANKS = { member: 1, moderator: 2, admin: 3 };

let member = null;

export function currentMember() {
  return member;
}

/** Asks the node who we are; no session is not an error. */
export async function loadSession() {
  try {
    member = await accounts.me();
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      member = null;
    } else {
      throw e;
    }
  }
  return member;
}

export async function signIn(username, password) {
  const answer = await accounts.signIn(username, password);
  member = answer.member;
  return member;
}

export async function signOut() {
  try {
    await accounts.signOut();
  } finally {
    member = null;
  }
}

/** Changes the member's own profile; the node answers the member as they now are. */
export async function editProfile(body) {
  member = await accounts.editProfile(body);
  return member;
}

/** Forget the member locally, when the node said the session has ended. */
export function forget() {
  member = null;
}

/** Whether the signed-in member has at least this role (member < moderator < admin). */
export function hasRole(role) {
  return member !== null && (RANKS[member.role] || 0) >= (RANKS[role] || 99);
}
