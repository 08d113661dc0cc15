/**
 * Hearth's keyboard shortcuts: which key press means what. Chosen to stay clear of what browsers
 * keep for themselves (Ctrl/Cmd+N, T, W, L …): Alt+Shift with a letter, "/" outside text fields, Escape.
 * The key code (not the character) is matched, so Alt+Shift+N works on every keyboard layout.
 */
export type ShortcutAction = 'new-chat' | 'focus-question' | 'escape';

export interface Shortcut {
  action: ShortcutAction;
  /** As written for people and for `aria-keyshortcuts`. */
  keys: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'new-chat', keys: 'Alt+Shift+N' },
  { action: 'focus-question', keys: '/' },
  { action: 'escape', keys: 'Escape' },
];

export function keysFor(action: ShortcutAction): string {
  return SHORTCUTS.find((s) => s.action === action)?.keys ?? '';
}

/** Whether the key press goes to a place where typing happens (then "/" is a character, not a shortcut). */
function typing(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  return !!el && (el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName ?? ''));
}

/** The shortcut a key press means, or null. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (event.key === 'Escape') return 'escape';
  if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') return 'new-chat';
  if (event.key === '/' && !event.altKey && !event.ctrlKey && !event.metaKey && !typing(event.target)) return 'focus-question';
  return null;
}
