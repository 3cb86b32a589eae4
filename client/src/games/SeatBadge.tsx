// One seat at the table: name, connection state, score, game facts (bid,
// tricks, role), whose turn it is and the turn timer when the room has one.
import { formatClock, secondsLeft } from '../lib/format';
import { useNow } from '../lib/useNow';
import type { Seat } from '../net/protocol';
import { connectionLabel } from './layout';

export function SeatBadge({ seat, name, isMe, acting, lines, x, y, side, cardCount }: {
  seat: Seat | undefined;
  name: string;
  isMe: boolean;
  acting: boolean;
  lines: string[];
  x?: number;
  y?: number;
  side?: string;
  cardCount?: number;
}) {
  const deadline = acting ? seat?.turn_deadline_ms : undefined;
  const now = useNow(deadline !== undefined);
  const left = deadline !== undefined ? secondsLeft(deadline, now) : null;
  const conn = seat ? connectionLabel(seat) : 'open';
  const style = x !== undefined && y !== undefined ? { left: `${x}%`, top: `${y}%` } : undefined;
  return (
    <div class={`seat-badge side-${side ?? 'none'} ${acting ? 'acting' : ''} ${isMe ? 'me' : ''}`} style={style}
      role="group" aria-label={isMe ? `${name} (you)` : name}>
      <div class="seat-title">
        <span class={`conn-dot ${seat?.connected ? 'online' : 'offline'}`} aria-hidden="true" />
        <strong>{isMe ? `${name} (you)` : name}</strong>
        <span class="sr-only">, {conn}</span>
        {seat?.standin && <span class="badge">computer stands in</span>}
      </div>
      {lines.map((l, i) => <div key={i} class="seat-line">{l}</div>)}
      {cardCount !== undefined && !isMe && <div class="seat-line muted">{cardCount} cards</div>}
      {acting && (
        <div class="seat-turn">
          {isMe ? 'Your turn' : 'Thinking…'}
          {left !== null && <span class={`timer ${left <= 10 ? 'urgent' : ''}`}> {formatClock(left)}</span>}
        </div>
      )}
    </div>
  );
}
