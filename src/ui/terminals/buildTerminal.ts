// The Build terminal: each step of a build as it starts and ends, with its state, whether it was
// a cache hit and how long it took, the lines it prints, and which builder ran. Written to a
// Pseudoterminal (append-only, like `docker build --progress=plain`), so the history of a build
// stays readable after it ended; text before the terminal opens waits for it.
import * as vscode from 'vscode';
import type { BuilderChoice } from '../../docker/builder';
import type { BuildStepState } from '../../docker/buildProgress';
import { stripAnsi } from '../../docker/ansi';
import { maskText } from '../../docker/secrets';
import { formatStepDuration } from '../display/format';
import { toTerminalText } from './logsTerminal';

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const COLOUR: Record<BuildStepState['state'], string> = { running: '\x1b[36m', done: '\x1b[32m', cached: '\x1b[32m', failed: '\x1b[31m' };
const MARK: Record<BuildStepState['state'], string> = { running: '▶', done: '✔', cached: '✔', failed: '✘' };

export interface BuildTerminal extends vscode.Disposable {
  builder(choice: BuilderChoice): void;
  step(step: BuildStepState): void;
  log(step: BuildStepState, line: string): void;
  note(text: string): void;
  /** What the terminal showed, escape codes removed (for the host tests). */
  readonly transcript: readonly string[];
  readonly terminal: vscode.Terminal;
}

/** The line a step's state change shows: mark, name, Dockerfile line, then cache hit or duration. */
export function stepLine(step: BuildStepState): string {
  const where = step.location ? ` ${vscode.l10n.t('(line {0})', step.location.line)}` : '';
  const took = step.started !== undefined && step.completed !== undefined ? formatStepDuration(Math.max(0, step.completed - step.started)) : '';
  const outcome = step.state === 'cached' ? vscode.l10n.t('CACHED')
    : step.state === 'done' ? took
      : step.state === 'failed' ? [took, step.error].filter(Boolean).join(': ')
        : '';
  return `${MARK[step.state]} ${step.name}${where}${outcome ? `  ${outcome}` : ''}`;
}

export function builderLine(choice: BuilderChoice): string {
  return choice.kind === 'buildkit'
    ? vscode.l10n.t('Builder: BuildKit ({0})', choice.engine)
    : vscode.l10n.t('Builder: the engine\'s classic builder ({0}{1})', choice.engine, choice.reason ? `: ${choice.reason}` : '');
}

export function openBuildTerminal(name: string, heading: string): BuildTerminal {
  const write = new vscode.EventEmitter<string>();
  const transcript: string[] = [];
  let waiting: string[] | undefined = [];
  const emit = (plain: string, styled = plain): void => {
    const masked = maskText(plain);
    transcript.push(masked);
    const text = toTerminalText(`${styled === plain ? masked : maskText(styled)}\n`);
    if (waiting) waiting.push(text);
    else write.fire(text);
  };
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    open: () => { for (const text of waiting ?? []) write.fire(text); waiting = undefined; },
    close: () => undefined,
  };
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('tools'), isTransient: true });
  emit(heading);
  return {
    terminal,
    transcript,
    builder: (choice) => emit(builderLine(choice), `${DIM}${builderLine(choice)}${RESET}`),
    step: (step) => {
      // BuildKit's bookkeeping shows when it ends (or fails); its start says nothing new.
      if (step.internal && step.state === 'running') return;
      const line = stepLine(step);
      emit(line, `${step.internal ? DIM : ''}${COLOUR[step.state]}${line}${RESET}`);
    },
    log: (_step, line) => { const plain = stripAnsi(line); emit(`  │ ${plain}`, `${DIM}  │${RESET} ${line}`); },
    note: (text) => emit(text, `\x1b[1m${text}${RESET}`),
    dispose: () => { terminal.dispose(); write.dispose(); },
  };
}
