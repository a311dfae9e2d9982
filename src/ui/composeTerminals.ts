// Terminals for Compose: one per run, showing the command and streaming Compose's output; and
// a project's (or a service's) logs, interleaved through the engine API, each line prefixed and
// coloured by its container. The logs follow restarts and scale-ups: on every store change the
// project's running containers that are not followed are followed again (derived, not polled).
import * as vscode from 'vscode';
import { ProjectLogs, type LogSource } from '../docker/composeLogs';
import { COMPOSE_LABELS, composeProject } from '../docker/composeModel';
import { requireDocker, type WharfContext } from './context';
import { toTerminalText } from './terminals/logsTerminal';

/** A terminal that shows what a Compose run writes; text written before it opens is kept. */
export interface RunTerminal {
  readonly terminal: vscode.Terminal;
  write(text: string): void;
  /** Everything written, for tests and error messages. */
  readonly text: string;
}

export function openRunTerminal(name: string, commandLine: string): RunTerminal {
  const write = new vscode.EventEmitter<string>();
  let opened = false;
  let pending = '';
  let all = '';
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    open: () => { opened = true; write.fire(pending); pending = ''; },
    close: () => write.dispose(),
  };
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('layers') });
  terminal.show(true);
  const put = (text: string): void => {
    all += text;
    const shown = toTerminalText(text);
    if (opened) write.fire(shown); else pending += shown;
  };
  put(`\x1b[2m$ ${commandLine}\x1b[0m\n`);
  return { terminal, write: put, get text() { return all; } };
}

/** Quotes an argument for display only (the run itself never goes through a shell). */
export function displayArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

/** Colours for the prefixes, as Compose uses them; red is left to nothing so errors stand out. */
const PREFIX_COLOURS = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

export interface ProjectLogsView {
  readonly terminal: vscode.Terminal;
  /** The lines shown, without colours: "web-1 | text". */
  readonly lines: readonly string[];
}

/** Opens a terminal following the logs of `project` (of one service when `service` is given). */
export async function openProjectLogs(ctx: WharfContext, project: string, service?: string): Promise<ProjectLogsView> {
  const docker = requireDocker(ctx);
  const write = new vscode.EventEmitter<string>();
  const lines: string[] = [];
  let opened = false;
  let pending = '';
  const colours = new Map<string, number>();
  const sourcesNow = (runningOnly: boolean): LogSource[] => {
    const view = composeProject(ctx.sessions.current.store.containers(), project);
    return (view?.services ?? []).filter((s) => !service || s.name === service).flatMap((s) => s.containers
      .filter((c) => !runningOnly || c.state === 'running')
      .map((c) => ({ id: c.id, service: s.name, label: `${s.name}-${c.labels[COMPOSE_LABELS.number] ?? '?'}` })));
  };
  const width = (): number => Math.max(8, ...sourcesNow(false).map((s) => s.label.length));
  const logs = new ProjectLogs(docker, (line) => {
    if (!colours.has(line.source.service)) colours.set(line.source.service, PREFIX_COLOURS[colours.size % PREFIX_COLOURS.length]);
    const prefix = line.source.label.padEnd(width());
    lines.push(`${prefix} | ${line.text}`);
    const shown = `\x1b[${colours.get(line.source.service)}m${prefix} |\x1b[0m ${line.stream === 'stderr' ? `\x1b[31m${line.text}\x1b[0m` : line.text}\r\n`;
    if (opened) write.fire(shown); else pending += shown;
  }, { follow: true, tail: 200 });
  const subscription = ctx.sessions.current.store.onDidChange((changes) => {
    if (changes.some((c) => c.kind === 'container')) void logs.sync(sourcesNow(true));
  });
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    open: () => { opened = true; write.fire(pending); pending = ''; },
    close: () => { subscription.dispose(); logs.dispose(); write.dispose(); },
  };
  const name = service ? vscode.l10n.t('Logs: {0} › {1}', project, service) : vscode.l10n.t('Logs: {0}', project);
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('output') });
  terminal.show();
  await logs.start(sourcesNow(false));
  await logs.sync(sourcesNow(true));
  return { terminal, lines };
}
