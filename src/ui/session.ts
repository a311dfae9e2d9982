// The engine Wharf currently talks to: one store (the live model) and one dockerode client.
// Settings that choose the engine replace the whole session; views and commands always read
// `current`, and rebind on onDidChange. Nothing here keeps engine data of its own.
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { EngineStore } from '../docker/model';

export interface EngineSession {
  readonly store: EngineStore;
  /** A client for one-off requests (operations, inspect, logs). Undefined until connected. */
  docker(): Docker | undefined;
  dispose(): void;
}

export type SessionFactory = (settings: { host?: string; context?: string }) => EngineSession;

export class SessionHolder implements vscode.Disposable {
  private session: EngineSession;
  private readonly changed = new vscode.EventEmitter<EngineSession>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly factory: SessionFactory, private readonly settings: () => { host?: string; context?: string }) {
    this.session = factory(settings());
  }

  get current(): EngineSession {
    return this.session;
  }

  /** Drops the current engine connection and connects again with the current settings. */
  restart(): void {
    const old = this.session;
    this.session = this.factory(this.settings());
    this.changed.fire(this.session);
    old.dispose();
  }

  dispose(): void {
    this.session.dispose();
    this.changed.dispose();
  }
}
