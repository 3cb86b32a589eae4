// First visit (or an expired session): choose a display name.
import { useState } from 'preact/hooks';
import { createSession, nameProblem, SessionError } from '../net/session';
import type { Session } from '../net/protocol';

export function NameStep({ initialName, note, onDone }: {
  initialName?: string;
  note?: string;
  onDone: (s: Session) => void;
}) {
  const [name, setName] = useState(initialName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const problem = nameProblem(name);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await createSession(name));
    } catch (err) {
      setError(err instanceof SessionError ? err.message : 'Something went wrong. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="name-step" id="main">
      <h1>Parlor</h1>
      <p class="tagline">Card games with friends and computer players: Hearts, Spades, Sheepshead, Golf and Klondike.</p>
      {note && <p class="note">{note}</p>}
      <form onSubmit={submit} class="panel">
        <label for="name-input">Choose a display name</label>
        <input
          id="name-input"
          name="name"
          autoComplete="nickname"
          maxLength={24}
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
          aria-describedby={error ? 'name-error' : undefined}
          aria-invalid={error ? true : undefined}
          autoFocus
        />
        {error && <p id="name-error" class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Joining…' : 'Enter'}</button>
      </form>
    </main>
  );
}
