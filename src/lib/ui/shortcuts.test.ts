import { describe, expect, it } from 'vitest';
import { keysFor, shortcutFor } from './shortcuts';

type Press = Partial<Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'defaultPrevented' | 'isComposing'>> & { target?: unknown };

function press(p: Press): KeyboardEvent {
  return { altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, defaultPrevented: false, isComposing: false, key: '', code: '', target: null, ...p } as unknown as KeyboardEvent;
}

describe('keyboard shortcuts', () => {
  it('Alt+Shift+N starts a new chat on any layout (the key code, not the character)', () => {
    expect(shortcutFor(press({ key: 'N', code: 'KeyN', altKey: true, shiftKey: true }))).toBe('new-chat');
    expect(shortcutFor(press({ key: '˜', code: 'KeyN', altKey: true, shiftKey: true }))).toBe('new-chat');
    // The browser's own Ctrl+Shift+N (a private window) is left alone.
    expect(shortcutFor(press({ key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(press({ key: 'n', code: 'KeyN' }))).toBeNull();
  });

  it('"/" goes to the question box, except while typing', () => {
    expect(shortcutFor(press({ key: '/', target: { tagName: 'BODY' } }))).toBe('focus-question');
    expect(shortcutFor(press({ key: '/', target: { tagName: 'TEXTAREA' } }))).toBeNull();
    expect(shortcutFor(press({ key: '/', target: { tagName: 'INPUT' } }))).toBeNull();
    expect(shortcutFor(press({ key: '/', target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
  });

  it('Escape, and nothing a handler already took', () => {
    expect(shortcutFor(press({ key: 'Escape' }))).toBe('escape');
    expect(shortcutFor(press({ key: 'Escape', defaultPrevented: true }))).toBeNull();
    expect(shortcutFor(press({ key: 'Escape', isComposing: true }))).toBeNull();
    expect(shortcutFor(press({ key: 'a' }))).toBeNull();
  });

  it('names the keys for people and aria-keyshortcuts', () => {
    expect(keysFor('new-chat')).toBe('Alt+Shift+N');
    expect(keysFor('focus-question')).toBe('/');
  });
});
