// Attach Shell: an interactive terminal over the exec API with a TTY. Keystrokes go to the exec
// stream, terminal resizes go to the exec resize endpoint, and the terminal closes with the
// shell's exit code when the process ends. No docker CLI and no host shell are involved.
// Output is decoded across chunk boundaries and paced (pacedOutput.ts): a command flooding the
// terminal is paused through the TTY, as in a real terminal.
import * as vscode from 'vscode';
import { execInteractive, type ExecSession } from '../../docker/containers';
import type { ContainerModel } from '../../docker/model';
import { OutputDecoder } from '../../docker/streams';
import { requireDocker, reportError, type WharfContext } from '../context';
import { PacedOutput } from './pacedOutput';

/** bash when the image has it, else sh (it runs inside the container, never on the host). */
export const SHELL_COMMAND = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

/** The Pseudoterminal behind an Attach Shell terminal (separate so tests can drive it directly). */
export function createShellPty(ctx: WharfContext, container: ContainerModel, command = SHELL_COMMAND): vscode.Pseudoterminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  const output = new PacedOutput((text) => write.fire(text));
  // A TTY merges stdout and stderr into one stream: one decoder.
  const decoder = new OutputDecoder((_stream, text) => output.push(text));
  let session: ExecSession | undefined;
  let closed = false;
  let pendingSize: vscode.TerminalDimensions | undefined;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: (dimensions) => {
      pendingSize = dimensions ?? pendingSize;
      void (async () => {
        try {
          session = await execInteractive(requireDocker(ctx), container.id, { command, env: { TERM: 'xterm-256color' }, columns: pendingSize?.columns, rows: pendingSize?.rows });
          if (closed) { session.dispose(); return; }
          session.stream.on('data', (data: Buffer) => decoder.push('stdout', data));
          output.attach(session.stream);
          if (pendingSize) void session.resize(pendingSize.columns, pendingSize.rows).catch(() => undefined);
          const code = await session.exitCode();
          decoder.end();
          // The terminal goes with onDidClose: show what the shell printed last first.
          await output.drained();
          if (!closed) close.fire(code);
        } catch (err) {
          reportError(ctx, `open a shell in ${container.name}`, err);
          if (!closed) close.fire(1);
        }
      })();
    },
    handleInput: (data) => { session?.stream.write(data); },
    setDimensions: (dimensions) => {
      pendingSize = dimensions;
      // A resize racing the container's exit is harmless: ignore its failure.
      void session?.resize(dimensions.columns, dimensions.rows).catch(() => undefined);
    },
    close: () => {
      closed = true;
      session?.dispose();
      output.dispose();
    },
  };
  return pty;
}

export function openShellTerminal(ctx: WharfContext, container: ContainerModel, command = SHELL_COMMAND): vscode.Terminal {
  const pty = createShellPty(ctx, container, command);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Shell: {0}', container.name), pty, iconPath: new vscode.ThemeIcon('terminal') });
  terminal.show();
  return terminal;
}
