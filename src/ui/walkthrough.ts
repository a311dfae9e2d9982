// Progress through the "Get Started with Wharf" walkthrough (package.json contributes.walkthroughs).
// Each step is checked off by VS Code when its context key turns true (completionEvents
// `onContext:wharf.walkthrough.done.<step>`), and a key is set only from what really happened on
// the engine: the store reporting a connection, or a command's result saying the engine did it
// (commands return what they did; a cancelled or failed command returns nothing). Clicking a
// step's button and then cancelling leaves the step open.
import * as vscode from 'vscode';
import type { SessionHolder } from './session';

export const WALKTHROUGH_ID = 'gettingStarted';
export const WALKTHROUGH_STEPS = ['connect', 'run', 'startAgain', 'remove', 'build', 'registry'] as const;
export type WalkthroughStep = (typeof WALKTHROUGH_STEPS)[number];

/** The context key a step's completionEvents wait for. */
export function completionKey(step: WalkthroughStep): string {
  return `wharf.walkthrough.done.${step}`;
}

const isId = (result: unknown): result is string => typeof result === 'string' && result.length > 0;
const didSome = (result: unknown): boolean => Array.isArray(result) && result.length > 0;

/** The steps a command's result completes. Results are the commands' own: ids, tags, digests. */
const STEPS_BY_COMMAND: Record<string, (result: unknown) => WalkthroughStep[]> = {
  'wharf.image.run': (r) => (isId(r) ? ['run'] : []),
  'wharf.walkthrough.run': (r) => (isId(r) ? ['run'] : []),
  'wharf.dockerfile.buildAndRun': (r) => (isId(r) ? ['build', 'run'] : []),
  // Start returns only the containers the engine started; it refuses one already running.
  'wharf.container.start': (r) => (didSome(r) ? ['startAgain'] : []),
  'wharf.container.remove': (r) => (didSome(r) ? ['remove'] : []),
  'wharf.dockerfile.build': (r) => (isId(r) ? ['build'] : []),
  'wharf.image.pull': (r) => (isId(r) ? ['registry'] : []),
  'wharf.image.push': (r) => (isId(r) ? ['registry'] : []),
};

/** Commands whose result is the id of a container they ran. */
const RUNS_A_CONTAINER = new Set(['wharf.image.run', 'wharf.walkthrough.run', 'wharf.dockerfile.buildAndRun']);

export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<WalkthroughStep>();
  private runContainerId: string | undefined;
  private readonly changed = new vscode.EventEmitter<WalkthroughStep>();
  /** Fires once a step's context key has been set in the workbench. */
  readonly onDidChange = this.changed.event;
  private storeSubscription: vscode.Disposable | undefined;
  private readonly sessionSubscription: vscode.Disposable;

  constructor(private readonly sessions: SessionHolder) {
    this.bind();
    this.sessionSubscription = sessions.onDidChange(() => this.bind());
  }

  /** Called with every Wharf command's result; resolves once the steps it completes are set. */
  async record(command: string, result: unknown): Promise<void> {
    if (RUNS_A_CONTAINER.has(command) && isId(result)) this.runContainerId = result;
    for (const step of STEPS_BY_COMMAND[command]?.(result) ?? []) await this.complete(step);
  }

  isDone(step: WalkthroughStep): boolean {
    return this.done.has(step);
  }

  /** The container the user last ran through Wharf, while the engine still has it. */
  get runContainer(): string | undefined {
    const id = this.runContainerId;
    return id && this.sessions.current.store.container(id) ? id : undefined;
  }

  /** Test hook: every step open again (context keys false), then what is true now re-derived. */
  async reset(): Promise<void> {
    this.done.clear();
    this.runContainerId = undefined;
    await Promise.all(WALKTHROUGH_STEPS.map((step) => vscode.commands.executeCommand('setContext', completionKey(step), false)));
    await this.checkConnection();
  }

  dispose(): void {
    this.storeSubscription?.dispose();
    this.sessionSubscription.dispose();
    this.changed.dispose();
  }

  private async complete(step: WalkthroughStep): Promise<void> {
    if (this.done.has(step)) return;
    await vscode.commands.executeCommand('setContext', completionKey(step), true);
    this.done.add(step);
    this.changed.fire(step);
  }

  private bind(): void {
    this.storeSubscription?.dispose();
    const store = this.sessions.current.store;
    this.storeSubscription = store.onDidChange((changes) => { if (changes.some((c) => c.kind === 'connection')) void this.checkConnection(); });
    void this.checkConnection();
  }

  private async checkConnection(): Promise<void> {
    if (this.sessions.current.store.connection.status === 'connected') await this.complete('connect');
  }
}
