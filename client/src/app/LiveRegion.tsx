// The polite aria-live region that announces plays, trick winners and turns.
import { announcements } from '../lib/announce';
import { useStore } from '../lib/store';

export function LiveRegion() {
  const a = useStore(announcements);
  // The key forces a fresh node, so the same sentence twice is read twice.
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true">
      <span key={a.id}>{a.text}</span>
    </div>
  );
}
