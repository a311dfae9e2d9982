// Logs: a terminal that follows a container's logs through the engine API (no docker CLI).
// stdout and stderr arrive demultiplexed and are decoded apart; stderr is tinted; newlines become
// CRLF for the terminal. The output is paced (pacedOutput.ts): a flood pauses the engine stream.
import * as vscode from 'vscode';
import { containerLogs, type StreamHandle } from '../../docker/containers';
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

/** The Pseudoterminal behind a Logs terminal (separate so tests can drive it directly). */
export function createLogsPty(ctx: WharfContext, container: ContainerModel): LogsPty {
  const write = new vscode.EventEmitter<string>();
  const output = new PacedOutput((text) => write.fire(text));
  const decoder = new OutputDecoder((stream, text) => {
    const shown = toTerminalText(text);
    output.push(stream === 'stderr' ? `\x1b[31m${shown}\x1b[0m` : shown);
  });
  let handle: StreamHandle | undefined;
  let closed = false;
  const pty: LogsPty = {
    get flow() { return output.stats(); },
    onDidWrite: write.event,
    open: () => {
      void (async () => {
        try {
          handle = await containerLogs(requireDocker(ctx), container.id, (stream, data) => decoder.push(stream, data), { follow: true, tail: TAIL_LINES });
          if (closed) { handle.dispose(); return; }
          output.attach(handle);
          await handle.done;
          decoder.end();
          if (!closed) output.push(`\r\n\x1b[2m${vscode.l10n.t('[log stream ended: the container stopped]')}\x1b[0m\r\n`);
        } catch (err) {
          if (!closed) {
            reportError(ctx, `show logs of ${container.name}`, err);
            output.push(`\r\n${vscode.l10n.t('[could not read the logs]')}\r\n`);
          }
        }
      })();
    },
    close: () => {
      closed = true;
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
