// Logs: a terminal that follows a container's logs through the engine API (no docker CLI).
// stdout and stderr arrive demultiplexed; stderr is tinted; newlines become CRLF for the terminal.
import * as vscode from 'vscode';
import { containerLogs, type StreamHandle } from '../../docker/containers';
import type { ContainerModel } from '../../docker/model';
import { requireDocker, reportError, type WharfContext } from '../context';

/** Lines from the end shown first; the rest follows live. */
const TAIL_LINES = 1000;

export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The Pseudoterminal behind a Logs terminal (separate so tests can drive it directly). */
export function createLogsPty(ctx: WharfContext, container: ContainerModel): vscode.Pseudoterminal {
  const write = new vscode.EventEmitter<string>();
  let handle: StreamHandle | undefined;
  let closed = false;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    open: () => {
      void (async () => {
        try {
          handle = await containerLogs(requireDocker(ctx), container.id, (stream, data) => {
            const text = toTerminalText(data.toString('utf8'));
            write.fire(stream === 'stderr' ? `\x1b[31m${text}\x1b[0m` : text);
          }, { follow: true, tail: TAIL_LINES });
          if (closed) { handle.dispose(); return; }
          await handle.done;
          if (!closed) write.fire(`\r\n\x1b[2m${vscode.l10n.t('[log stream ended: the container stopped]')}\x1b[0m\r\n`);
        } catch (err) {
          if (!closed) {
            reportError(ctx, `show logs of ${container.name}`, err);
            write.fire(`\r\n${vscode.l10n.t('[could not read the logs]')}\r\n`);
          }
        }
      })();
    },
    close: () => {
      closed = true;
      handle?.dispose();
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
