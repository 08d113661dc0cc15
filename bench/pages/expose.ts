/** A bench page hands the harness its functions through `window.__bench` (see browser/env.ts). */
export function expose(api: Record<string, (...args: never[]) => unknown>): void {
  (window as unknown as { __bench: unknown }).__bench = api;
}
