/** Whether the browser has a network connection (navigator.onLine and its online/offline events). */
export class OnlineState {
  online = $state(true);

  /** Follow the connection; returns the function that stops following. */
  start(win: Window = window): () => void {
    this.online = win.navigator.onLine;
    const update = () => (this.online = win.navigator.onLine);
    win.addEventListener('online', update);
    win.addEventListener('offline', update);
    return () => {
      win.removeEventListener('online', update);
      win.removeEventListener('offline', update);
    };
  }
}
