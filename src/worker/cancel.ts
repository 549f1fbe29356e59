// Cancelling a worker that is busy in synchronous code. Path enumeration runs for a long time without
// yielding, so a `cancel` message would wait in the worker's queue until it finished. The parent thread sets
// a flag in shared memory instead; this AbortSignal reads it whenever code asks `signal.aborted`.

/** A one-slot shared flag: 0 = running, 1 = cancel asked. */
export function createCancelFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

export function raiseCancelFlag(flag: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(flag), 0, 1);
}

/**
 * A real AbortSignal (event listeners and AbortSignal.any keep working) whose `aborted` also consults the
 * shared flag; the first read that sees the flag aborts the controller, so 'abort' listeners fire too.
 */
export function flagSignal(flag: SharedArrayBuffer): AbortSignal {
  const cells = new Int32Array(flag);
  const controller = new AbortController();
  const signal = controller.signal;
  const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;
  Object.defineProperty(signal, 'aborted', {
    configurable: true,
    get(): boolean {
      if (nativeAborted.call(signal) as boolean) return true;
      if (Atomics.load(cells, 0) === 0) return false;
      controller.abort();
      return true;
    },
  });
  return signal;
}
