// Waiting for a condition the engine brings about, with a generous limit: the limit only turns a
// hang into a readable failure, it never decides a pass (tests must not fail on timing).
export async function waitFor<T>(what: string, probe: () => T | undefined | false, limitMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
