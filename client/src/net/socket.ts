// The one Phoenix socket of the page. The official `phoenix` client does the
// hard parts (reconnect with backoff, channel rejoin, heartbeat, push
// buffering); this module only exposes its connection state and a promise
// form of pushes.
import { Socket, type Channel } from 'phoenix';
import { createStore, type Store } from '../lib/store';
import type { ErrorReply } from './protocol';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface Connection {
  socket: Socket;
  state: Store<ConnectionState>;
}

/** `token` is read at every (re)connect, so a renewed token is used at once. */
export function connect(token: () => string): Connection {
  const socket = new Socket('/socket', { params: () => ({ token: token() }) });
  const state = createStore<ConnectionState>('connecting');
  socket.onOpen(() => state.set('open'));
  socket.onClose(() => state.set(state.get() === 'connecting' ? 'connecting' : 'reconnecting'));
  socket.onError(() => state.set(state.get() === 'open' ? 'reconnecting' : state.get()));
  socket.connect();
  return { socket, state };
}

/**
 * Pushes an event and resolves with the `ok` payload; rejects with the
 * server's `{code, message}` on `error`, or a `timeout` error.
 */
export function pushAsync<T = Record<string, unknown>>(
  channel: Channel,
  event: string,
  payload: object = {},
  timeoutMs = 10000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    channel
      .push(event, payload, timeoutMs)
      .receive('ok', (reply: T) => resolve(reply))
      .receive('error', (reply: ErrorReply) =>
        reject({ code: reply?.code ?? 'error', message: reply?.message ?? 'The server refused.' }),
      )
      .receive('timeout', () =>
        reject({ code: 'timeout', message: 'The server did not answer in time. Try again.' }),
      );
  });
}

/** The message to show for a refusal of any shape. */
export function errorText(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err) {
    const m = (err as { message?: unknown }).message;
    if (typeof m === 'string' && m) return m;
  }
  return 'Something went wrong.';
}
