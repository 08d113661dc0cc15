/**
 * Worker side of a typed protocol: one handler per request type. A handler gets the payload, an
 * AbortSignal (set when the page cancels) and `emit` for stream events; what it returns is the
 * result, what it throws is sent as a WireError and rebuilt as the same error class on the page.
 * A `ping` is answered with a `pong` at once, so the page can tell a busy worker from a dead one.
 */
import { appError, toWire } from '../errors';
import type { PongMessage, Protocol, ResponseMessage, ToWorker } from './protocol';

export interface HandlerContext<E> {
  signal: AbortSignal;
  emit: (event: E) => void;
}

export type Handlers<P extends Protocol> = {
  [K in keyof P & string]: (
    payload: P[K]['payload'],
    ctx: HandlerContext<P[K]['event']>,
  ) => Promise<P[K]['result']> | P[K]['result'];
};

/** The subset of a worker's global scope that `serve` needs (a MessagePort works too). */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function serve<P extends Protocol>(
  scope: Endpoint,
  handlers: Handlers<P>,
  transferOf?: (result: unknown) => Transferable[],
): void {
  const running = new Map<number, AbortController>();
  const send = (message: ResponseMessage<P>, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

  scope.addEventListener('message', (event: MessageEvent<ToWorker<P>>) => {
    const message = event.data;
    if (message.kind === 'ping') {
      // Answered from the event loop itself, not from a handler: a handler may wait on I/O for long,
      // but a worker whose event loop runs is alive. A loop that never yields gets no pong out.
      scope.postMessage({ kind: 'pong' } satisfies PongMessage);
      return;
    }
    if (message.kind === 'cancel') {
      running.get(message.requestId)?.abort();
      return;
    }
    const { requestId, type, payload } = message;
    const handler = handlers[type];
    const controller = new AbortController();
    running.set(requestId, controller);
    const ctx: HandlerContext<unknown> = {
      signal: controller.signal,
      emit: (ev) => send({ kind: 'event', requestId, type, event: ev } as ResponseMessage<P>),
    };
    Promise.resolve()
      .then(() => (handler as (p: unknown, c: HandlerContext<unknown>) => unknown)(payload, ctx))
      .then(
        (result) => {
          if (controller.signal.aborted) throw appError('ABORTED');
          send({ kind: 'result', requestId, type, result } as ResponseMessage<P>, transferOf?.(result) ?? []);
        },
      )
      .catch((error: unknown) => {
        const wire = controller.signal.aborted ? toWire(appError('ABORTED')) : toWire(error);
        send({ kind: 'error', requestId, error: wire });
      })
      .finally(() => running.delete(requestId));
  });
}
