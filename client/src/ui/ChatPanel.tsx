// Chat for the lobby and the tables. Messages are plain text rendered as text
// nodes: never as HTML.
import { useEffect, useRef, useState } from 'preact/hooks';
import { chatTime } from '../lib/format';
import type { ChatMessage } from '../net/protocol';
import { errorText } from '../net/socket';

export function ChatPanel({ title, messages, onSend, disabled, meId }: {
  title: string;
  messages: ChatMessage[];
  onSend: (text: string) => Promise<unknown>;
  disabled?: boolean;
  meId?: string;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  async function submit(e: Event) {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    try {
      await onSend(t);
      setText('');
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const inputId = `chat-input-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section class="panel chat" aria-label={title}>
      <h2>{title}</h2>
      <ol class="chat-log" ref={listRef} role="log" aria-label={`${title} messages`}>
        {messages.length === 0 && <li class="muted">No messages yet.</li>}
        {messages.map((m) => (
          <li key={m.id} class={m.from.id === meId ? 'mine' : undefined}>
            <span class="chat-time">{chatTime(m.at)}</span> <strong class="chat-from">{m.from.name}</strong>{' '}
            <span class="chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form class="chat-form" onSubmit={submit}>
        <label class="sr-only" for={inputId}>Message</label>
        <input
          id={inputId}
          value={text}
          maxLength={500}
          placeholder="Say something…"
          disabled={disabled}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit" disabled={disabled || !text.trim()}>Send</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
