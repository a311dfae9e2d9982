// JSON paths as people write them (State.Health.Status, Config.Env[2], Labels["com.x"]), the
// value at a path, and the filter that keeps a node when its path, key or any value below it
// matches. Pure: the page and the panel host both use it.

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Z_$][\w$]*$/i.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** The value at `path` (own properties only), or undefined when the path leads nowhere. */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/**
 * What a copy puts on the clipboard, read from `given` (the data the page was given): the value
 * at `path` (a string as it is, anything else as indented JSON), its path, or the whole JSON.
 * Undefined when `path` is not a path into `given`: nothing is copied that the page was not shown.
 */
export function clipboardText(given: unknown, what: 'value' | 'path' | 'json', path: unknown): string | undefined {
  if (!Array.isArray(path) || !path.every((part) => typeof part === 'string' || typeof part === 'number')) return undefined;
  const value = valueAt(given, path);
  if (value === undefined) return undefined;
  const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  switch (what) {
    case 'path': return formatPath(path);
    case 'value': return asText(value);
    case 'json': return asText(given);
    default: return undefined;
  }
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
