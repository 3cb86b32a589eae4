// The two pages: the lobby at "/" and a table at "/room/<id>" (an invite link
// adds "?invite=<code>"). The server serves index.html for both paths.
import { createStore } from '../lib/store';

export type Route = { page: 'lobby' } | { page: 'room'; id: string; invite?: string };

export function parseRoute(pathname: string, search: string): Route {
  const m = /^\/room\/([^/]+)\/?$/.exec(pathname);
  if (!m) return { page: 'lobby' };
  const invite = new URLSearchParams(search).get('invite') ?? undefined;
  return { page: 'room', id: decodeURIComponent(m[1]), ...(invite ? { invite } : {}) };
}

export function roomPath(id: string, invite?: string): string {
  return `/room/${encodeURIComponent(id)}${invite ? `?invite=${encodeURIComponent(invite)}` : ''}`;
}

/** The full link to share: anyone who opens it lands at the table. */
export function inviteLink(origin: string, id: string, invite?: string): string {
  return `${origin}${roomPath(id, invite)}`;
}

export const route = createStore<Route>(
  typeof location === 'undefined' ? { page: 'lobby' } : parseRoute(location.pathname, location.search),
);

export function navigate(path: string): void {
  history.pushState(null, '', path);
  route.set(parseRoute(location.pathname, location.search));
  window.scrollTo(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => route.set(parseRoute(location.pathname, location.search)));
}
