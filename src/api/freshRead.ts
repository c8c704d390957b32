/**
 * One read shared by the callers that ask while it is on its way, without ever answering a
 * caller with a read that began before it asked.
 *
 * A caller that asks while no read runs starts one. A caller that asks while one runs waits for
 * the next read, which starts when the running one ends and is shared by every caller that
 * asked meanwhile. So at most one read runs at a time, a caller waits for at most two, and every
 * answer is at least as new as the state when its caller asked: what the API needs of Ponder's
 * checkpoint, read before every answer about the live state.
 *
 * @example
 * const checkpoint = freshRead(() => store.checkpoint());
 * const [a, b] = await Promise.all([checkpoint(), checkpoint()]); // one read for both
 */
export function freshRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;

  const start = (): Promise<T> => {
    const p = read();
    running = p;
    const done = () => {
      if (running === p) running = undefined;
    };
    p.then(done, done);
    return p;
  };

  return () => {
    // a queued read starts after the running one ends, so after this call too
    if (next !== undefined) return next;
    if (running === undefined) return start();
    // settles after `done` above (registered first): the queued read becomes the running one
    next = running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
