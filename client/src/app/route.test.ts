import { describe, expect, it } from 'vitest';
import { inviteLink, parseRoute, roomPath } from './route';

describe('routes', () => {
  it('parses the lobby and tables with invites', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'lobby' });
    expect(parseRoute('/room/r_abc', '')).toEqual({ page: 'room', id: 'r_abc' });
    expect(parseRoute('/room/r_abc/', '?invite=xyz')).toEqual({ page: 'room', id: 'r_abc', invite: 'xyz' });
    expect(parseRoute('/nowhere', '')).toEqual({ page: 'lobby' });
  });
  it('builds paths and share links', () => {
    expect(roomPath('r_1')).toBe('/room/r_1');
    expect(roomPath('r_1', 'a b')).toBe('/room/r_1?invite=a%20b');
    expect(inviteLink('http://127.0.0.1:4000', 'r_1', 'c')).toBe('http://127.0.0.1:4000/room/r_1?invite=c');
  });
});
