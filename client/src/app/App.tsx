// The page: the name step until there is a session, then one socket and the
// lobby channel for the whole visit, with the lobby or a table on top.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Lobby } from '../lobby/Lobby';
import { LobbyConnection } from '../lobby/lobbyConnection';
import { useStore } from '../lib/store';
import type { Session } from '../net/protocol';
import { clearSession, loadSession, renewSession, saveSession, SessionError } from '../net/session';
import { connect, type Connection } from '../net/socket';
import { RoomPage } from '../room/RoomPage';
import { ConnectionBadge } from './ConnectionBadge';
import { LiveRegion } from './LiveRegion';
import { NameStep } from './NameStep';
import { navigate, route } from './route';

type Boot = { phase: 'renewing' } | { phase: 'name'; note?: string; name?: string } | { phase: 'ready'; session: Session };

function initialBoot(): Boot {
  const s = loadSession(localStorage);
  return s ? { phase: 'renewing' } : { phase: 'name' };
}

export function App() {
  const [boot, setBoot] = useState<Boot>(initialBoot);

  // Token renewal on load: a refused token sends the player back to the name
  // step; a network failure keeps the stored token (the socket will retry).
  useEffect(() => {
    if (boot.phase !== 'renewing') return;
    const stored = loadSession(localStorage)!;
    renewSession(stored.token)
      .then((fresh) => {
        saveSession(localStorage, fresh);
        setBoot({ phase: 'ready', session: fresh });
      })
      .catch((err) => {
        if (err instanceof SessionError && err.refused) {
          clearSession(localStorage);
          setBoot({ phase: 'name', name: stored.name, note: 'Your session has expired. Choose your name again.' });
        } else {
          setBoot({ phase: 'ready', session: stored });
        }
      });
  }, [boot.phase]);

  if (boot.phase === 'renewing') return <p class="loading" role="status">Loading…</p>;
  if (boot.phase === 'name') {
    const r = route.get();
    const note = boot.note ?? (r.page === 'room' ? 'You were invited to a table. Choose a name to join it.' : undefined);
    return (
      <NameStep
        initialName={boot.name}
        note={note}
        onDone={(s) => {
          saveSession(localStorage, s);
          setBoot({ phase: 'ready', session: s });
        }}
      />
    );
  }
  return <Connected session={boot.session} />;
}

function Connected({ session }: { session: Session }) {
  // One socket and one lobby channel for the whole visit.
  const conn: Connection = useMemo(() => connect(() => session.token), [session.token]);
  const lobby = useMemo(() => new LobbyConnection(conn.socket), [conn]);
  useEffect(() => () => conn.socket.disconnect(), [conn]);
  const state = useStore(conn.state);
  const r = useStore(route);
  const me = { id: session.player_id, name: session.name };

  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="top-bar">
        <a
          class="brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          Parlor
        </a>
        <span class="me">Playing as <strong>{session.name}</strong></span>
        <ConnectionBadge state={state} />
      </header>
      <LiveRegion />
      {r.page === 'lobby' ? (
        <Lobby lobby={lobby} />
      ) : (
        <RoomPage key={r.id} socket={conn.socket} roomId={r.id} invite={r.invite} me={me} />
      )}
    </>
  );
}
