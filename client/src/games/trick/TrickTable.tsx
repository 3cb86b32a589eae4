// The table shared by Hearts, Spades and Sheepshead: seats around the felt,
// the trick in the middle (the trick just won stays with its winner marked
// for a moment before it clears), the hand at the bottom, and a control area
// that each game fills with its own choices (pass, bid, pick, bury...).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Hand, TableCard, type HandProps } from '../../cards/Hand';
import { cardName } from '../../cards/cards';
import { announce } from '../../lib/announce';
import type { BaseView } from '../../net/protocol';
import type { TableProps } from '../../room/tableTypes';
import { MoveError } from '../ChoiceButtons';
import { seatPlaces, trickSpot } from '../layout';
import { SeatBadge } from '../SeatBadge';
import { describeChanges, emptyHandText, nameOf, trickToShow, type Trick, type TrickModel } from './trickState';

const HOLD_MS = 1500;

export interface TrickTableProps {
  table: TableProps<BaseView>;
  /** The game's view in the shared trick shape. */
  model: TrickModel;
  hand: Omit<HandProps, 'label'>;
  /** Lines under each seat's name (score, bid, tricks, role). */
  seatLines: (seat: number) => string[];
  /** The game's controls for the current choice (buttons, confirm). */
  controls?: ComponentChildren;
  /** One sentence on what happens now ("Pass 3 cards to the left"). */
  status: string;
  /** Scoreboard, hand summary and other side information. */
  side?: ComponentChildren;
  /** Extra facts in the middle (the called card, trump broken...). */
  facts?: string[];
}

export function TrickTable({ table, model, hand, seatLines, controls, status, side, facts }: TrickTableProps) {
  const { view, names } = table;
  const count = view.seats.length;
  const places = seatPlaces(count, view.seat);
  const [hold, setHold] = useState(false);
  const prevModel = useRef<TrickModel | null>(null);

  // Announce plays, trick winners and turns; hold a just-won trick in view.
  useEffect(() => {
    const prev = prevModel.current;
    const lines = describeChanges(prev, model, names);
    if (lines.length) announce(lines.join(' '));
    prevModel.current = model;
    if (prev && prev.hand === model.hand && prev.done < model.done) {
      setHold(true);
      const t = setTimeout(() => setHold(false), HOLD_MS);
      return () => clearTimeout(t);
    }
  }, [view]);

  const shown = trickToShow(model, hold);
  const acting = new Set(view.to_act);
  return (
    <div class="trick-table">
      <div class={`felt seats-${count}`}>
        {places.map((p) => (
          <SeatBadge
            key={p.seat}
            seat={view.seats[p.seat]}
            name={names[p.seat]}
            isMe={p.seat === view.seat}
            acting={acting.has(p.seat)}
            lines={seatLines(p.seat)}
            x={p.x}
            y={p.y}
            side={p.side}
            cardCount={model.counts[p.seat]}
          />
        ))}
        <div class="trick-area" aria-label="Cards on the table" role="group">
          {shown.trick && <TrickCards trick={shown.trick} finished={shown.finished} table={table} />}
        </div>
      </div>
      <div class="controls" aria-label="Your move">
        <p class="status-line" role="status">{status}</p>
        <MoveError text={table.error} />
        {facts && facts.length > 0 && <ul class="facts">{facts.map((f, i) => <li key={i}>{f}</li>)}</ul>}
        {controls}
      </div>
      {view.seat !== null && (
        <Hand emptyText={emptyHandText(view)} {...hand} label="Your hand" />
      )}
      <div class="table-side">
        <LastTrick trick={model.lastTrick} table={table} />
        {side}
      </div>
    </div>
  );
}

function TrickCards({ trick, finished, table }: { trick: Trick; finished: boolean; table: TableProps<BaseView> }) {
  const { view, names } = table;
  const places = seatPlaces(view.seats.length, view.seat);
  return (
    <>
      {trick.cards.map(({ seat, card }) => {
        const p = places[seat];
        const { x, y } = trickSpot(p);
        const won = finished && trick.winner === seat;
        const who = nameOf(names, seat, view.seat);
        return (
          <span key={`${seat}-${card}`} class={`trick-card from-${p.side} ${won ? 'winner' : ''} ${finished && !won ? 'faded' : ''}`}
            style={{ left: `${x}%`, top: `${y}%` }}>
            <TableCard code={card} label={`${who}: ${cardName(card)}${won ? ', won the trick' : ''}`} />
            <span class="trick-who" aria-hidden="true">{who}</span>
          </span>
        );
      })}
      {finished && trick.winner !== undefined && (
        <span class="trick-winner" aria-hidden="true">{nameOf(names, trick.winner, view.seat)} won the trick</span>
      )}
    </>
  );
}

function LastTrick({ trick, table }: { trick: Trick | null; table: TableProps<BaseView> }) {
  const [open, setOpen] = useState(false);
  if (!trick) return null;
  const { names, view } = table;
  return (
    <section class="panel last-trick">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide last trick' : 'Review last trick'}
      </button>
      {open && (
        <ol class="last-trick-list">
          {trick.cards.map(({ seat, card }) => (
            <li key={seat} class={trick.winner === seat ? 'winner' : undefined}>
              <TableCard code={card} extraClass="mini" />
              <span>{nameOf(names, seat, view.seat)}: {cardName(card)}{trick.winner === seat ? ' — won' : ''}</span>
            </li>
          ))}
          {trick.points !== undefined && <li class="muted">{trick.points} points in this trick</li>}
        </ol>
      )}
    </section>
  );
}
