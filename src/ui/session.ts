// The engines Wharf talks to, each one store (the live model) and one dockerode client behind a
// SessionHolder. Settings that choose an engine replace that engine's whole session; views and
// commands read `current`, and rebind on onDidChange. Nothing here keeps engine data of its own.
//
// With wharf.engines listing several, EngineSet holds one holder per engine and a focus (the
// engine of the item the user last selected or acted on); `EngineSet.sessions` is the focused
// engine's holder seen through one stable object, which is what single-engine code reads.
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { Endpoint } from '../docker/connect';
import type { EngineChoice } from '../docker/engineList';
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

/** One engine's session as code that talks to an engine sees it. */
export interface SessionHolder {
  readonly current: EngineSession;
  /** Fires when `current` is another session (a restart, or another engine focused). */
  readonly onDidChange: vscode.Event<EngineSession>;
  /** The demo engine's address while the session uses it (until the engine settings change). */
  readonly demo: string | undefined;
  /** The holder of the engine `current` belongs to now, which never follows the focus elsewhere (a log follow keeps its engine). */
  pinned(): SessionHolder;
  /**
   * Drops the current engine connection and connects again with the current settings;
   * `demoHost` switches to (an address) or away from (null) the demo engine, else it is kept.
   */
  restart(demoHost?: string | null): void;
}

export class EngineSessionHolder implements SessionHolder, vscode.Disposable {
  private session: EngineSession;
  private demoHost: string | undefined;
  private readonly changed = new vscode.EventEmitter<EngineSession>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly factory: SessionFactory, private readonly settings: () => SessionSettings) {
    this.session = factory(settings());
  }

  get demo(): string | undefined {
    return this.demoHost;
  }

  get current(): EngineSession {
    return this.session;
  }

  pinned(): SessionHolder {
    return this;
  }

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

/** One engine of the set: `name` is '' for the single engine of engine.host / engine.context. */
export interface Engine {
  readonly name: string;
  readonly sessions: EngineSessionHolder;
}

export class EngineSet implements vscode.Disposable {
  private list: Engine[] = [];
  private focusedEngine!: Engine;
  private readonly engineSubscriptions = new Map<Engine, vscode.Disposable>();
  private readonly listChanged = new vscode.EventEmitter<void>();
  /** The engines listed changed (wharf.engines). */
  readonly onDidChangeEngines = this.listChanged.event;
  private readonly focusChanged = new vscode.EventEmitter<Engine>();
  readonly onDidChangeFocus = this.focusChanged.event;
  private readonly focusedSessionChanged = new vscode.EventEmitter<EngineSession>();
  /** The focused engine, as one holder: what single-engine code (status bar, walkthrough, commands) reads. */
  readonly sessions: SessionHolder;

  /** `single`: the settings of the one engine when `choices` lists fewer than two. */
  constructor(private readonly factory: SessionFactory, private readonly single: () => SessionSettings, private readonly choices: () => EngineChoice[]) {
    this.reconfigure();
    const set = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the holder's getters read the set's live focus
    this.sessions = {
      get current() { return set.focusedEngine.sessions.current; },
      get demo() { return set.focusedEngine.sessions.demo; },
      onDidChange: this.focusedSessionChanged.event,
      pinned: () => set.focusedEngine.sessions,
      restart: (demoHost) => set.focusedEngine.sessions.restart(demoHost),
    };
  }

  get engines(): readonly Engine[] {
    return this.list;
  }

  /** Several engines: each is a root node in the views. One is the simple default: no extra level. */
  get multiple(): boolean {
    return this.list.length > 1;
  }

  get focused(): Engine {
    return this.focusedEngine;
  }

  byName(name: string): Engine | undefined {
    return this.list.find((e) => e.name === name);
  }

  focus(engine: Engine): void {
    if (engine === this.focusedEngine || !this.list.includes(engine)) return;
    this.focusedEngine = engine;
    this.focusChanged.fire(engine);
    this.focusedSessionChanged.fire(engine.sessions.current);
  }

  /** Reads the engine list again: engines still listed keep their live session, others are closed. */
  reconfigure(): void {
    const wanted = this.choices();
    const next: Array<{ name: string; settings: () => SessionSettings }> = wanted.length > 1
      ? wanted.map((c) => ({ name: c.name, settings: () => ({ host: c.host, context: c.context }) }))
      : [{ name: wanted[0]?.name ?? '', settings: wanted[0] ? () => ({ host: wanted[0].host, context: wanted[0].context }) : this.single }];
    const kept = new Map(this.list.map((e) => [e.name, e]));
    const old = this.list;
    this.list = next.map(({ name, settings }) => {
      const existing = kept.get(name);
      if (existing) { kept.delete(name); return existing; }
      const engine: Engine = { name, sessions: new EngineSessionHolder(this.factory, settings) };
      this.engineSubscriptions.set(engine, engine.sessions.onDidChange((session) => { if (engine === this.focusedEngine) this.focusedSessionChanged.fire(session); }));
      return engine;
    });
    const previous = this.focusedEngine as Engine | undefined;
    if (!previous || !this.list.includes(previous)) this.focusedEngine = this.list[0];
    for (const gone of kept.values()) this.closeEngine(gone);
    if (previous === undefined) return; // constructing: nobody listens yet
    if (old.length !== this.list.length || old.some((e, i) => e !== this.list[i])) this.listChanged.fire();
    if (previous !== this.focusedEngine) {
      this.focusChanged.fire(this.focusedEngine);
      this.focusedSessionChanged.fire(this.focusedEngine.sessions.current);
    }
  }

  private closeEngine(engine: Engine): void {
    this.engineSubscriptions.get(engine)?.dispose();
    this.engineSubscriptions.delete(engine);
    engine.sessions.dispose();
  }

  dispose(): void {
    for (const engine of this.list) this.closeEngine(engine);
    this.list = [];
    this.listChanged.dispose();
    this.focusChanged.dispose();
    this.focusedSessionChanged.dispose();
  }
}
