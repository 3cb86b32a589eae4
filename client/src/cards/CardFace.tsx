// Vector card faces drawn in code: corner rank + suit, a big suit pip (or the
// face letter for J/Q/K), and a patterned back for hidden cards. No image
// assets; the SVG scales crisply to any size. The SVG is decorative
// (aria-hidden): the element that wraps it carries the card's name.
import { parseCard, rankLabel, type CardCode, type Suit } from './cards';

// Suit shapes in a 100 x 100 box.
const SUIT_PATHS: Record<Suit, string> = {
  D: 'M50 2 L90 50 L50 98 L10 50 Z',
  H: 'M50 94 C30 76 4 58 4 32 C4 14 18 4 31 4 C41 4 47 10 50 18 C53 10 59 4 69 4 C82 4 96 14 96 32 C96 58 70 76 50 94 Z',
  S: 'M50 4 C62 22 96 40 96 64 C96 78 86 86 74 86 C66 86 59 82 55 76 C56 86 60 92 68 96 L32 96 C40 92 44 86 45 76 C41 82 34 86 26 86 C14 86 4 78 4 64 C4 40 38 22 50 4 Z',
  C: 'M50 4 C63 4 72 14 72 26 C72 33 69 38 65 42 C70 39 74 38 78 38 C89 38 98 47 98 59 C98 71 89 80 77 80 C68 80 60 74 56 68 C57 80 61 89 69 96 L31 96 C39 89 43 80 44 68 C40 74 32 80 23 80 C11 80 2 71 2 59 C2 47 11 38 22 38 C26 38 30 39 35 42 C31 38 28 33 28 26 C28 14 37 4 50 4 Z',
};

const RED = '#b3001b';
const BLACK = '#1a1a1a';

function Pip({ suit, x, y, size, flip }: { suit: Suit; x: number; y: number; size: number; flip?: boolean }) {
  const color = suit === 'D' || suit === 'H' ? RED : BLACK;
  const t = flip
    ? `translate(${x + size} ${y + size}) rotate(180) scale(${size / 100})`
    : `translate(${x} ${y}) scale(${size / 100})`;
  return <path d={SUIT_PATHS[suit]} fill={color} transform={t} />;
}

function Back({ label }: { label?: string }) {
  return (
    <g>
      <rect x="1.5" y="1.5" width="97" height="137" rx="8" fill="#f4f4f4" stroke="#555" stroke-width="1.5" />
      <rect x="7" y="7" width="86" height="126" rx="5" fill="#1f4e8c" />
      <path d="M7 40 L50 7 L93 40 M7 70 L50 37 L93 70 M7 100 L50 67 L93 100 M7 130 L50 97 L93 130" stroke="#7fa7de" stroke-width="3" fill="none" />
      {label && (
        <>
          <rect x="14" y="58" width="72" height="24" rx="4" fill="#f4f4f4" />
          <text x="50" y="76" text-anchor="middle" font-size="16" font-weight="700" fill={BLACK}>{label}</text>
        </>
      )}
    </g>
  );
}

function Corner({ rank, suit, flip }: { rank: string; suit: Suit; flip?: boolean }) {
  const color = suit === 'D' || suit === 'H' ? RED : BLACK;
  const label = rankLabel(rank);
  return (
    <g transform={flip ? 'rotate(180 50 70)' : undefined}>
      <text
        x={label.length > 1 ? 15 : 14}
        y="27"
        text-anchor="middle"
        font-size={label.length > 1 ? 22 : 26}
        font-weight="700"
        letter-spacing={label.length > 1 ? -2 : 0}
        fill={color}
      >
        {label}
      </text>
      <Pip suit={suit} x={5} y={32} size={19} />
    </g>
  );
}

const FACE_WORDS: Record<string, string> = { J: 'J', Q: 'Q', K: 'K' };

export function CardFace({ code }: { code: CardCode | null | undefined }) {
  const c = parseCard(code);
  return (
    <svg class="card-svg" viewBox="0 0 100 140" aria-hidden="true" focusable="false">
      {c.kind === 'hidden' && <Back />}
      {c.kind === 'under' && <Back label="UNDER" />}
      {c.kind === 'joker' && (
        <g>
          <rect x="1.5" y="1.5" width="97" height="137" rx="8" fill="#fff" stroke="#555" stroke-width="1.5" />
          <text x="50" y="80" text-anchor="middle" font-size="22" font-weight="700" fill={RED}>JOKER</text>
          <path d="M50 30 L56 44 L71 44 L59 53 L63 67 L50 59 L37 67 L41 53 L29 44 L44 44 Z" fill={BLACK} />
          <text x="10" y="24" font-size="20" font-weight="700" fill={RED}>★</text>
        </g>
      )}
      {c.kind === 'normal' && (
        <g>
          <rect x="1.5" y="1.5" width="97" height="137" rx="8" fill="#fff" stroke="#555" stroke-width="1.5" />
          <Corner rank={c.rank!} suit={c.suit!} />
          <Corner rank={c.rank!} suit={c.suit!} flip />
          {FACE_WORDS[c.rank!] ? (
            <g>
              <rect x="28" y="34" width="44" height="72" rx="4" fill="none" stroke={c.suit === 'D' || c.suit === 'H' ? RED : BLACK} stroke-width="2" />
              <text x="50" y="84" text-anchor="middle" font-size="42" font-weight="700" font-family="Georgia, serif" fill={c.suit === 'D' || c.suit === 'H' ? RED : BLACK}>
                {FACE_WORDS[c.rank!]}
              </text>
              <Pip suit={c.suit!} x={42} y={88} size={16} />
            </g>
          ) : (
            <Pip suit={c.suit!} x={c.rank === 'A' ? 25 : 30} y={c.rank === 'A' ? 45 : 50} size={c.rank === 'A' ? 50 : 40} />
          )}
        </g>
      )}
    </svg>
  );
}
