// The end-of-hand summary: each seat's (or team's) points and the hand's
// notable facts (moon, bags, schneider...). It never blocks the table: the
// next hand goes on underneath and the panel closes with one click.
import { useEffect, useRef, useState } from 'preact/hooks';
import { announce } from '../lib/announce';

export interface SummaryRow {
  label: string;
  values: string[];
}

export interface HandSummaryData {
  title: string;
  columns: string[];
  rows: SummaryRow[];
  facts: string[];
}

/** The index of a hand result that arrived while watching (not on first render). */
export function useNewResult(count: number): [number | null, () => void] {
  const seen = useRef(count);
  const [fresh, setFresh] = useState<number | null>(null);
  useEffect(() => {
    if (count > seen.current) setFresh(count - 1);
    seen.current = count;
  }, [count]);
  return [fresh, () => setFresh(null)];
}

export function HandSummary({ data, onClose }: { data: HandSummaryData; onClose: () => void }) {
  // Announced rather than focused: the next hand may already want a move.
  useEffect(() => announce(`${data.title}. ${data.facts.join(' ')}`), [data.title]);
  return (
    <section class="panel hand-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{data.title}</h2>
      <table>
        <thead>
          <tr><th scope="col">Player</th>{data.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.label}><th scope="row">{r.label}</th>{r.values.map((v, i) => <td key={i}>{v}</td>)}</tr>
          ))}
        </tbody>
      </table>
      {data.facts.length > 0 && <ul class="facts">{data.facts.map((f) => <li key={f}>{f}</li>)}</ul>}
      <button type="button" onClick={onClose}>Close</button>
    </section>
  );
}

/** A running scoreboard: one row per seat or team. */
export function Scoreboard({ title, rows }: { title: string; rows: SummaryRow[] }) {
  return (
    <section class="panel scoreboard" aria-label={title}>
      <h2>{title}</h2>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}><th scope="row">{r.label}</th>{r.values.map((v, i) => <td key={i}>{v}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
