// The page's aria-live region: tables announce plays, trick winners and turns
// here so that screen-reader users follow the game without looking.
import { createStore } from './store';

export interface Announcement {
  id: number;
  text: string;
}

export const announcements = createStore<Announcement>({ id: 0, text: '' });

export function announce(text: string): void {
  if (!text) return;
  announcements.set({ id: announcements.get().id + 1, text });
}
