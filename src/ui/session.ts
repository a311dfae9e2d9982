// The engine Wharf currently talks to: one store (the live model) and one dockerode client.
// Settings that choose the engine replace the whole session; views and commands always read
// `current`, and rebind on onDidChange. Nothing here keeps engine data of its own.
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { Endpoint } from '../docker/connect';
import type { EngineStore } from '../docker/model';

export interface EngineSession {
  readonly store: EngineStore;
  /** Where the engine is (undefined when the settings name no usable one): what Compose is pointed at. */
  readonly endpoint?: Endpoint;
  /** A client for one-off requests (operations, inspect, logs). Undefined until connected. */
  docker(): Docker | undefined;
  dispose(): void;
}

/** The engine settings, and `demoHost`: an engine chosen for this session only (Start a Demo Engine). */
export interface SessionSettings { host?: string; context?: string; demoHost?: string }

export type SessionFactory = (settings: SessionSettings) => EngineSession;

export class SessionHolder implements vscode.Disposable {
  private session: EngineSession;
  private demoHost: string | undefined;
  private readonly changed = new vscode.EventEmitter<EngineSession>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly factory: SessionFactory, private readonly settings: () => SessionSettings) {
    this.session = factory(settings());
  }

  /** The demo engine's address while the session uses it (until the engine settings change). */
  get demo(): string | undefined {
    return this.demoHost;
  }

  get current(): EngineSession {
    return this.session;
  }

  /**
   * Drops the current engine connection and connects again with the current settings;
   * `demoHost` switches to (an address) or away from (null) the demo engine, else it is kept.
   */
  restart(demoHost?: string | null): void {
    if (demoHost !== undefined) this.demoHost = demoHost ?? undefined;
    const old = this.session;
    this.session = this.factory({ ...this.settings(), demoHost: this.demoHost });
    this.changed.fire(this.session);
    old.dispose();
  }

  dispose(): void {
    this.session.dispose();
    this.changed.dispose();
  }
}
