// The current time, re-rendered once a second while `active` (turn timers,
// the Klondike clock); idle otherwise so a static table costs nothing.
import { useEffect, useState } from 'preact/hooks';

export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs]);
  return now;
}
