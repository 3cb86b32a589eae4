import { describe, expect, it } from 'vitest';
import { clearSession, loadSession, nameProblem, saveSession, type KeyValueStore } from './session';

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

describe('the stored session', () => {
  it('round-trips token, id and name', () => {
    const s = memoryStore();
    expect(loadSession(s)).toBeNull();
    saveSession(s, { token: 't', player_id: 'p_1', name: 'Ada' });
    expect(loadSession(s)).toEqual({ token: 't', player_id: 'p_1', name: 'Ada' });
    clearSession(s);
    expect(loadSession(s)).toBeNull();
  });
  it('ignores damaged storage', () => {
    const s = memoryStore();
    s.setItem('parlor.session', '{not json');
    expect(loadSession(s)).toBeNull();
    s.setItem('parlor.session', JSON.stringify({ name: 'Ada' }));
    expect(loadSession(s)).toBeNull();
  });
});

describe('display names', () => {
  it('accepts ordinary names and refuses what the server refuses', () => {
    expect(nameProblem('Ada')).toBeNull();
    expect(nameProblem('   ')).not.toBeNull();
    expect(nameProblem('x'.repeat(25))).not.toBeNull();
    expect(nameProblem('a\u0007b')).not.toBeNull();
    expect(nameProblem('Zoë the 2nd')).toBeNull();
  });
});
