// A table: joins `room:<id>`, shows the seats before the start, the game's
// table while it runs, the game-over screen with rematch, chat, who is
// watching, and the invite link.
import type { Socket } from 'phoenix';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { inviteLink, navigate } from '../app/route';
import { seatNames } from '../games/layout';
import { GAME_INFO } from '../lobby/gameOptions';
import { announce } from '../lib/announce';
import { useStore } from '../lib/store';
import type { Move, PlayerRef } from '../net/protocol';
import { errorText } from '../net/socket';
import { ChatPanel } from '../ui/ChatPanel';
import { CopyLink } from '../ui/CopyLink';
import { GameOver, isFinished } from './GameOver';
import { RoomConnection } from './roomConnection';
import { SeatPanel } from './SeatPanel';
import { TableLoader } from './TableLoader';

export function RoomPage({ socket, roomId, invite, me }: {
  socket: Socket;
  roomId: string;
  invite?: string;
  me: PlayerRef;
}) {
  const conn = useMemo(() => new RoomConnection(socket, roomId, invite), [socket, roomId, invite]);
  useEffect(() => () => conn.close(), [conn]);
  const s = useStore(conn.state);
  const [moveError, setMoveError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const lastVersion = useRef<number | null>(null);

  // A fresh view clears the last refusal.
  useEffect(() => {
    if (s.view && s.view.version !== lastVersion.current) {
      lastVersion.current = s.view.version;
      setMoveError(null);
    }
  }, [s.view]);

  if (s.joinError) {
    return (
      <main id="main" class="room-page">
        <p class="error" role="alert">{s.joinError.message}</p>
        <button type="button" onClick={() => navigate('/')}>Back to the lobby</button>
      </main>
    );
  }
  if (!s.room || !s.view) return <main id="main" class="room-page"><p role="status">Joining the table…</p></main>;

  const { room, view } = s;
  const names = seatNames(view.seats ?? room.seats);
  const seated = room.seats.some((x) => x.player?.id === me.id);
  const watchers = s.present.filter((p) => !room.seats.some((x) => x.player?.id === p.id));
  const started = view.status !== 'waiting';
  const title = GAME_INFO[room.game]?.title ?? room.game;

  function send(move: Move): Promise<boolean> {
    setPending(true);
    return conn
      .move(move)
      .then(() => true)
      .catch((err: { code?: string }) => {
        // A stale move was chosen from an older view: the fresh view is on its way.
        if (err?.code !== 'stale_version') {
          const text = errorText(err);
          setMoveError(text);
          announce(text);
        }
        return false;
      })
      .finally(() => setPending(false));
  }

  function rematch() {
    conn.rematch().catch((err) => setMoveError(errorText(err)));
  }

  return (
    <main id="main" class={`room-page game-${room.game}`}>
      <div class="room-bar">
        <h1>{title}{room.private && <> <span class="badge">private</span></>}</h1>
        <span class="muted">
          {room.status === 'waiting' ? 'Waiting to start' : room.status === 'playing' ? 'In play' : 'Finished'}
          {!seated && ' · you are watching'}
        </span>
        {!s.joined && <span class="warn" role="status">Rejoining…</span>}
        <details class="share">
          <summary>Invite</summary>
          <CopyLink link={inviteLink(location.origin, room.id, room.invite)} />
        </details>
      </div>
      <div class="room-grid">
        <div class="room-main">
          {!started && <SeatPanel room={room} me={me} conn={conn} />}
          {started && (
            <TableLoader game={room.game} view={view} room={room} me={me} names={names} send={send} rematch={rematch}
              pending={pending} error={moveError} />
          )}
          {moveError && !started && <p class="error move-error" role="alert">{moveError}</p>}
          {started && isFinished(view) && (
            <GameOver view={view} names={names} canRematch={seated}
              onRematch={rematch} />
          )}
        </div>
        <aside class="room-side">
          <section class="panel watchers" aria-labelledby="watch-title">
            <h2 id="watch-title">Watching ({watchers.length})</h2>
            {watchers.length === 0 ? <p class="muted">Nobody is watching.</p> : (
              <ul>{watchers.map((p) => <li key={p.id}>{p.name}{p.id === me.id && ' (you)'}</li>)}</ul>
            )}
          </section>
          <ChatPanel title="Table chat" messages={s.chat} onSend={(t) => conn.chat(t)} disabled={!s.joined} meId={me.id} />
        </aside>
      </div>
    </main>
  );
}
