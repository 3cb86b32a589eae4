// Create a room: game, seat count where the game has a choice, its options
// (defaults explained in plain words), public or private, and a turn timer.
import { useState } from 'preact/hooks';
import { navigate, roomPath } from '../app/route';
import { GAMES, type GameName, type Options } from '../net/protocol';
import { errorText } from '../net/socket';
import { OptionsFields } from '../ui/OptionsFields';
import { GAME_INFO, optionsToSend } from './gameOptions';
import type { CreateRoomParams, LobbyConnection } from './lobbyConnection';

const TIMERS = [
  { value: 0, label: 'No timer' },
  { value: 30, label: '30 seconds a turn' },
  { value: 60, label: '1 minute a turn' },
  { value: 120, label: '2 minutes a turn' },
];

/** The create_room payload for the form's state (exported for tests). */
export function createParams(game: GameName, options: Options, players: number | undefined, isPrivate: boolean,
  turnSeconds: number): CreateRoomParams {
  const info = GAME_INFO[game];
  const p: CreateRoomParams = { game, options: optionsToSend(game, options, players) };
  if (info.players && players !== undefined) p.players = players;
  if (isPrivate) p.private = true;
  if (turnSeconds > 0 && game !== 'klondike') p.turn_seconds = turnSeconds;
  return p;
}

export function CreateRoomForm({ lobby }: { lobby: LobbyConnection }) {
  const [game, setGame] = useState<GameName>('hearts');
  const [options, setOptions] = useState<Options>({});
  const [players, setPlayers] = useState<number | undefined>(undefined);
  const [isPrivate, setPrivate] = useState(false);
  const [timer, setTimer] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const info = GAME_INFO[game];
  const seatCount = players ?? info.players?.default;

  function chooseGame(g: GameName) {
    setGame(g);
    setOptions({});
    setPlayers(undefined);
    setError(null);
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const reply = await lobby.createRoom(createParams(game, options, seatCount, isPrivate, timer));
      navigate(roomPath(reply.room_id, reply.invite));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel create-room" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">Create a room</h2>
      <fieldset class="game-choice">
        <legend>Game</legend>
        {GAMES.map((g) => (
          <label key={g} class={g === game ? 'chosen' : undefined}>
            <input type="radio" name="game" value={g} checked={g === game} onChange={() => chooseGame(g)} />
            <span class="game-title">{GAME_INFO[g].title}</span>
            <span class="help">{GAME_INFO[g].blurb}</span>
          </label>
        ))}
      </fieldset>
      {info.players && (
        <div class="field">
          <label for="create-players">Players</label>
          <select id="create-players" value={String(seatCount)} aria-describedby="create-players-help"
            onChange={(e) => setPlayers(Number((e.target as HTMLSelectElement).value))}>
            {Array.from({ length: info.players.max - info.players.min + 1 }, (_, i) => info.players!.min + i).map((n) => (
              <option key={n} value={String(n)}>{n} players</option>
            ))}
          </select>
          <p class="help" id="create-players-help">Empty seats can be filled with computer players.</p>
        </div>
      )}
      <details class="options">
        <summary>Rules and options (the usual rules are already chosen)</summary>
        <OptionsFields game={game} options={options} context={info.players?.viaOption ? { players: seatCount ?? 5 } : {}}
          onChange={setOptions} idPrefix="create" />
      </details>
      {game !== 'klondike' && (
        <div class="field">
          <label for="create-timer">Turn timer</label>
          <select id="create-timer" value={String(timer)} aria-describedby="create-timer-help"
            onChange={(e) => setTimer(Number((e.target as HTMLSelectElement).value))}>
            {TIMERS.map((t) => <option key={t.value} value={String(t.value)}>{t.label}</option>)}
          </select>
          <p class="help" id="create-timer-help">When time runs out, a computer player moves for you.</p>
        </div>
      )}
      <div class="field check">
        <input id="create-private" type="checkbox" checked={isPrivate}
          onChange={(e) => setPrivate((e.target as HTMLInputElement).checked)} />
        <label for="create-private">Private: only people with the invite link can join</label>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating…' : `Create ${info.title} room`}</button>
    </form>
  );
}
