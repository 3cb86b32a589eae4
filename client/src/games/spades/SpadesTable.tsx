// Spades: blind nil or look, bid (one button per legal bid), the blind-nil
// card exchange (select 2, confirm), then tricks; team scores and bags.
import { sortHand } from '../../cards/cards';
import { score } from '../../lib/format';
import type { TableProps } from '../../room/tableTypes';
import { ChoiceButtons, ConfirmChoice } from '../ChoiceButtons';
import { HandSummary, Scoreboard, useNewResult } from '../HandSummary';
import { cardsOf, hasMove, moveForCard, movesOfType } from '../moves';
import { TrickTable } from '../trick/TrickTable';
import { useSelection } from '../useSelection';
import {
  spadesFacts, spadesModel, spadesSeatLines, spadesStatus, spadesSummary, teamName, teamScores, type SpadesView,
} from './spades';

export default function SpadesTable(props: TableProps<SpadesView>) {
  const { view, names, send, pending } = props;
  const legal = view.legal;
  const exchanging = hasMove(legal, 'exchange');
  const exchange = useSelection<string>(legal, 'exchange', 'cards');
  const playable = cardsOf(legal, 'play');
  const [fresh, closeSummary] = useNewResult(view.hand_results?.length ?? 0);
  // Before a blind-nil choice the seat has not seen its cards: show their backs.
  const hidden = view.seat !== null && !view.cards ? view.hand_counts?.[view.seat] ?? 0 : 0;
  const cards = view.cards ? sortHand(view.cards, 'spades') : Array<null>(hidden).fill(null);

  const hand = exchanging
    ? {
        cards,
        active: exchange.selectable,
        choosing: true,
        selecting: true,
        selected: new Set<string | number>(exchange.selected),
        onActivate: (c: string) => exchange.toggle(c),
      }
    : {
        cards,
        active: playable as Set<string | number>,
        choosing: playable.size > 0,
        onActivate: (c: string) => {
          const m = moveForCard(legal, c);
          if (m) send(m);
        },
      };

  const bids = movesOfType(legal, 'bid').sort((a, b) => Number(a.tricks) - Number(b.tricks));
  const blind = [...movesOfType(legal, 'blind_nil'), ...movesOfType(legal, 'look')];
  const controls = (
    <>
      <ChoiceButtons
        moves={blind}
        label={(m) => (m.type === 'blind_nil' ? 'Bid blind nil' : 'Look at my cards')}
        send={send}
        disabled={pending}
      />
      {bids.length > 0 && (
        <div class="bid-grid" role="group" aria-label="Your bid">
          {bids.map((m) => (
            <button key={String(m.tricks)} type="button" disabled={pending} onClick={() => send(m)}
              aria-label={m.tricks === 0 ? 'Bid nil (no tricks)' : `Bid ${m.tricks} ${m.tricks === 1 ? 'trick' : 'tricks'}`}>
              {m.tricks === 0 ? 'Nil' : String(m.tricks)}
            </button>
          ))}
        </div>
      )}
      {exchanging && (
        <ConfirmChoice text="Pass to partner" hint="Select 2 cards for your partner" match={exchange.match} send={send}
          selected={exchange.selected.length} size={exchange.size} />
      )}
    </>
  );

  const totals = teamScores(view);
  return (
    <TrickTable
      table={props}
      model={spadesModel(view)}
      hand={hand}
      seatLines={(s) => spadesSeatLines(view, s)}
      controls={controls}
      status={spadesStatus(view, names)}
      facts={spadesFacts(view, names)}
      side={
        <>
          {fresh !== null && view.hand_results?.[fresh] && (
            <HandSummary data={spadesSummary(view, fresh, names)} onClose={closeSummary} />
          )}
          <Scoreboard
            title={`Team scores (to ${view.options?.target_score ?? 500})`}
            rows={[0, 1].map((t) => ({
              label: teamName(names, t),
              values: [score(totals[t]), `${view.bags?.[t] ?? 0} bags`],
            }))}
          />
        </>
      }
    />
  );
}
