// Which Env entries are secrets: their value stays masked until the user reveals it. Pure.

const SECRET_KEY = /pass|secret|token|key|pwd|credential/i;

export function isSecretKey(name: string): boolean {
  return SECRET_KEY.test(name);
}

/** For "NAME=value" strings in an Env array: the name when it looks secret, else undefined. */
export function secretEnvName(entry: string): string | undefined {
  const eq = entry.indexOf('=');
  if (eq <= 0) return undefined;
  const name = entry.slice(0, eq);
  return isSecretKey(name) ? name : undefined;
}

/** "PASSWORD=hunter2" → "PASSWORD=••••••"; other entries unchanged. */
export function maskEnvEntry(entry: string): string {
  const name = secretEnvName(entry);
  return name ? `${name}=••••••` : entry;
}

/** Is this JSON path inside an Env array (Config.Env of a container or image)? */
export function isEnvPath(path: readonly (string | number)[]): boolean {
  return path.length >= 2 && path[path.length - 2] === 'Env' && typeof path[path.length - 1] === 'number';
}

/** A deep copy of the inspect data with every secret Env value masked (for raw view and copy). */
export function maskSecrets(data: unknown, path: (string | number)[] = []): unknown {
  if (Array.isArray(data)) return data.map((item, i) => maskSecrets(item, [...path, i]));
  if (data && typeof data === 'object') return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, maskSecrets(v, [...path, k])]));
  if (typeof data === 'string' && isEnvPath(path)) return maskEnvEntry(data);
  return data;
}
