import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GAMES, type GameName } from '../net/protocol';
import { createParams } from './CreateRoomForm';
import { defaultOf, describeOptions, effectiveValue, OPTION_SPECS, optionsToSend, visibleSpecs } from './gameOptions';

// The normative option tables, when the shared design folder sits beside the repository.
const README = fileURLToPath(new URL('../../../../shared/rules/README.md', import.meta.url));

function readmeDefaults(): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  let game = '';
  for (const line of readFileSync(README, 'utf8').split('\n')) {
    const h = /^### (\w+)/.exec(line);
    if (h) game = h[1].toLowerCase();
    const row = /^\| `(\w+)` \| [^|]+ \| ([^|]+) \|$/.exec(line.trim());
    if (!row || !game) continue;
    const cell = row[2].trim().replace(/`/g, '');
    let value: unknown;
    if (cell === 'true' || cell === 'false') value = cell === 'true';
    else if (/^-?\d+$/.test(cell)) value = Number(cell);
    else if (/^[a-z_-]+$/.test(cell)) value = cell;
    else continue; // a default that depends on other options
    if (!out.has(game)) out.set(game, new Map());
    out.get(game)!.set(row[1], value);
  }
  return out;
}

describe('option defaults', () => {
  it.runIf(existsSync(README))('match the rules README', () => {
    const table = readmeDefaults();
    expect([...table.keys()].sort()).toEqual([...GAMES].sort());
    for (const [game, defaults] of table) {
      for (const [key, value] of defaults) {
        if (key === 'players' || key === 'pass_count') continue; // seat count / fixed, not form options
        const spec = OPTION_SPECS[game as GameName].find((s) => s.key === key);
        expect(spec, `${game}.${key}`).toBeDefined();
        expect(defaultOf(spec!, {}), `${game}.${key}`).toEqual(value);
      }
    }
  });
  it('give every option a plain-words help text', () => {
    for (const g of GAMES) for (const s of OPTION_SPECS[g]) expect(s.help.length, `${g}.${s.key}`).toBeGreaterThan(10);
  });
  it('derive Golf initial flips from the layout', () => {
    const spec = OPTION_SPECS.golf.find((s) => s.key === 'initial_flips')!;
    expect(defaultOf(spec, {})).toBe(2);
    expect(defaultOf(spec, { layout: 9 })).toBe(3);
    expect(visibleSpecs('golf', { layout: 4 }).some((s) => s.key === 'initial_flips')).toBe(false);
  });
  it('hide options that do not apply', () => {
    const keys = (g: GameName, o = {}) => visibleSpecs(g, o).map((s) => s.key);
    expect(keys('klondike', { scoring: 'vegas' })).not.toContain('max_passes');
    expect(keys('klondike', { scoring: 'vegas' })).not.toContain('timed');
    expect(keys('spades', { nil_allowed: false })).not.toContain('blind_nil');
    expect(keys('sheepshead', { players: 3 })).not.toContain('partner_mode');
  });
});

describe('what the create form sends', () => {
  it('sends only options that differ from their defaults', () => {
    expect(optionsToSend('hearts', { end_score: 100, moon: 'off', jack_of_diamonds: false })).toEqual({ moon: 'off' });
    expect(optionsToSend('golf', { layout: 9, initial_flips: 3 })).toEqual({ layout: 9 });
    expect(optionsToSend('klondike', { scoring: 'vegas', max_passes: 4 })).toEqual({ scoring: 'vegas' });
  });
  it('builds the create_room payload', () => {
    expect(createParams('hearts', {}, undefined, false, 0)).toEqual({ game: 'hearts', options: {} });
    expect(createParams('golf', { holes: 5 }, 6, true, 60)).toEqual({
      game: 'golf', options: { holes: 5 }, players: 6, private: true, turn_seconds: 60,
    });
    expect(createParams('klondike', {}, undefined, false, 30)).toEqual({ game: 'klondike', options: {} });
  });
  it('shows a room value, or its default, and describes changes in words', () => {
    const spec = OPTION_SPECS.hearts.find((s) => s.key === 'end_score')!;
    expect(effectiveValue(spec, {})).toBe(100);
    expect(effectiveValue(spec, { end_score: 50 })).toBe(50);
    expect(describeOptions('hearts', { end_score: 50, pass_cycle: 'left', moon: 'add_to_others' })).toEqual([
      'Passing: Always left',
      'Game ends at: 50',
    ]);
  });
});
