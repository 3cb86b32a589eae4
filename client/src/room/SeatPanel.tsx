// Seats before the start: sit, stand, and for the host add/remove computer
// players (with a level), the options and the start button.
import { useEffect, useState } from 'preact/hooks';
import { connectionLabel, seatName } from '../games/layout';
import { GAME_INFO } from '../lobby/gameOptions';
import { BOT_LEVELS, type BotLevel, type Options, type PlayerRef, type RoomInfo } from '../net/protocol';
import { errorText } from '../net/socket';
import { OptionsFields } from '../ui/OptionsFields';
import type { RoomConnection } from './roomConnection';

export function SeatPanel({ room, me, conn }: { room: RoomInfo; me: PlayerRef; conn: RoomConnection }) {
  const [error, setError] = useState<string | null>(null);
  const [level, setLevel] = useState<BotLevel>('normal');
  const isHost = room.host === me.id;
  const mySeat = room.seats.findIndex((s) => s.player?.id === me.id);
  const waiting = room.status === 'waiting';
  const full = room.seats.every((s) => s.player || s.bot);

  function act(p: Promise<unknown>) {
    setError(null);
    p.catch((err) => setError(errorText(err)));
  }

  return (
    <section class="panel seats-panel" aria-labelledby="seats-title">
      <h2 id="seats-title">Seats</h2>
      <ol class="seat-list">
        {room.seats.map((s, i) => (
          <li key={i} class={s.player?.id === me.id ? 'mine' : undefined}>
            <span class={`conn-dot ${s.connected ? 'online' : 'offline'}`} aria-hidden="true" />
            <span class="seat-name">
              {seatName(s, i)}
              {s.player?.id === room.host && <span class="badge">host</span>}
              {s.player?.id === me.id && <span class="badge">you</span>}
            </span>
            <span class="muted">{connectionLabel(s)}</span>
            {waiting && (
              <span class="seat-actions">
                {!s.player && !s.bot && mySeat < 0 && (
                  <button type="button" class="primary" onClick={() => act(conn.sit(i))}>
                    Sit here<span class="sr-only"> (seat {i + 1})</span>
                  </button>
                )}
                {!s.player && !s.bot && isHost && (
                  <button type="button" onClick={() => act(conn.addBot(i, level))}>
                    Add computer<span class="sr-only"> to seat {i + 1}</span>
                  </button>
                )}
                {s.bot && !s.player && isHost && (
                  <button type="button" onClick={() => act(conn.removeBot(i))}>
                    Remove computer<span class="sr-only"> from seat {i + 1}</span>
                  </button>
                )}
                {s.player?.id === me.id && (
                  <button type="button" onClick={() => act(conn.stand())}>Stand up</button>
                )}
              </span>
            )}
          </li>
        ))}
      </ol>
      {waiting && isHost && (
        <div class="host-controls">
          <div class="field inline">
            <label for="bot-level">Computer level</label>
            <select id="bot-level" value={level} onChange={(e) => setLevel((e.target as HTMLSelectElement).value as BotLevel)}>
              {BOT_LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </div>
          <button type="button" class="primary" disabled={!full} onClick={() => act(conn.start())}>
            Start the game
          </button>
          {!full && <p class="help">Every seat needs a player or a computer before the start.</p>}
        </div>
      )}
      {waiting && !isHost && <p class="help">The host starts the game once every seat is filled.</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {waiting && isHost && <HostOptions room={room} conn={conn} />}
    </section>
  );
}

function HostOptions({ room, conn }: { room: RoomInfo; conn: RoomConnection }) {
  const info = GAME_INFO[room.game];
  const [options, setOptions] = useState<Options>(room.options ?? {});
  const [players, setPlayers] = useState<number>(room.players);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    setOptions(room.options ?? {});
    setPlayers(room.players);
  }, [room.options, room.players]);

  async function save(e: Event) {
    e.preventDefault();
    setStatus(null);
    try {
      await conn.setOptions(options, info.players ? players : undefined);
      setStatus('Options saved.');
    } catch (err) {
      setStatus(errorText(err));
    }
  }

  return (
    <details class="options">
      <summary>Rules and options</summary>
      <form onSubmit={save}>
        {info.players && (
          <div class="field">
            <label for="room-players">Players</label>
            <select id="room-players" value={String(players)}
              onChange={(e) => setPlayers(Number((e.target as HTMLSelectElement).value))}>
              {Array.from({ length: info.players.max - info.players.min + 1 }, (_, i) => info.players!.min + i).map((n) => (
                <option key={n} value={String(n)}>{n} players</option>
              ))}
            </select>
          </div>
        )}
        <OptionsFields game={room.game} options={options} context={{ players }} onChange={setOptions} idPrefix="room" />
        <button type="submit">Save options</button>
        {status && <p class="help" role="status">{status}</p>}
      </form>
    </details>
  );
}
