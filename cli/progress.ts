/**
 * A one-line progress bar on stderr (redrawn in place on a terminal, one line per step otherwise, so
 * logs stay readable), leaving stdout to the command's output.
 */
const WIDTH = 28;

export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #tty: boolean;
  #last = '';
  #lastPrinted = 0;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#tty = !!stream.isTTY;
  }

  update(label: string, done: number, total: number): void {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * WIDTH);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${label}`;
    if (line === this.#last) return;
    this.#last = line;
    if (this.#tty) {
      this.#stream.write(`\r\x1b[2K${line.slice(0, (this.#stream.columns || 100) - 1)}`);
    } else if (Date.now() - this.#lastPrinted > 1000 || fraction === 1) {
      this.#lastPrinted = Date.now();
      this.#stream.write(`${line}\n`);
    }
  }

  /** Ends the bar's line and prints `message` (if any) on its own line. */
  log(message: string): void {
    if (this.#tty && this.#last) this.#stream.write('\r\x1b[2K');
    this.#last = '';
    this.#stream.write(`${message}\n`);
  }

  done(): void {
    if (this.#tty && this.#last) this.#stream.write('\n');
    this.#last = '';
  }
}
