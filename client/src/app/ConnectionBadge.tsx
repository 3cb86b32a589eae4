// The connection indicator. The phoenix client reconnects by itself; this
// only tells the player what is happening.
import type { ConnectionState } from '../net/socket';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Connection lost, reconnecting…',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span class={`conn conn-${state}`} role="status" title={LABELS[state]}>
      <span class="conn-dot" aria-hidden="true" />
      <span class="conn-text">{LABELS[state]}</span>
    </span>
  );
}
