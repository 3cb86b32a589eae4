// Score, moves, pass and (timed games) time. The server stamps the real
// elapsed time on each action; between actions the clock here runs on from
// the view's `elapsed`, so the player sees the time the score will use.
import { useRef } from 'preact/hooks';
import { formatClock, score } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import type { KlondikeView } from './klondike';

export function KlondikeStats({ view }: { view: KlondikeView }) {
  const timed = view.timed === true;
  const running = timed && view.status === 'in_progress' && (view.moves ?? 0) > 0;
  const now = useNow(running);
  // Local time at which the view's `elapsed` was true.
  const base = useRef({ version: -1, at: Date.now(), elapsed: 0 });
  if (base.current.version !== view.version) {
    base.current = { version: view.version, at: Date.now(), elapsed: view.elapsed ?? base.current.elapsed };
  }
  const seconds = running ? base.current.elapsed + (now - base.current.at) / 1000 : view.elapsed ?? 0;
  const scoring = view.scoring ?? 'standard';
  return (
    <dl class="k-stats">
      {scoring !== 'none' && typeof view.score === 'number' && (
        <div><dt>Score</dt><dd>{score(view.score)}{scoring === 'vegas' ? ' (Vegas)' : ''}</dd></div>
      )}
      <div><dt>Moves</dt><dd>{view.moves ?? 0}</dd></div>
      {timed && <div><dt>Time</dt><dd>{formatClock(seconds)}</dd></div>}
      {view.pass !== undefined && <div><dt>Pass</dt><dd>{view.pass}{view.max_passes ? ` of ${view.max_passes}` : ''}</dd></div>}
      {view.time_bonus ? <div><dt>Time bonus</dt><dd>{view.time_bonus}</dd></div> : null}
      <div><dt>On foundations</dt><dd>{view.foundation_cards ?? 0} of 52</dd></div>
      {view.status === 'won' && <div class="won"><dt>Result</dt><dd>Won!</dd></div>}
    </dl>
  );
}
