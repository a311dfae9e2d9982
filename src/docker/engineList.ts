// What wharf.engines names, read as engine choices: an entry with "://" is an address (what
// DOCKER_HOST would hold), anything else a docker context name. Pure: the UI builds one live
// session per entry from these.
import { maskText } from './secrets';

export interface EngineChoice {
  /** Unique among the list; what the engine's root node and the status bar show. */
  readonly name: string;
  readonly host?: string;
  readonly context?: string;
}

export function engineChoices(entries: readonly string[]): EngineChoice[] {
  const seen = new Set<string>();
  const choices: EngineChoice[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry || seen.has(entry)) continue; // listed twice is one engine: two stores would show it twice
    seen.add(entry);
    // An address can carry a password (never used by ssh or the API, but typed by people): not shown.
    choices.push(entry.includes('://') ? { name: maskText(entry), host: entry } : { name: entry, context: entry });
  }
  return choices;
}
