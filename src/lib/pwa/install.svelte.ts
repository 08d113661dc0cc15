/**
 * Installing Hearth as an app: the browser offers it (beforeinstallprompt) when Hearth is installable
 * and not installed yet; the offer is kept and shown as an Install button, gone once Hearth runs as an
 * installed app (display-mode standalone) or was just installed.
 */

/** Chromium's install offer: not in TypeScript's DOM types. */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const STANDALONE = '(display-mode: standalone)';

export class InstallState {
  /** The browser's offer, kept until used (it can be used once). */
  offer = $state.raw<InstallPromptEvent | null>(null);
  installed = $state(false);

  get canInstall(): boolean {
    return this.offer !== null && !this.installed;
  }

  /** Listen for the browser's offer; returns the function that stops listening. */
  start(win: Window = window): () => void {
    const standalone = win.matchMedia(STANDALONE);
    this.installed = standalone.matches;
    const onOffer = (event: Event) => {
      event.preventDefault(); // the browser's own mini bar would compete with the button
      this.offer = event as InstallPromptEvent;
    };
    const onInstalled = () => {
      this.installed = true;
      this.offer = null;
    };
    const onMode = () => (this.installed = standalone.matches);
    win.addEventListener('beforeinstallprompt', onOffer);
    win.addEventListener('appinstalled', onInstalled);
    standalone.addEventListener('change', onMode);
    return () => {
      win.removeEventListener('beforeinstallprompt', onOffer);
      win.removeEventListener('appinstalled', onInstalled);
      standalone.removeEventListener('change', onMode);
    };
  }

  async install(): Promise<void> {
    const offer = this.offer;
    if (!offer) return;
    this.offer = null;
    await offer.prompt();
    if ((await offer.userChoice).outcome === 'accepted') this.installed = true;
  }
}
