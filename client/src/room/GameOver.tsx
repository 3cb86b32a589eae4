// The game-over screen: standings and a rematch button for seated players.
import { useEffect, useRef } from 'preact/hooks';
import { score } from '../lib/format';
import type { BaseView } from '../net/protocol';
import { headline, standings } from './gameOver';

export { isFinished } from './gameOver';

export function GameOver({ view, names, canRematch, onRematch }: {
  view: BaseView;
  names: string[];
  canRematch: boolean;
  onRematch: () => void;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const rows = standings(view, names);
  return (
    <section class="panel game-over" aria-labelledby="over-title" tabIndex={-1} ref={ref}>
      <h2 id="over-title">{headline(view, names, view.seat)}</h2>
      <table class="standings">
        <thead><tr><th scope="col">Player</th><th scope="col">Score</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} class={r.winner ? 'winner' : undefined}>
              <td>{r.label}{r.winner && <span class="badge">winner</span>}</td>
              <td>{r.total === null ? '—' : score(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canRematch && (
        <button type="button" class="primary" onClick={onRematch}>
          {view.game === 'klondike' ? 'New deal' : 'Rematch'}
        </button>
      )}
    </section>
  );
}
