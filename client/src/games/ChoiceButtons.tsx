// Buttons for moves without a card choice (pick, pass, alone, crack, look,
// draw, knock...): one button per legal move, labelled in plain words.
import type { Move } from '../net/protocol';

export function ChoiceButtons({ moves, label, send, disabled }: {
  moves: Move[];
  label: (m: Move) => string;
  send: (m: Move) => void;
  disabled?: boolean;
}) {
  if (moves.length === 0) return null;
  return (
    <div class="choice-buttons">
      {moves.map((m, i) => (
        <button key={i} type="button" class="primary" disabled={disabled} onClick={() => send(m)}>{label(m)}</button>
      ))}
    </div>
  );
}

/** The confirm button of a multi-card choice. */
export function ConfirmChoice({ text, hint, match, send, selected, size }: {
  text: string;
  hint: string;
  match: Move | undefined;
  send: (m: Move) => void;
  selected: number;
  size: number;
}) {
  return (
    <div class="confirm-choice">
      <p class="help">{hint} ({selected} of {size} chosen)</p>
      <button type="button" class="primary" disabled={!match} onClick={() => match && send(match)}>{text}</button>
    </div>
  );
}

/** A refused move, next to the controls that sent it (announced by role=alert). */
export function MoveError({ text }: { text: string | null }) {
  return text ? <p class="error move-error" role="alert">{text}</p> : null;
}
