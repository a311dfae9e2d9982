// The messages between the inspect panel (extension host) and its page (webview), both ways.
// Shared as types only: the page never imports the host's code, the host never the page's.

export type InspectKind = 'container' | 'image' | 'volume' | 'network';

export type HostToPage =
  /** The object's inspect JSON; sent on open and again whenever the engine reports a change. */
  | { type: 'show'; kind: InspectKind; title: string; data: unknown; updatedAt: number }
  /** The object no longer exists; the page keeps the last data but says so. */
  | { type: 'gone'; message: string }
  | { type: 'error'; message: string };

export type PageToHost =
  | { type: 'ready' }
  | { type: 'copy'; text: string; what: 'value' | 'path' | 'json' }
  | { type: 'refresh' };
