// Loads each game's table code on demand (dynamic import), so the lobby's
// initial JavaScript stays small.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { GameName } from '../net/protocol';
import type { TableProps } from './tableTypes';

type TableModule = { default: ComponentType<TableProps<any>> };

const LOADERS: Record<GameName, () => Promise<TableModule>> = {
  hearts: () => import('../games/hearts/HeartsTable'),
  spades: () => import('../games/spades/SpadesTable'),
  sheepshead: () => import('../games/sheepshead/SheepsheadTable'),
  golf: () => import('../games/golf/GolfTable'),
  klondike: () => import('../games/klondike/KlondikeTable'),
};

const loaded = new Map<GameName, ComponentType<TableProps<any>>>();

export function TableLoader(props: TableProps & { game: GameName }) {
  const [Table, setTable] = useState(() => loaded.get(props.game) ?? null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (loaded.has(props.game)) {
      setTable(() => loaded.get(props.game)!);
      return;
    }
    let live = true;
    LOADERS[props.game]()
      .then((m) => {
        loaded.set(props.game, m.default);
        if (live) setTable(() => m.default);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [props.game]);

  if (failed) return <p class="error" role="alert">Could not load the table. Reload the page to try again.</p>;
  if (!Table) return <p class="muted" role="status">Setting up the table…</p>;
  return <Table {...props} />;
}
