// Hearts: pass 3 cards (select, then confirm when the selection is a legal
// pass), then play tricks; the hand summary shows points and the moon.
import { sortHand } from '../../cards/cards';
import { score } from '../../lib/format';
import type { TableProps } from '../../room/tableTypes';
import { ConfirmChoice } from '../ChoiceButtons';
import { HandSummary, Scoreboard, useNewResult } from '../HandSummary';
import { cardsOf, hasMove, moveForCard } from '../moves';
import { TrickTable } from '../trick/TrickTable';
import { useSelection } from '../useSelection';
import { heartsFacts, heartsModel, heartsSeatLines, heartsStatus, heartsSummary, type HeartsView } from './hearts';

export default function HeartsTable(props: TableProps<HeartsView>) {
  const { view, names, send } = props;
  const legal = view.legal;
  const passing = hasMove(legal, 'pass');
  const pass = useSelection<string>(legal, 'pass', 'cards');
  const playable = cardsOf(legal, 'play');
  const [fresh, closeSummary] = useNewResult(view.hands?.length ?? 0);
  const cards = sortHand(view.cards ?? [], 'hearts');

  const hand = passing
    ? {
        cards,
        active: pass.selectable,
        choosing: true,
        selecting: true,
        selected: new Set<string | number>(pass.selected),
        onActivate: (c: string) => pass.toggle(c),
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

  const controls = passing ? (
    <ConfirmChoice
      text={`Pass ${view.pass?.direction ? `${view.pass.direction} to ${names[view.pass.to]}` : 'cards'}`}
      hint="Select 3 cards to pass"
      match={pass.match}
      send={send}
      selected={pass.selected.length}
      size={pass.size}
    />
  ) : null;

  return (
    <TrickTable
      table={props}
      model={heartsModel(view)}
      hand={hand}
      seatLines={(s) => heartsSeatLines(view, s)}
      controls={controls}
      status={heartsStatus(view, names)}
      facts={heartsFacts(view, names)}
      side={
        <>
          {fresh !== null && view.hands?.[fresh] && (
            <HandSummary data={heartsSummary(view, fresh, names)} onClose={closeSummary} />
          )}
          <Scoreboard
            title={`Scores (game ends at ${view.options?.end_score ?? 100})`}
            rows={names.map((n, s) => ({ label: n, values: [score(view.totals?.[s] ?? 0)] }))}
          />
        </>
      }
    />
  );
}
