/**
 * DevTools sessions to the page and every worker it starts, including workers started by workers
 * (the WASM runtimes' pthreads). Playwright's CDPSession talks to a page only, so workers are reached
 * the protocol's own way: auto-attach without flattening, then each command travels as
 * `Target.sendMessageToTarget` through the parent's session and comes back as
 * `Target.receivedMessageFromTarget`. Nesting is the same step again, one level down.
 */
import type { CDPSession } from '@playwright/test';

export interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize: number;
  backingStorageSize: number;
}

export interface DomCounters {
  documents: number;
  nodes: number;
  jsEventListeners: number;
}

type Empty = Record<string, never>;

/** The commands the soak sends, with their parameters and results (a subset of the protocol). */
export interface Commands {
  'Target.setAutoAttach': [{ autoAttach: boolean; waitForDebuggerOnStart: boolean; flatten: boolean }, Empty];
  'Target.sendMessageToTarget': [{ sessionId: string; message: string }, Empty];
  'Runtime.getHeapUsage': [Empty, HeapUsage];
  'HeapProfiler.collectGarbage': [Empty, Empty];
  'HeapProfiler.enable': [Empty, Empty];
  'HeapProfiler.takeHeapSnapshot': [{ reportProgress: boolean }, Empty];
  'Memory.getDOMCounters': [Empty, DomCounters];
}

export type Method = keyof Commands;

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** The events the soak listens to, on any level. */
interface Events {
  'Target.attachedToTarget': { sessionId: string; targetInfo: TargetInfo };
  'Target.detachedFromTarget': { sessionId: string };
  'Target.receivedMessageFromTarget': { sessionId: string; message: string };
  'HeapProfiler.addHeapSnapshotChunk': { chunk: string };
}

export interface Channel {
  /** `timeoutMs`: reject when no reply comes in time (only relayed targets can stall; see RelayedChannel). */
  send<M extends Method>(method: M, params: Commands[M][0], timeoutMs?: number): Promise<Commands[M][1]>;
  on<E extends keyof Events>(event: E, handler: (params: Events[E]) => void): void;
}

/** A relayed command got no reply in time: the target is busy or parked, not broken. */
export class NoReplyError extends Error {
  override name = 'NoReplyError';
}

const DEFAULT_TIMEOUT_MS = 30_000;

type RawSend = (method: string, params?: object) => Promise<unknown>;
type RawOn = (event: string, handler: (params: unknown) => void) => void;

/** Playwright's page session as a Channel (its own typing covers the same protocol). */
export function pageChannel(cdp: CDPSession): Channel {
  const send = cdp.send.bind(cdp) as unknown as RawSend;
  const on = cdp.on.bind(cdp) as unknown as RawOn;
  return {
    send: (method, params) => send(method, params) as never,
    on: (event, handler) => on(event, handler as (params: unknown) => void),
  };
}

interface Reply {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/**
 * A target reached through `parent`: commands and events relayed in the parent's messages. A worker
 * runs a command only between its tasks, so one parked in Atomics.wait (an idle pthread of a WASM
 * runtime) never answers: every command has a deadline.
 */
class RelayedChannel implements Channel {
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  #handlers = new Map<string, ((params: unknown) => void)[]>();

  constructor(
    private readonly parent: Channel,
    private readonly sessionId: string,
    private readonly label: string,
  ) {
    parent.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId === this.sessionId) this.#receive(JSON.parse(e.message) as Reply);
    });
  }

  #receive(reply: Reply): void {
    if (reply.id !== undefined) {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (!waiting) return;
      if (reply.error) waiting.reject(new Error(`${waiting.method} on ${this.label}: ${reply.error.message}`));
      else waiting.resolve(reply.result);
    } else if (reply.method) {
      for (const h of this.#handlers.get(reply.method) ?? []) h(reply.params);
    }
  }

  send<M extends Method>(method: M, params: Commands[M][0], timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Commands[M][1]> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new NoReplyError(`${method} on ${this.label}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = { resolve: (v: unknown) => (clearTimeout(timer), resolve(v as Commands[M][1])), reject: (e: Error) => (clearTimeout(timer), reject(e)), method };
      this.#pending.set(id, settle);
      this.parent.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch((error: unknown) => {
        this.#pending.delete(id);
        settle.reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  on<E extends keyof Events>(event: E, handler: (params: Events[E]) => void): void {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler as (params: unknown) => void]);
  }

  /** A target that went away answers nothing more: fail what still waits, rather than hang. */
  close(): void {
    for (const p of this.#pending.values()) p.reject(new Error(`${p.method} on ${this.label}: the target went away`));
    this.#pending.clear();
  }
}

export interface Target {
  /** 'page', 'worker', 'service_worker'… as the protocol names it. */
  type: string;
  url: string;
  /** 0 for the page, 1 for its workers, 2 for workers they start (the WASM runtimes' pthreads). */
  depth: number;
  /**
   * The nearest script up the chain that started this target ('' for the page): pthreads run from
   * blob: URLs and start more of their own, so their own URL names nothing.
   */
  ownerUrl: string;
  channel: Channel;
}

const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: false, flatten: false } as const;

/** The page and all its workers, kept current as workers start and end. */
export class TargetTree {
  readonly #targets = new Map<string, Target & { relay?: RelayedChannel }>();

  private constructor(page: Channel) {
    this.#targets.set('page', { type: 'page', url: '', depth: 0, ownerUrl: '', channel: page });
  }

  static async attach(cdp: CDPSession): Promise<TargetTree> {
    const page = pageChannel(cdp);
    const tree = new TargetTree(page);
    await tree.#watch(page, 1, '');
    return tree;
  }

  async #watch(channel: Channel, depth: number, ownerUrl: string): Promise<void> {
    channel.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
      const relay = new RelayedChannel(channel, sessionId, `${targetInfo.type} ${targetInfo.url}`);
      this.#targets.set(sessionId, { type: targetInfo.type, url: targetInfo.url, depth, ownerUrl, channel: relay, relay });
      // A worker's own workers (pthreads) attach to it, not to the page.
      const owner = targetInfo.url.startsWith('blob:') && ownerUrl ? ownerUrl : targetInfo.url;
      this.#watch(relay, depth + 1, owner).catch(() => this.#forget(sessionId));
    });
    channel.on('Target.detachedFromTarget', ({ sessionId }) => this.#forget(sessionId));
    await channel.send('Target.setAutoAttach', AUTO_ATTACH);
  }

  #forget(sessionId: string): void {
    this.#targets.get(sessionId)?.relay?.close();
    this.#targets.delete(sessionId);
  }

  /** The page first, then workers in the order they attached. */
  targets(): Target[] {
    return [...this.#targets.values()];
  }

  page(): Target {
    return this.#targets.get('page') as Target;
  }
}
