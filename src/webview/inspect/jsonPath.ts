// JSON paths as people write them (State.Health.Status, Config.Env[2], Labels["com.x"]) and the
// filter that keeps a node when its path, key or any value below it matches. Pure.

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Z_$][\w$]*$/i.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** True when the key at the end of `path`, or any key or scalar value below it, contains `needle` (lower case). */
export function matchesFilter(value: unknown, path: readonly (string | number)[], needle: string): boolean {
  const last = path[path.length - 1];
  if (last !== undefined && String(last).toLowerCase().includes(needle)) return true;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return entries.some(([k, v]) => matchesFilter(v, [...path, k], needle));
  }
  return String(value).toLowerCase().includes(needle);
}
