// The /events stream: newline-delimited JSON, each message turned into what the store must do
// about one object (re-read it, or drop it). Pure apart from the line splitter's buffer.
import type { ObjectKind } from './model';

export interface EngineEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** What one event means for the store: re-read an object, or drop it. */
export interface Touch {
  kind: ObjectKind;
  /** Container/image/network id, volume name; for an image pull, the reference. */
  id: string;
  op: 'inspect' | 'destroy';
}

// Container actions that change nothing the model holds (or are followed by one that does).
const IGNORED_CONTAINER_ACTIONS = new Set(['attach', 'detach', 'resize', 'top', 'export', 'commit', 'copy', 'archive-path', 'extract-to-dir', 'mount', 'unmount', 'exec_create', 'exec_start', 'exec_die', 'exec_detach', 'cleanup', 'init', 'sync', 'checkpoint', 'prune']);
const IGNORED_IMAGE_ACTIONS = new Set(['push', 'save', 'prune', 'mount', 'unmount']);

export function touchesOf(event: EngineEvent): Touch[] {
  const type = event.Type;
  // "health_status: healthy", "exec_start: sh -c …": the action is the part before the colon.
  const action = String(event.Action ?? event.status ?? '').split(':')[0].trim();
  const actorId = event.Actor?.ID ?? event.id ?? '';
  if (!actorId) return [];
  switch (type) {
    case 'container':
      if (action === 'destroy' || action === 'remove') return [{ kind: 'container', id: actorId, op: 'destroy' }];
      if (IGNORED_CONTAINER_ACTIONS.has(action)) return [];
      return [{ kind: 'container', id: actorId, op: 'inspect' }];
    case 'image':
      if (action === 'delete' || action === 'remove') return [{ kind: 'image', id: actorId, op: 'destroy' }];
      if (IGNORED_IMAGE_ACTIONS.has(action)) return [];
      return [{ kind: 'image', id: actorId, op: 'inspect' }];
    case 'volume':
      if (action === 'destroy' || action === 'remove') return [{ kind: 'volume', id: actorId, op: 'destroy' }];
      if (action === 'create') return [{ kind: 'volume', id: actorId, op: 'inspect' }];
      return [];
    case 'network': {
      if (action === 'destroy' || action === 'remove') return [{ kind: 'network', id: actorId, op: 'destroy' }];
      if (action === 'create') return [{ kind: 'network', id: actorId, op: 'inspect' }];
      // A (dis)connect changes the container's list of networks.
      const container = event.Actor?.Attributes?.container;
      if ((action === 'connect' || action === 'disconnect') && container) return [{ kind: 'container', id: container, op: 'inspect' }];
      return [];
    }
    default:
      return [];
  }
}

/** Splits a byte stream into lines and parses each as JSON; bad lines are reported, not thrown. */
export class JsonLineSplitter {
  private rest = '';

  constructor(private readonly onMessage: (message: EngineEvent) => void, private readonly onBadLine: (line: string) => void = () => undefined) {}

  push(chunk: Buffer | string): void {
    const text = this.rest + chunk.toString();
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Some engines (Podman) may not end the last message with a newline before closing. */
  end(): void {
    if (this.rest.trim()) this.line(this.rest);
    this.rest = '';
  }

  private line(line: string): void {
    const trimmed = line.trim();
    if (!trimmed) return;
    let message: EngineEvent;
    try {
      message = JSON.parse(trimmed) as EngineEvent;
    } catch {
      this.onBadLine(trimmed);
      return;
    }
    this.onMessage(message);
  }
}
