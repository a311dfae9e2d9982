// Recognising specific engine answers that operations react to (not for display: errors shown to
// the user are mapped by errors.ts).

interface EngineErrorShape {
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

export function engineMessage(err: unknown): string {
  const e = err as EngineErrorShape;
  return e?.json?.message ?? e?.message ?? String(err);
}

/** The engine has no such image locally (create container answers 404 "No such image: …"). */
export function isNoSuchImage(err: unknown): boolean {
  const e = err as EngineErrorShape;
  return e?.statusCode === 404 && /no such image/i.test(engineMessage(err));
}

/** The registry answered that the repository or tag does not exist. */
export function isManifestUnknown(err: unknown): boolean {
  return /manifest unknown|not found: manifest|repository .* not found|does not exist or no pull access|name unknown/i.test(engineMessage(err));
}
