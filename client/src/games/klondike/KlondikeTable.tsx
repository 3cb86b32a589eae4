// Klondike: stock, waste, foundations and tableau. Click a card to pick it up
// and click where it should go, drag and drop it, or double-click to send it
// to a foundation; the keyboard works the same way (Enter picks up and puts
// down, Escape drops the selection). Every action is one of `view.legal`.
import { useEffect, useState } from 'preact/hooks';
import { TableCard } from '../../cards/Hand';
import { CardFace } from '../../cards/CardFace';
import { cardName } from '../../cards/cards';
import { announce } from '../../lib/announce';
import type { TableProps } from '../../room/tableTypes';
import { MoveError } from '../ChoiceButtons';
import { movesOfType } from '../moves';
import { KlondikeStats } from './KlondikeStats';
import {
  canPick, column, FOUNDATIONS, foundationMove, foundationTop, moveTo, pileName, stockCount, TABLEAU, targetsOf,
  wasteCards, type KlondikeView, type PickedCard,
} from './klondike';

export default function KlondikeTable(props: TableProps<KlondikeView>) {
  const { view, send, pending, rematch } = props;
  const [picked, setPicked] = useState<PickedCard | null>(null);
  useEffect(() => setPicked(null), [view.version]);
  const targets = picked ? targetsOf(view, picked) : new Set<string>();
  const draw = movesOfType(view.legal, 'draw')[0] ?? movesOfType(view.legal, 'recycle')[0];
  const undo = movesOfType(view.legal, 'undo')[0];
  const auto = movesOfType(view.legal, 'auto_complete')[0];
  const abandon = movesOfType(view.legal, 'abandon')[0];

  function pick(p: PickedCard) {
    setPicked(p);
    const n = targetsOf(view, p).size;
    announce(`Picked up ${cardName(p.card)}. ${n ? `${n} place${n > 1 ? 's' : ''} to put it.` : 'It cannot move now.'}`);
  }

  /** A click (or Enter) on a card or an empty pile. */
  function activate(pile: string, card: string | null) {
    if (picked && targets.has(pile)) {
      const m = moveTo(view, picked, pile);
      if (m) send(m);
      return;
    }
    if (picked && card === picked.card) {
      setPicked(null);
      return;
    }
    if (card && canPick(view, { from: pile, card })) pick({ from: pile, card });
    else setPicked(null);
  }

  function toFoundation(pile: string, card: string) {
    const m = foundationMove(view, { from: pile, card });
    if (m) send(m);
  }

  async function newDeal() {
    if (abandon && !confirm('Give up this deal and start a new one?')) return;
    if (abandon && !(await send(abandon))) return;
    rematch();
  }

  const dropProps = (pile: string) => ({
    onDragOver: (e: DragEvent) => {
      if (targets.has(pile)) e.preventDefault();
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      if (picked && targets.has(pile)) {
        const m = moveTo(view, picked, pile);
        if (m) send(m);
      }
    },
  });

  const cardButton = (pile: string, card: string, extra = '') => {
    const movable = canPick(view, { from: pile, card });
    const isPicked = picked?.from === pile && picked.card === card;
    return (
      <button
        type="button"
        class={`card ${extra} ${isPicked ? 'selected' : ''} ${movable ? 'movable' : ''}`}
        aria-label={`${cardName(card)}, ${pileName(pile)}${isPicked ? ', picked up' : ''}${targets.has(pile) ? ': put the card here' : ''}`}
        aria-pressed={isPicked}
        draggable={movable}
        onDragStart={(e) => {
          e.dataTransfer?.setData('text/plain', card);
          setPicked({ from: pile, card });
        }}
        onClick={() => activate(pile, card)}
        onDblClick={() => toFoundation(pile, card)}
      >
        <CardFace code={card} />
      </button>
    );
  };

  const waste = wasteCards(view);
  const fan = waste.slice(-3);
  return (
    <div class="klondike" onKeyDown={(e) => e.key === 'Escape' && setPicked(null)}>
      <KlondikeStats view={view} />
      <MoveError text={props.error} />
      <div class="k-top">
        <button type="button" class="card pile stock" disabled={!draw || pending}
          aria-label={draw?.type === 'recycle' ? 'Stock is empty: turn the waste over' : `Stock, ${stockCount(view)} cards: draw`}
          onClick={() => draw && send(draw)}>
          {stockCount(view) > 0 ? <CardFace code={null} /> : <span class="pile-empty" aria-hidden="true">↻</span>}
        </button>
        <div class="waste" role="group" aria-label="Waste pile">
          {fan.length === 0 && <span class="pile-empty" aria-hidden="true" />}
          {fan.map((c, i) => (i === fan.length - 1 ? <span key={c}>{cardButton('waste', c, 'waste-top')}</span> :
            <TableCard key={c} code={c} extraClass="waste-under" />))}
        </div>
        <div class="foundations" role="group" aria-label="Foundations">
          {FOUNDATIONS.map((f, i) => {
            const top = foundationTop(view, i);
            const target = targets.has(f);
            return (
              <div key={f} class={`foundation ${target ? 'target' : ''}`} {...dropProps(f)}>
                {top ? cardButton(f, top) : (
                  <button type="button" class={`card pile ${target ? 'legal' : ''}`}
                    aria-label={`${pileName(f)}, empty${target ? ': put the card here' : ''}`}
                    onClick={() => activate(f, null)}>
                    <span class="pile-empty" aria-hidden="true">A</span>
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div class="tableau">
        {TABLEAU.map((t, i) => {
          const cards = column(view, i);
          const target = targets.has(t);
          return (
            <div key={t} class={`k-column ${target ? 'target' : ''}`} role="group" aria-label={`${pileName(t)}, ${cards.length} cards`}
              {...dropProps(t)}>
              {cards.length === 0 ? (
                <button type="button" class={`card pile slot ${target ? 'legal' : ''}`}
                  aria-label={`${pileName(t)}, empty${target ? ': put the card here' : ''}`}
                  onClick={() => activate(t, null)}>
                  <span class="pile-empty" aria-hidden="true" />
                </button>
              ) : null}
              {cards.map((c, k) => (
                <div key={k} class="k-slot" style={{ '--k': String(k) }}>
                  {c === null ? <TableCard code={null} extraClass="down" /> : cardButton(t, c)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
      <div class="controls choice-buttons">
        {undo && <button type="button" disabled={pending} onClick={() => send(undo)}>Undo</button>}
        {auto && <button type="button" class="primary" disabled={pending} onClick={() => send(auto)}>Auto-complete</button>}
        {/* Once the deal is over, the game-over panel offers the new deal. */}
        {view.status === 'in_progress' && <button type="button" onClick={newDeal}>New deal</button>}
        {picked && <button type="button" onClick={() => setPicked(null)}>Put back {cardName(picked.card)}</button>}
      </div>
    </div>
  );
}
