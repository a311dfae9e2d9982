// The messages between the inspect panel (extension host) and its page (webview), both ways.
// The page and the host share only pure modules (these types, jsonPath.ts, src/docker/secrets.ts),
// never each other's code.
//
// Secrets stay on the host: the page is given the inspect data masked unless the user ticked
// Show secrets, and a copy names a path that the host reads from the data it gave the page. So
// whatever the page shows, filters or copies holds no secret while Show secrets is off.

export type InspectKind = 'container' | 'image' | 'volume' | 'network';

export type JsonPath = (string | number)[];

export type HostToPage =
  /**
   * The object's inspect JSON, masked unless `revealed`; sent on open, again whenever the engine
   * reports a change, and when the page asks to reveal or mask.
   */
  | { type: 'show'; kind: InspectKind; title: string; data: unknown; revealed: boolean; updatedAt: number }
  /** The object no longer exists; the page keeps the last data but says so. */
  | { type: 'gone'; message: string }
  | { type: 'error'; message: string }
  /** The copy the page asked for is on the clipboard (the page says "Copied" on what was clicked). */
  | { type: 'copied'; what: 'value' | 'path' | 'json'; path: JsonPath };

/**
 * The page's own words, translated by the host (vscode.l10n) and handed over in the markup's
 * data-strings attribute: host text only, never engine data. `{0}` is filled in by the page.
 */
export interface PageStrings {
  filter: string;
  filterPlaceholder: string;
  rawJson: string;
  showSecrets: string;
  copyJson: string;
  copied: string;
  copiedWhat: { value: string; path: string; json: string };
  copyPath: string;
  copyValue: string;
  pathButton: string;
  valueButton: string;
  nothingMatches: string;
  updated: string;
  masked: string;
  tree: string;
}

export type PageToHost =
  /** The page is listening; `revealed` is the Show secrets state it restored. */
  | { type: 'ready'; revealed: boolean }
  | { type: 'reveal'; revealed: boolean }
  /** Copy the value at `path`, its path, or the whole JSON (path []), as the page was given it. */
  | { type: 'copy'; what: 'value' | 'path' | 'json'; path: JsonPath }
  | { type: 'refresh' };
