/** Resolves once the requests and messages already waiting have had their turn on this thread. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
