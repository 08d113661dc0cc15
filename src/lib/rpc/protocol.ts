/**
 * The shape every worker protocol shares. A protocol is a map from request type to
 * `{ payload, result, event }`: the types tie each request to its payload, its final result and the
 * stream events it may send before that (progress, tokens). Every message carries a requestId.
 */
import type { WireError } from '../errors';

export interface MethodSpec {
  payload: unknown;
  result: unknown;
  /** Events streamed before the result (use `never` for none). */
  event: unknown;
}

export type Protocol = Record<string, MethodSpec>;

/** Page → worker. */
export type RequestMessage<P extends Protocol> = {
  [K in keyof P & string]: { kind: 'request'; requestId: number; type: K; payload: P[K]['payload'] };
}[keyof P & string];

/** Page → worker: stop the request with this id (it ends with an ABORTED error). */
export interface CancelMessage {
  kind: 'cancel';
  requestId: number;
}

/**
 * Page → worker, only while calls are pending: "are you there?". The worker answers `pong` from its
 * event loop, so a worker that closed itself, spins in a loop or died without an error event is
 * found by its silence (see liveness.ts).
 */
export interface PingMessage {
  kind: 'ping';
}

/** Worker → page: the answer to a ping (it carries no requestId: it is about the worker, not a call). */
export interface PongMessage {
  kind: 'pong';
}

/** Worker → page. */
export type ResponseMessage<P extends Protocol> =
  | {
      [K in keyof P & string]:
        | { kind: 'event'; requestId: number; type: K; event: P[K]['event'] }
        | { kind: 'result'; requestId: number; type: K; result: P[K]['result'] };
    }[keyof P & string]
  | { kind: 'error'; requestId: number; error: WireError };

export type ToWorker<P extends Protocol> = RequestMessage<P> | CancelMessage | PingMessage;

export type FromWorker<P extends Protocol> = ResponseMessage<P> | PongMessage;
