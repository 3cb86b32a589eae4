// WCAG AA contrast of the palette in styles.css: text pairs need 4.5:1, the
// focus ring and card outlines 3:1 against what they sit on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
const vars = new Map([...css.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1], m[2]]));

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const color = (v: string) => (v.startsWith('#') ? v : vars.get(v)!);

describe('palette contrast (WCAG AA)', () => {
  const text: [string, string][] = [
    ['text', 'bg'], ['text', 'panel'], ['muted', 'bg'], ['muted', 'panel'], ['accent', 'panel'], ['accent', 'bg'],
    ['error', 'panel'], ['error', '#3a1717'], ['button-text', 'button'], ['accent-text', 'accent'],
    ['text', 'felt'], ['text', 'felt-edge'], ['muted', '#06140d'], ['accent', '#06140d'],
    ['#b3001b', '#ffffff'], ['#1a1a1a', '#ffffff'], ['text', '#2f5140'], ['muted', '#0b1611'], ['#d7e7dd', 'felt'], ['#ffb0a0', '#06140d'],
  ];
  for (const [fg, bg] of text) {
    it(`${fg} on ${bg} is at least 4.5:1`, () => {
      expect(color(fg), fg).toBeDefined();
      expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(4.5);
    });
  }
  for (const bg of ['bg', 'panel', 'felt', 'felt-edge']) {
    it(`the focus ring shows on ${bg}`, () => {
      expect(contrast(color('focus'), color(bg))).toBeGreaterThanOrEqual(3);
    });
  }
});
