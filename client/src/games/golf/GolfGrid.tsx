// One player's Golf grid. The viewer's own grid is interactive when a move
// needs a position: one tab stop, arrow keys move in two dimensions, Enter
// chooses. Other grids are pictures with names for screen readers.
import { useRef, useState } from 'preact/hooks';
import { CardFace } from '../../cards/CardFace';
import { columnsOf, slotClass, slotLabel, type GolfSlot } from './golf';

export function GolfGrid({ slots, layout, label, active, selected, onChoose, small }: {
  slots: GolfSlot[];
  layout: number;
  label: string;
  /** Positions that can be chosen now; null = not interactive. */
  active: Set<number> | null;
  selected?: Set<number>;
  onChoose?: (pos: number) => void;
  small?: boolean;
}) {
  const cols = columnsOf(layout);
  const [focus, setFocus] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const style = { gridTemplateColumns: `repeat(${cols}, 1fr)` };

  if (!active) {
    return (
      <div class={`golf-grid ${small ? 'small' : ''}`} style={style} role="group" aria-label={label}>
        {slots.map((s, i) => (
          <span key={i} class={`card grid-card ${slotClass(s)}`} role="img" aria-label={slotLabel(s, i, layout)}>
            <CardFace code={s.card} />
          </span>
        ))}
      </div>
    );
  }

  function go(to: number) {
    if (to < 0 || to >= slots.length) return;
    setFocus(to);
    refs.current[to]?.focus();
  }

  function onKey(e: KeyboardEvent, i: number) {
    const moves: Record<string, number> = { ArrowLeft: i - 1, ArrowRight: i + 1, ArrowUp: i - cols, ArrowDown: i + cols };
    if (!(e.key in moves)) return;
    e.preventDefault();
    if ((e.key === 'ArrowLeft' && i % cols === 0) || (e.key === 'ArrowRight' && i % cols === cols - 1)) return;
    go(moves[e.key]);
  }

  // Dim the places that cannot be chosen only while something can be.
  const choosing = active.size > 0;
  return (
    <div class={`golf-grid mine ${small ? 'small' : ''}`} style={style} role="group" aria-label={label}>
      {slots.map((s, i) => {
        const on = active.has(i);
        const sel = selected?.has(i) ?? false;
        return (
          <button
            key={i}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            class={`card grid-card ${slotClass(s, { on, choosing, selected: sel })}`}
            tabIndex={i === focus ? 0 : -1}
            aria-label={slotLabel(s, i, layout)}
            aria-pressed={selected ? sel : undefined}
            aria-disabled={!on || undefined}
            onFocus={() => setFocus(i)}
            onKeyDown={(e) => onKey(e, i)}
            onClick={() => on && onChoose?.(i)}
          >
            <CardFace code={s.card} />
          </button>
        );
      })}
    </div>
  );
}
