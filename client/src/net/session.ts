// Identity: POST /api/session with a name (new player) or a token (renewal,
// same player id). The token and name live in localStorage so that a returning
// visitor lands straight in the lobby.
import type { Session } from './protocol';

const STORAGE_KEY = 'parlor.session';

/** Storage is injectable so the logic is testable without a browser. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadSession(store: KeyValueStore): Session | null {
  try {
    const raw = store.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.token !== 'string' || typeof s.name !== 'string') return null;
    return { token: s.token, name: s.name, player_id: String(s.player_id ?? '') };
  } catch {
    return null;
  }
}

export function saveSession(store: KeyValueStore, s: Session): void {
  store.setItem(STORAGE_KEY, JSON.stringify(s));
}

export function clearSession(store: KeyValueStore): void {
  store.removeItem(STORAGE_KEY);
}

/** Client-side check that mirrors the server's (the server still decides). */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Please type a name.';
  if ([...trimmed].length > 24) return 'Names are at most 24 characters.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'Names cannot contain control characters.';
  return null;
}

export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** True when the server answered (the token or name is bad), false on network errors. */
    readonly refused: boolean,
  ) {
    super(message);
  }
}

async function post(body: object): Promise<Session> {
  let res: Response;
  try {
    res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new SessionError('network', 'Cannot reach the server. Check your connection.', false);
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new SessionError(err?.code ?? `http_${res.status}`, err?.message ?? `The server said ${res.status}.`, res.status < 500);
  }
  const s = data as Session;
  return { token: s.token, player_id: s.player_id, name: s.name };
}

export function createSession(name: string): Promise<Session> {
  return post({ name: name.trim() });
}

export function renewSession(token: string): Promise<Session> {
  return post({ token });
}
