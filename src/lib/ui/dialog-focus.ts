/**
 * What every dialog and panel of Hearth does with the keyboard, as one attachment
 * (`{@attach dialogFocus({ onclose })}`): it takes focus when it opens, keeps Tab inside while it is
 * modal, closes on Escape, and gives focus back to whatever opened it when it goes away.
 */
import type { Attachment } from 'svelte/attachments';

export interface DialogFocusOptions {
  /** Called on Escape: the owner removes the dialog. */
  onclose: () => void;
  /** Whether Tab and stray focus are kept inside (a modal); read at each key press. Default: always. */
  trap?: () => boolean;
  /** What takes focus on open. Default: the first control inside, else the dialog itself. */
  initial?: (root: HTMLElement) => HTMLElement | null | undefined;
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The controls inside `root` that Tab can reach, in order, skipping hidden ones. */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden && el.getClientRects().length > 0);
}

function usable(el: Element | null): el is HTMLElement {
  return el instanceof HTMLElement && el !== document.body && el.isConnected;
}

export function dialogFocus(options: DialogFocusOptions): Attachment<HTMLElement> {
  return (root) => {
    const trapping = () => options.trap?.() ?? true;
    let opener: HTMLElement | null = usable(document.activeElement) && !root.contains(document.activeElement) ? document.activeElement : null;

    const start = () => {
      const target = options.initial?.(root) ?? focusablesIn(root)[0] ?? root;
      if (target === root && !root.hasAttribute('tabindex')) root.tabIndex = -1;
      target.focus();
    };

    function onkeydown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        options.onclose();
        return;
      }
      if (event.key !== 'Tab' || !trapping()) return;
      const items = focusablesIn(root);
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      if (!first || !last) {
        event.preventDefault();
        start();
      } else if (event.shiftKey && (active === first || !root.contains(active) || !items.includes(active as HTMLElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }

    function onfocusin(event: FocusEvent) {
      const target = event.target as Node | null;
      if (target && root.contains(target)) {
        // Focus came in from outside (another citation opened the same panel): that is the opener now.
        const from = event.relatedTarget;
        if (from instanceof HTMLElement && !root.contains(from) && from.isConnected) opener = from;
        return;
      }
      if (trapping()) start();
    }

    root.addEventListener('keydown', onkeydown);
    document.addEventListener('focusin', onfocusin);
    queueMicrotask(start);
    return () => {
      root.removeEventListener('keydown', onkeydown);
      document.removeEventListener('focusin', onfocusin);
      const back = opener;
      // After the dialog left the page its focused control went with it: focus the opener again.
      queueMicrotask(() => {
        const active = document.activeElement;
        if (back?.isConnected && (!usable(active) || root.contains(active))) back.focus();
      });
    };
  };
}
