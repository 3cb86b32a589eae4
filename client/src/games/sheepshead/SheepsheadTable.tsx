// Sheepshead: pick or pass, bury (select, confirm), call a partner (an
// unknown call then asks for the under card), crack, then tricks.
import { useEffect, useState } from 'preact/hooks';
import { sortHand } from '../../cards/cards';
import { score } from '../../lib/format';
import type { TableProps } from '../../room/tableTypes';
import { ChoiceButtons, ConfirmChoice } from '../ChoiceButtons';
import { HandSummary, Scoreboard, useNewResult } from '../HandSummary';
import { cardsOf, hasMove, moveForCard } from '../moves';
import { TrickTable } from '../trick/TrickTable';
import { useSelection } from '../useSelection';
import {
  callLabel, groupCalls, handCards, moveLabel, sheepsheadFacts, sheepsheadModel, sheepsheadSeatLines, sheepsheadStatus,
  sheepsheadSummary,
  type SheepsheadView,
} from './sheepshead';

const BUTTON_TYPES = ['pick', 'pass', 'alone', 'crack', 'recrack', 'no_crack'];

export default function SheepsheadTable(props: TableProps<SheepsheadView>) {
  const { view, names, send, pending } = props;
  const legal = view.legal;
  const burying = hasMove(legal, 'bury');
  const bury = useSelection<string>(legal, 'bury', 'cards');
  const calls = groupCalls(legal);
  const [underFor, setUnderFor] = useState<string | null>(null);
  useEffect(() => setUnderFor(null), [view.version]);
  const choosingUnder = calls.find((g) => g.key === underFor);
  const playable = cardsOf(legal, 'play');
  const [fresh, closeSummary] = useNewResult(view.hands?.length ?? 0);
  const cards = sortHand(handCards(view), 'sheepshead');

  let hand;
  if (burying) {
    hand = { cards, active: bury.selectable, choosing: true, selecting: true,
      selected: new Set<string | number>(bury.selected), onActivate: (c: string) => bury.toggle(c) };
  } else if (choosingUnder) {
    const unders = new Set<string | number>(choosingUnder.unders.map((m) => m.under as string));
    hand = { cards, active: unders, choosing: true, onActivate: (c: string) => {
      const m = choosingUnder.unders.find((x) => x.under === c);
      if (m) send(m);
    } };
  } else {
    hand = { cards, active: playable as Set<string | number>, choosing: playable.size > 0, onActivate: (c: string) => {
      const m = moveForCard(legal, c);
      if (m) send(m);
    } };
  }

  const controls = (
    <>
      {calls.length > 0 && (
        <div class="choice-buttons" role="group" aria-label="Call a partner">
          {calls.map((g) => (
            <button key={g.key} type="button" class={underFor === g.key ? 'primary selected' : 'primary'}
              aria-pressed={g.unders.length ? underFor === g.key : undefined} disabled={pending}
              onClick={() => (g.unders.length ? setUnderFor(underFor === g.key ? null : g.key) : send(g.first))}>
              {callLabel(g.first)}
            </button>
          ))}
        </div>
      )}
      {/* After the calls: "Play alone" is the other choice of the calling step. */}
      <ChoiceButtons moves={legal.filter((m) => BUTTON_TYPES.includes(m.type))} label={moveLabel} send={send}
        disabled={pending} />
      {choosingUnder && <p class="help">Now choose your under: the card from your hand that stands for the called suit.</p>}
      {burying && (
        <ConfirmChoice text="Bury these cards" hint={`Select ${bury.size} cards to bury`} match={bury.match} send={send}
          selected={bury.selected.length} size={bury.size} />
      )}
    </>
  );

  return (
    <TrickTable
      table={props}
      model={sheepsheadModel(view)}
      hand={hand}
      seatLines={(s) => sheepsheadSeatLines(view, s)}
      controls={controls}
      status={sheepsheadStatus(view, names)}
      facts={sheepsheadFacts(view)}
      side={
        <>
          {fresh !== null && view.hands?.[fresh] && (
            <HandSummary data={sheepsheadSummary(view, fresh, names)} onClose={closeSummary} />
          )}
          <Scoreboard title="Scores" rows={names.map((n, s) => ({ label: n, values: [score(view.totals?.[s] ?? 0)] }))} />
        </>
      }
    />
  );
}
