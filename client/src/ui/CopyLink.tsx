// A share link with a copy button; falls back to selecting the text where the
// clipboard API is not available (plain http on another host).
import { useRef, useState } from 'preact/hooks';

export function CopyLink({ link, label = 'Invite link' }: { link: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      inputRef.current?.select();
      setCopied(false);
    }
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <div class="copy-link">
      <label>
        <span>{label}</span>
        <input ref={inputRef} readOnly value={link} onFocus={(e) => (e.target as HTMLInputElement).select()} />
      </label>
      <button type="button" onClick={copy}>{copied ? 'Copied' : 'Copy link'}</button>
      <span class="sr-only" role="status">{copied ? 'Link copied to the clipboard' : ''}</span>
    </div>
  );
}
