// Open rooms, updated live by the lobby's `rooms` pushes.
import { inviteLink, navigate, roomPath } from '../app/route';
import { seatName } from '../games/layout';
import type { RoomSummary } from '../net/protocol';
import { CopyLink } from '../ui/CopyLink';
import { describeOptions, GAME_INFO } from './gameOptions';
import { openSeats } from './lobbyState';

const STATUS_TEXT: Record<RoomSummary['status'], string> = {
  waiting: 'Waiting for players',
  playing: 'Playing',
  finished: 'Finished',
};

export function RoomList({ rooms }: { rooms: RoomSummary[] }) {
  return (
    <section class="panel rooms" aria-labelledby="rooms-title">
      <h2 id="rooms-title">Open rooms</h2>
      {rooms.length === 0 ? (
        <p class="muted">No open rooms right now. Create one, or use quick play.</p>
      ) : (
        <ul class="room-list">
          {rooms.map((r) => <RoomItem key={r.id} room={r} />)}
        </ul>
      )}
    </section>
  );
}

function RoomItem({ room }: { room: RoomSummary }) {
  const free = openSeats(room);
  const canSit = room.status === 'waiting' && free > 0;
  const extras = describeOptions(room.game, room.options ?? {});
  const seated = room.seats.filter((s) => s.player || s.bot).length;
  return (
    <li class={`room-item status-${room.status}`}>
      <div class="room-head">
        <strong>{GAME_INFO[room.game]?.title ?? room.game}</strong>
        <span class="room-status">{STATUS_TEXT[room.status]}</span>
        <span class="room-seats">{seated}/{room.seats.length} seated</span>
        {room.spectators > 0 && <span>{room.spectators} watching</span>}
      </div>
      <p class="room-players">
        {room.seats.map((s, i) => seatName(s, i)).join(' · ')}
      </p>
      {extras.length > 0 && <p class="help">{extras.join('; ')}</p>}
      <div class="room-actions">
        <button
          type="button"
          class={canSit ? 'primary' : undefined}
          onClick={() => navigate(roomPath(room.id))}
        >
          {canSit ? 'Join' : 'Watch'}
          <span class="sr-only"> the {GAME_INFO[room.game]?.title ?? room.game} room</span>
        </button>
        <details class="share">
          <summary>Share</summary>
          <CopyLink link={inviteLink(location.origin, room.id)} />
        </details>
      </div>
    </li>
  );
}
