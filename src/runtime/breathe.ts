/**
 * Yields to the event loop (one `setImmediate`), so a long piece of work done
 * in steps lets acks, `/healthz` and queued requests go out between them.
 */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
