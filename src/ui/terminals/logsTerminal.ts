// Logs: a terminal that follows a container's logs through the engine API (no docker CLI), across
// its stops and restarts until the terminal is closed.
// stdout and stderr arrive demultiplexed and are decoded apart; stderr is tinted; newlines become
// CRLF for the terminal. The output is paced (pacedOutput.ts): a flood pauses the engine stream.
import * as vscode from 'vscode';
import { containerLogs, engineTimestamp, engineTimestampOf, inspectContainer, type StreamHandle } from '../../docker/containers';
import { toWharfError } from '../../docker/errors';
import type { ContainerModel } from '../../docker/model';
import { OutputDecoder } from '../../docker/streams';
import { requireDocker, reportError, type WharfContext } from '../context';
import { PacedOutput, type FlowStats } from './pacedOutput';

/** Lines from the end shown first; the rest follows live. */
const TAIL_LINES = 1000;

export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** A Logs terminal's Pseudoterminal; `flow` is its flow control's state, read by the host tests. */
export type LogsPty = vscode.Pseudoterminal & { readonly flow: FlowStats };

/** The container's next run: its StartedAt, and the engine time from which its output is new. */
interface NextRun { readonly started: string; readonly since: string }

/**
 * Resolves the container's next run (one started other than at `previousStart`), 'removed'
 * once the container is gone, or undefined once `closed()`. Asks the engine only when the store
 * reports a change to the container (or a new engine session), never on a timer.
 */
function nextRun(ctx: WharfContext, id: string, previousStart: string, closed: () => boolean): { done: Promise<NextRun | 'removed' | undefined>; cancel(): void } {
  // The container's own engine, even when another engine's row is selected meanwhile.
  const sessions = ctx.sessions.pinned();
  let settle: (value: NextRun | 'removed' | undefined) => void = () => undefined;
  const done = new Promise<NextRun | 'removed' | undefined>((resolve) => { settle = resolve; });
  let checking = false;
  let again = false;
  const check = async (): Promise<void> => {
    if (checking) { again = true; return; }
    checking = true;
    try {
      do {
        again = false;
        if (closed()) return settle(undefined);
        const store = sessions.current.store;
        if (store.connection.status !== 'connected') continue;
        const model = store.container(id);
        if (!model) return settle('removed');
        if (model.state !== 'running') continue;
        const docker = sessions.current.docker();
        if (!docker) continue;
        try {
          const { StartedAt: started, FinishedAt: finished } = (await inspectContainer(docker, id)).State;
          if (started !== previousStart) return settle({ started, since: sinceForNextRun(started, finished) });
        } catch (err) {
          if (toWharfError(err).code === 'notFound') return settle('removed');
        }
      } while (again);
    } finally {
      checking = false;
    }
  };
  const watch = (): vscode.Disposable => sessions.current.store.onDidChange((changes) => {
    if (changes.some((c) => c.kind === 'connection' || (c.kind === 'container' && (c.all || c.updated.includes(id) || c.removed.includes(id) || c.added.includes(id))))) void check();
  });
  let storeSubscription = watch();
  const sessionSubscription = sessions.onDidChange(() => {
    storeSubscription.dispose();
    storeSubscription = watch();
    void check();
  });
  void check();
  void done.then(() => { storeSubscription.dispose(); sessionSubscription.dispose(); });
  return { done, cancel: () => settle(undefined) };
}

/**
 * Where the next run's output starts, in the engine's time. Not its StartedAt: the engine records
 * that once the process runs, and a process that writes at once (a loaded machine widens the gap)
 * has lines stamped before it, which a `since` of StartedAt would drop. The followed run's
 * FinishedAt is set after its last line was read and before the next run starts, so everything
 * after it is new. Only when the new run has already ended too (FinishedAt is its own) does the
 * start have to do.
 */
function sinceForNextRun(started: string, finished: string): string {
  const start = engineTimestampOf(started);
  const end = engineTimestampOf(finished);
  if (start === undefined) return engineTimestamp(new Date(started));
  return end !== undefined && end < start ? end : start;
}

/**
 * The Pseudoterminal behind a Logs terminal (separate so tests can drive it directly). It follows
 * the container across stops and restarts: when the log stream ends it waits for the container's
 * next run and follows that from its start, until the terminal is closed or the container removed.
 */
export function createLogsPty(ctx: WharfContext, container: ContainerModel): LogsPty {
  const write = new vscode.EventEmitter<string>();
  const output = new PacedOutput((text) => write.fire(text));
  const decoder = new OutputDecoder((stream, text) => {
    const shown = toTerminalText(text);
    output.push(stream === 'stderr' ? `\x1b[31m${shown}\x1b[0m` : shown);
  });
  const note = (text: string): void => output.push(`\r\n\x1b[2m${text}\x1b[0m\r\n`);
  let handle: StreamHandle | undefined;
  let waiting: ReturnType<typeof nextRun> | undefined;
  let closed = false;
  const follow = async (): Promise<void> => {
    let since: string | undefined;
    for (;;) {
      let started: string;
      try {
        const docker = requireDocker(ctx);
        started = (await inspectContainer(docker, container.id)).State.StartedAt;
        handle = await containerLogs(docker, container.id, (stream, data) => decoder.push(stream, data), since ? { follow: true, since } : { follow: true, tail: TAIL_LINES });
        if (closed) { handle.dispose(); return; }
        output.attach(handle);
        await handle.done;
        decoder.end();
      } catch (err) {
        if (!closed) {
          reportError(ctx, `show logs of ${container.name}`, err);
          output.push(`\r\n${vscode.l10n.t('[could not read the logs]')}\r\n`);
        }
        return;
      }
      if (closed) return;
      note(vscode.l10n.t('[the container stopped; its logs continue here when it starts again]'));
      waiting = nextRun(ctx, container.id, started, () => closed);
      const next = await waiting.done;
      if (closed || next === undefined) return;
      if (next === 'removed') { note(vscode.l10n.t('[the container was removed]')); return; }
      note(vscode.l10n.t('[the container started again]'));
      // Only what the new run writes: the old run's lines are already shown.
      since = next.since;
    }
  };
  const pty: LogsPty = {
    get flow() { return output.stats(); },
    onDidWrite: write.event,
    open: () => { void follow(); },
    close: () => {
      closed = true;
      waiting?.cancel();
      handle?.dispose();
      output.dispose();
      write.dispose();
    },
  };
  return pty;
}

export function openLogsTerminal(ctx: WharfContext, container: ContainerModel): vscode.Terminal {
  const pty = createLogsPty(ctx, container);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Logs: {0}', container.name), pty, iconPath: new vscode.ThemeIcon('output') });
  terminal.show();
  return terminal;
}
