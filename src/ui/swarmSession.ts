// The Swarm store of the engine Wharf talks to: opened once that engine is connected, replaced
// with the engine session, closed when the engine goes away. It holds no Swarm data of its own:
// views and commands read `current` and listen to onDidChange.
import * as vscode from 'vscode';
import type { SwarmChange } from '../docker/swarm/model';
import { SwarmStore } from '../docker/swarm/swarmStore';
import type { SessionHolder } from './session';

export class SwarmSession implements vscode.Disposable {
  private store: SwarmStore | undefined;
  private storeSubscription: { dispose(): void } | undefined;
  private connectionSubscription: { dispose(): void } | undefined;
  private readonly sessionSubscription: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<SwarmChange>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly sessions: SessionHolder, private readonly log: (line: string) => void) {
    this.bind();
    this.sessionSubscription = sessions.onDidChange(() => this.bind());
  }

  /** Whether the connected engine is Podman, which has no Swarm mode. */
  podman = false;

  /** The Swarm store of the connected engine; undefined while no engine is connected. */
  get current(): SwarmStore | undefined {
    return this.store;
  }

  private bind(): void {
    this.connectionSubscription?.dispose();
    const session = this.sessions.current;
    this.connectionSubscription = session.store.onDidChange((changes) => {
      if (changes.some((c) => c.kind === 'connection')) this.follow();
    });
    this.follow();
  }

  /** Opens a store once the engine is connected; closes it when the engine is not. */
  private follow(): void {
    const session = this.sessions.current;
    const connection = session.store.connection;
    // Podman has no Swarm mode: no store, and no stream that would only fail and retry.
    this.podman = connection.status === 'connected' && connection.engine.kind === 'podman';
    const docker = connection.status === 'connected' && !this.podman ? session.docker() : undefined;
    if (docker && this.store && this.storeOf === docker) return;
    this.close();
    if (!docker) { this.changed.fire({ kinds: ['membership'] }); return; }
    this.storeOf = docker;
    this.store = new SwarmStore({ docker, log: (line) => this.log(line) });
    this.storeSubscription = this.store.onDidChange((change) => this.changed.fire(change));
    this.changed.fire({ kinds: ['membership'] });
  }

  private storeOf: unknown;

  private close(): void {
    this.storeSubscription?.dispose();
    this.store?.dispose();
    this.store = undefined;
    this.storeOf = undefined;
  }

  dispose(): void {
    this.close();
    this.connectionSubscription?.dispose();
    this.sessionSubscription.dispose();
    this.changed.dispose();
  }
}
