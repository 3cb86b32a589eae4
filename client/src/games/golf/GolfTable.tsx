// Golf: the initial reveal (select positions, confirm), then each turn: draw
// from the stock or take the discard into a chosen position; with a drawn
// card, swap it into a position or discard it (and maybe turn a card up);
// knock in 4-card Golf. Every action is one of `view.legal`.
import { useEffect, useRef, useState } from 'preact/hooks';
import { TableCard } from '../../cards/Hand';
import { cardName } from '../../cards/cards';
import { announce } from '../../lib/announce';
import { score } from '../../lib/format';
import type { TableProps } from '../../room/tableTypes';
import { ConfirmChoice, MoveError } from '../ChoiceButtons';
import { HandSummary, Scoreboard, useNewResult } from '../HandSummary';
import { seatPlaces } from '../layout';
import { hasMove, movesOfType } from '../moves';
import { SeatBadge } from '../SeatBadge';
import { useSelection } from '../useSelection';
import { GolfGrid } from './GolfGrid';
import {
  discardChoices, discardTop, drawnCard, golfStatus, golfSummary, gridOf, holeResults, holeText, layoutOf, positionsOf,
  stockCount,
  type GolfView,
} from './golf';

type Mode = 'none' | 'take' | 'flip';

export default function GolfTable(props: TableProps<GolfView>) {
  const { view, names, send, pending } = props;
  const legal = view.legal;
  const layout = layoutOf(view);
  const me = view.seat;
  const [mode, setMode] = useState<Mode>('none');
  useEffect(() => setMode('none'), [view.version]);
  const reveal = useSelection<number>(legal, 'reveal', 'positions');
  const revealing = hasMove(legal, 'reveal');
  const takes = positionsOf(legal, 'take_discard');
  const swaps = positionsOf(legal, 'swap');
  const { flips, plain } = discardChoices(legal);
  const draw = movesOfType(legal, 'draw')[0];
  const knock = movesOfType(legal, 'knock')[0];
  const [fresh, closeSummary] = useNewResult(holeResults(view).length);
  useTurnAnnouncement(view);

  // What clicking a position of my grid does right now.
  let active: Set<number> | null = null;
  let choose: (pos: number) => void = () => {};
  if (revealing) {
    active = new Set([...reveal.selectable].map(Number));
    choose = (p) => reveal.toggle(p);
  } else if (mode === 'take') {
    active = takes;
    choose = (p) => send(movesOfType(legal, 'take_discard').find((m) => m.position === p)!);
  } else if (mode === 'flip') {
    active = flips;
    choose = (p) => send(movesOfType(legal, 'discard').find((m) => m.flip === p)!);
  } else if (swaps.size > 0) {
    active = swaps;
    choose = (p) => send(movesOfType(legal, 'swap').find((m) => m.position === p)!);
  } else if (me !== null) {
    active = new Set();
  }

  function onDiscardPile() {
    if (takes.size > 0) setMode(mode === 'take' ? 'none' : 'take');
    else if (flips.size > 0) setMode(mode === 'flip' ? 'none' : 'flip');
    else if (plain) send(plain);
  }

  const top = discardTop(view);
  const drawn = drawnCard(view);
  const discardUsable = takes.size > 0 || flips.size > 0 || plain !== undefined;
  const discardLabel = takes.size > 0 ? `Take the discard, ${cardName(top)}` :
    discardUsable ? `Discard the drawn card, ${cardName(drawn)}` : `Discard pile: ${top ? cardName(top) : 'empty'}`;
  const places = seatPlaces(view.seats.length, me);

  return (
    <div class="golf-table">
      <p class="muted">{holeText(view)}</p>
      <div class="golf-others">
        {places.filter((p) => p.seat !== me).map((p) => (
          <div key={p.seat} class="golf-seat">
            <SeatBadge seat={view.seats[p.seat]} name={names[p.seat]} isMe={false} acting={view.to_act.includes(p.seat)}
              lines={[`Score ${score(view.totals?.[p.seat] ?? 0)}`, ...(view.dealer === p.seat ? ['dealer'] : [])]} />
            <GolfGrid slots={gridOf(view, p.seat)} layout={layout} label={`${names[p.seat]}'s grid`} active={null} small />
          </div>
        ))}
      </div>
      <div class="golf-piles" role="group" aria-label="Stock and discard pile">
        <button type="button" class={`card pile ${draw ? 'legal' : ''}`} disabled={!draw || pending}
          aria-label={`Stock, ${stockCount(view)} cards${draw ? ': draw a card' : ''}`} onClick={() => draw && send(draw)}>
          <TableCard code={null} label="" />
          <span class="pile-count" aria-hidden="true">{stockCount(view)}</span>
        </button>
        {view.drawn && (
          <div class="drawn">
            <TableCard code={drawn} label={drawn ? `Drawn card: ${cardName(drawn)}` : `${names[view.drawn.seat]} drew a card`} />
            <span class="help" aria-hidden="true">{view.drawn.seat === me ? 'you drew' : `${names[view.drawn.seat]} drew`}</span>
          </div>
        )}
        <button type="button" class={`card pile ${discardUsable ? 'legal' : ''} ${mode !== 'none' ? 'selected' : ''}`}
          aria-pressed={mode !== 'none'} disabled={!discardUsable || pending} aria-label={discardLabel} onClick={onDiscardPile}>
          <TableCard code={top} label="" />
        </button>
      </div>
      <div class="controls">
        <p class="status-line" role="status">
          {mode === 'take' ? 'Choose the position for the discard.' :
            mode === 'flip' ? 'Choose a face-down card to turn up.' : golfStatus(view, names)}
        </p>
        <MoveError text={props.error} />
        {revealing && (
          <ConfirmChoice text="Turn these cards up" hint="Select the cards to turn up" match={reveal.match} send={send}
            selected={reveal.selected.length} size={reveal.size} />
        )}
        <div class="choice-buttons">
          {mode === 'flip' && plain && <button type="button" class="primary" onClick={() => send(plain)}>Discard without turning a card</button>}
          {mode !== 'none' && <button type="button" onClick={() => setMode('none')}>Cancel</button>}
          {knock && <button type="button" class="primary" onClick={() => send(knock)}>Knock</button>}
        </div>
      </div>
      {me !== null && (
        <div class="golf-mine">
          <SeatBadge seat={view.seats[me]} name={names[me]} isMe acting={view.to_act.includes(me)}
            lines={[`Score ${score(view.totals?.[me] ?? 0)}`]} />
          <GolfGrid slots={gridOf(view, me)} layout={layout} label="Your grid" active={active}
            selected={revealing ? new Set(reveal.selected) : undefined} onChoose={choose} />
        </div>
      )}
      <div class="table-side">
        {fresh !== null && holeResults(view)[fresh] && (
          <HandSummary data={golfSummary(view, fresh, names)} onClose={closeSummary} />
        )}
        <Scoreboard title="Scores (lowest wins)" rows={names.map((n, s) => ({ label: n, values: [score(view.totals?.[s] ?? 0)] }))} />
      </div>
    </div>
  );
}

/** Announces whose turn it is and the discard pile's new top card. */
function useTurnAnnouncement(view: GolfView) {
  const prev = useRef<GolfView | null>(null);
  useEffect(() => {
    const p = prev.current;
    prev.current = view;
    if (!p) return;
    const lines: string[] = [];
    const top = discardTop(view);
    if (top && top !== discardTop(p)) lines.push(`Discard pile: ${cardName(top)}.`);
    const mine = view.seat !== null && view.to_act.includes(view.seat);
    if (mine && !(p.seat !== null && p.to_act.includes(p.seat))) lines.push('Your turn.');
    if (lines.length) announce(lines.join(' '));
  }, [view]);
}
