// What every game table receives from the room page. A table renders `view`
// and calls `send` only with moves taken from `view.legal`.
import type { BaseView, Move, PlayerRef, RoomInfo } from '../net/protocol';

export interface TableProps<V extends BaseView = BaseView> {
  view: V;
  room: RoomInfo;
  me: PlayerRef;
  /** Display names by seat. */
  names: string[];
  /** Sends a legal move; resolves true once accepted (refusals are shown by the room page). */
  send: (move: Move) => Promise<boolean>;
  /** Starts the next game in this room (Klondike's new deal). */
  rematch: () => void;
  /** The last refusal of a move, shown beside the controls (null when none). */
  error: string | null;
  /** A move is on its way (controls stay usable; a second push is refused as stale). */
  pending: boolean;
}
