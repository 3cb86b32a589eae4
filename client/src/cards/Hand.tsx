// The player's hand, fanned at the bottom of the table. Legal cards are
// raised and the rest dimmed (only while the player must choose). Keyboard:
// one tab stop for the whole hand, arrow keys move between cards, Enter or
// Space plays (or selects) the focused card.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CardFace } from './CardFace';
import { cardName, type CardCode } from './cards';

export interface HandProps {
  /** Card codes in display order; null for a card the player may not see yet. */
  cards: (CardCode | null)[];
  /** Cards that may be played or selected now; others are dimmed when `choosing`. */
  active: Set<string | number>;
  /** Whether the player is choosing now (dims inactive cards). */
  choosing: boolean;
  /** Selection mode shows aria-pressed and a lifted, outlined selected card. */
  selected?: Set<string | number>;
  selecting?: boolean;
  onActivate: (card: CardCode) => void;
  label: string;
  /** Shown when there are no cards (between hands, after the game). */
  emptyText?: string;
}

export function Hand({ cards, active, choosing, selected, selecting, onActivate, label, emptyText }: HandProps) {
  const [focus, setFocus] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const n = cards.length;

  const hadFocus = useRef(false);

  useEffect(() => {
    if (focus >= n && n > 0) setFocus(n - 1);
  }, [n, focus]);

  // A played card leaves the hand; keep keyboard focus in the hand on the
  // card that took its place instead of dropping it to the page. A layout
  // effect, so focus moves in the same commit that removes the card: nobody
  // (a screen reader, the next key press) ever finds it on the page body.
  useLayoutEffect(() => {
    if (!hadFocus.current || n === 0) return;
    const active = document.activeElement;
    if (!active || active === document.body) refs.current[Math.min(focus, n - 1)]?.focus();
  }, [cards.join(',')]);

  function move(to: number) {
    const i = Math.max(0, Math.min(n - 1, to));
    setFocus(i);
    refs.current[i]?.focus();
  }

  function onKey(e: KeyboardEvent, i: number) {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(n - 1);
    else return;
    e.preventDefault();
  }

  if (n === 0) return <div class="hand empty" aria-label={label} role="group"><p class="muted">{emptyText ?? 'No cards in hand.'}</p></div>;
  return (
    <div
      class="hand"
      role="group"
      aria-label={label}
      style={{ '--n': String(n) }}
      onFocusIn={() => (hadFocus.current = true)}
      onFocusOut={(e) => {
        // Focus that moved elsewhere (not a card removed under it) leaves the hand.
        const left = e.target as HTMLElement;
        setTimeout(() => {
          if (left.isConnected && !left.parentElement?.contains(document.activeElement)) hadFocus.current = false;
        });
      }}
    >
      {cards.map((card, i) => {
        const isActive = card !== null && active.has(card);
        const isSelected = card !== null && (selected?.has(card) ?? false);
        const cls = [
          'card',
          'in-hand',
          choosing && isActive ? 'legal' : '',
          choosing && !isActive ? 'dim' : '',
          isSelected ? 'selected' : '',
        ].join(' ');
        const mid = (n - 1) / 2;
        return (
          <button
            key={`${card}-${i}`}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            class={cls}
            style={{ '--i': String(i - mid) }}
            tabIndex={i === Math.min(focus, n - 1) ? 0 : -1}
            aria-label={cardName(card)}
            aria-pressed={selecting ? isSelected : undefined}
            aria-disabled={!isActive || undefined}
            onFocus={() => setFocus(i)}
            onKeyDown={(e) => onKey(e, i)}
            onClick={() => isActive && onActivate(card!)}
          >
            <CardFace code={card} />
          </button>
        );
      })}
    </div>
  );
}

/** A card shown on the table (trick, discard, foundation...), not interactive. */
export function TableCard({ code, label, extraClass }: { code: CardCode | null; label?: string; extraClass?: string }) {
  return (
    <span class={`card table-card ${extraClass ?? ''}`} role="img" aria-label={label ?? cardName(code)}>
      <CardFace code={code} />
    </span>
  );
}
