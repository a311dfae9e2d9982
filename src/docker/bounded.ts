// One home for "many requests, a few at a time": every bulk action (prune's reads, removing a
// selection, stopping a compose project) goes through here, so a host with 10,000 containers
// never gets 10,000 requests at once, and a slow one never holds the others back as a batch would.

/** How many requests of one bulk action run at once against one engine. */
export const BULK_PARALLELISM = 8;

/**
 * `run` over `items`, at most `limit` at once, each started as soon as one finishes; the results
 * in the items' order. The first rejection rejects the whole (the rest still finish, unawaited
 * ones are not started), as Promise.all does.
 */
export async function mapBounded<T, R>(items: readonly T[], run: (item: T, index: number) => Promise<R>, limit = BULK_PARALLELISM): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await run(items[index], index);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
