// The lobby: quick play, create a room, open rooms, who is online, chat.
import { useState } from 'preact/hooks';
import { navigate, roomPath } from '../app/route';
import { useStore } from '../lib/store';
import { GAMES, type GameName } from '../net/protocol';
import { errorText } from '../net/socket';
import { ChatPanel } from '../ui/ChatPanel';
import { CreateRoomForm } from './CreateRoomForm';
import { GAME_INFO } from './gameOptions';
import type { LobbyConnection } from './lobbyConnection';
import { RoomList } from './RoomList';

export function Lobby({ lobby }: { lobby: LobbyConnection }) {
  const s = useStore(lobby.state);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<GameName | null>(null);

  async function quickPlay(game: GameName) {
    setBusy(game);
    setError(null);
    try {
      const { room_id } = await lobby.quickPlay(game);
      navigate(roomPath(room_id));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <main class="lobby" id="main">
      <h1 class="sr-only">Lobby</h1>
      {s.error && <p class="error" role="alert">{s.error}</p>}
      {!s.joined && !s.error && <p class="muted" role="status">Joining the lobby…</p>}
      <div class="lobby-grid">
        <div class="lobby-main">
          <section class="panel quick-play" aria-labelledby="quick-title">
            <h2 id="quick-title">Quick play</h2>
            <p class="help">Sit down at once: an open seat, or a new table with computer players.</p>
            <div class="quick-buttons">
              {GAMES.map((g) => (
                <button key={g} type="button" disabled={!s.joined || busy !== null} onClick={() => quickPlay(g)}>
                  {busy === g ? 'Finding a table…' : GAME_INFO[g].title}
                </button>
              ))}
            </div>
            {error && <p class="error" role="alert">{error}</p>}
          </section>
          <RoomList rooms={s.rooms} />
          <CreateRoomForm lobby={lobby} />
        </div>
        <aside class="lobby-side">
          <section class="panel online" aria-labelledby="online-title">
            <h2 id="online-title">Online now ({s.online.length})</h2>
            <ul class="online-list">
              {s.online.map((p) => (
                <li key={p.id}>
                  <span class="conn-dot online" aria-hidden="true" /> {p.name}
                  {p.id === s.me?.id && <span class="muted"> (you)</span>}
                </li>
              ))}
            </ul>
          </section>
          <ChatPanel title="Lobby chat" messages={s.chat} onSend={(t) => lobby.sendChat(t)} disabled={!s.joined}
            meId={s.me?.id} />
        </aside>
      </div>
    </main>
  );
}
