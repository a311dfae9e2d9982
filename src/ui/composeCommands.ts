// Compose commands: a project's Up, Down, Start, Stop, Restart, Pull and Logs; a service's Logs,
// Restart, Stop, Start and Scale; Up Selected Services and Up with Profiles. They act on a tree
// row (project or service), on compose files chosen in the Explorer (several files, and env files
// as --env-file), on a project name (tests, other extensions), or on a project picked from the
// palette. Every run is the user's own Compose (composeFind.ts) with an argument array, pointed at
// Wharf's engine, its output in a terminal of its own, its progress in a notification with Cancel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findCompose } from '../docker/composeFind';
import { COMPOSE_LABELS } from '../docker/composeModel';
import { composeFileKind, filesFor, profileNames, resolveProject, serviceNames, type ResolvedProject } from '../docker/composeProject';
import { composeArgs, composeEnvironment, lastLines, runCompose, type ComposeAction } from '../docker/composeRun';
import { withCancellableProgress } from './commands/progress';
import { openProjectLogs, openRunTerminal, displayArg } from './composeTerminals';
import { reportError, requireDocker, UserFacingError, type WharfContext } from './context';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** What a run gives back (tests assert on it; the walkthrough ignores it). */
export interface ComposeOutcome {
  project: string;
  args: string[];
  exitCode: number | null;
  cancelled: boolean;
  output: string;
}

interface Target {
  project: ResolvedProject;
  /** The service a service row stands for. */
  service?: string;
}

const isEnvFile = (file: string): boolean => /^\.env(?:\..+)?$|\.env$/.test(path.basename(file));

/** The compose files and env files of an Explorer selection, bases before overrides. */
export function projectFromFiles(files: string[]): ResolvedProject {
  const compose = files.filter((f) => composeFileKind(path.basename(f)) !== undefined);
  const envFiles = files.filter(isEnvFile);
  if (compose.length === 0) throw new UserFacingError(vscode.l10n.t('Choose a compose file (compose.yaml, docker-compose.yml, compose.*.yaml).'));
  const ordered = compose.length === 1 ? filesFor(compose[0])
    : [...compose.filter((f) => composeFileKind(path.basename(f)) === 'base'), ...compose.filter((f) => composeFileKind(path.basename(f)) === 'override')];
  return resolveProject({ files: ordered, envFiles });
}

function uriList(args: unknown[]): string[] | undefined {
  const [first, second] = args;
  const list = Array.isArray(second) && second.length > 0 ? second : first instanceof vscode.Uri ? [first] : [];
  const files = list.filter((u): u is vscode.Uri => u instanceof vscode.Uri && u.scheme === 'file').map((u) => u.fsPath);
  return files.length > 0 ? files : undefined;
}

/** The project of a name shown in the tree: its files, and its name pinned with -p. */
function projectByName(ctx: WharfContext, name: string): ResolvedProject {
  const facts = ctx.views.containers.projectFacts(name);
  if (facts.files.length === 0) {
    const labelled = facts.engine?.configFiles.join(', ');
    throw new UserFacingError(vscode.l10n.t('The compose files of project {0} are not in reach{1}.', name, labelled ? ` (${labelled})` : ''),
      vscode.l10n.t('Open the folder that holds them, or run the command on the compose file from the Explorer.'));
  }
  const ws = ctx.compose.project(name);
  return ws ?? resolveProject({ files: facts.files, envFiles: [], projectName: name });
}

async function pickProject(ctx: WharfContext, placeHolder: string): Promise<ResolvedProject | undefined> {
  await ctx.compose.settled();
  const store = ctx.sessions.current.store;
  const names = [...new Set([...ctx.compose.projects.map((p) => p.name), ...store.containers().flatMap((c) => (c.composeProject ? [c.composeProject] : []))])].sort();
  const items = names.map((name) => ({ name, facts: ctx.views.containers.projectFacts(name) })).filter((p) => p.facts.files.length > 0)
    .map((p) => ({ label: p.name, description: p.facts.workingDir, detail: p.facts.files.map((f) => path.basename(f)).join(', '), name: p.name }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Compose project found: the workspace has no compose.yaml or docker-compose.yml.'));
    return undefined;
  }
  const picked = await ctx.prompts.pick(items, { placeHolder, matchOnDescription: true });
  return picked ? projectByName(ctx, picked.name) : undefined;
}

/** What a command acts on, from whichever way it was invoked. */
async function target(ctx: WharfContext, args: unknown[], placeHolder: string): Promise<Target | undefined> {
  const files = uriList(args);
  if (files) return { project: projectFromFiles(files) };
  const [first] = args;
  if (typeof first === 'string') return { project: projectByName(ctx, first), service: typeof args[1] === 'string' ? args[1] : undefined };
  if (first && typeof first === 'object') {
    const node = first as { type?: string; project?: string; service?: string };
    if (node.type === 'project' && node.project) return { project: projectByName(ctx, node.project) };
    if (node.type === 'service' && node.project && node.service) return { project: projectByName(ctx, node.project), service: node.service };
  }
  const project = await pickProject(ctx, placeHolder);
  return project ? { project } : undefined;
}

const VERB_TITLES = (): Record<string, string> => ({
  up: vscode.l10n.t('Compose Up'), down: vscode.l10n.t('Compose Down'), start: vscode.l10n.t('Compose Start'), stop: vscode.l10n.t('Compose Stop'),
  restart: vscode.l10n.t('Compose Restart'), pull: vscode.l10n.t('Compose Pull'), scale: vscode.l10n.t('Compose Scale'),
});

/** Runs Compose for `project`; says what failed (with the tail of the output and a hint) and returns the outcome. */
export async function runProjectAction(ctx: WharfContext, project: ResolvedProject, action: ComposeAction): Promise<ComposeOutcome | undefined> {
  requireDocker(ctx);
  const endpoint = ctx.sessions.current.endpoint;
  const connection = ctx.sessions.current.store.connection;
  if (!endpoint || connection.status !== 'connected') throw new UserFacingError(vscode.l10n.t('Wharf is still connecting to the engine.'));
  const tool = findCompose({ engineKind: connection.engine.kind });
  if (!tool) {
    throw new UserFacingError(vscode.l10n.t('Compose is not installed.'),
      vscode.l10n.t('Install Docker Compose: the docker-compose-plugin package from Docker\'s repositories (or Docker Desktop) gives `docker compose`; Debian and Ubuntu also package `docker-compose`; for Podman, `podman-compose` works too.'));
  }
  const args = composeArgs(tool, project, action);
  const title = `${VERB_TITLES()[action.verb]} ${project.name}`;
  const run = openRunTerminal(title, [tool.file, ...args].map(displayArg).join(' '));
  const result = await withCancellableProgress(title, (sink) => runCompose(tool, args, {
    env: composeEnvironment(endpoint), cwd: project.workingDir, signal: sink.signal,
    onOutput: (text) => { run.write(text); const line = lastLines(text, 1); if (line) sink.message(line.slice(0, 120)); },
  }));
  const outcome: ComposeOutcome = { project: project.name, args, exitCode: result.exitCode, cancelled: result.cancelled, output: result.output };
  if (result.cancelled) run.write(`\n${vscode.l10n.t('[cancelled]')}\n`);
  else if (result.exitCode === 0) run.write(`\n${vscode.l10n.t('[done]')}\n`);
  else {
    run.write(`\n${vscode.l10n.t('[Compose exited with code {0}]', String(result.exitCode))}\n`);
    const show = vscode.l10n.t('Show Output');
    void ctx.prompts.notify(vscode.l10n.t('Wharf: {0} failed: {1}', title, lastLines(result.output, 3) || String(result.exitCode)), [show], 'error')
      .then((choice) => { if (choice === show) run.terminal.show(); });
  }
  return outcome;
}

/** A command that resolves its target, builds its action and runs it; failures are reported, never thrown. */
function projectCommand(ctx: WharfContext, placeHolder: () => string, action: (t: Target) => Promise<ComposeAction | undefined> | ComposeAction | undefined, what: string): Handler {
  return async (...args) => {
    try {
      const t = await target(ctx, args, placeHolder());
      if (!t) return undefined;
      const chosen = await action(t);
      return chosen ? await runProjectAction(ctx, t.project, chosen) : undefined;
    } catch (err) {
      reportComposeError(ctx, what, err);
      return undefined;
    }
  };
}

/**
 * A failure said in Wharf's words (Compose missing, files out of reach) goes through Prompts, which
 * records it for the tests; anything else is reported as every command reports it.
 */
function reportComposeError(ctx: WharfContext, what: string, err: unknown): void {
  if (!(err instanceof UserFacingError)) { reportError(ctx, what, err); return; }
  ctx.log.error(`${what}: ${err.message}${err.hint ? ` (${err.hint})` : ''}`);
  void ctx.prompts.notify(vscode.l10n.t('Wharf: {0}', err.hint ? `${err.message} ${err.hint}` : err.message), [], 'error');
}

/** The question Down asks, saying what goes and what stays. */
export function downQuestion(ctx: WharfContext, name: string): { message: string; detail: string } {
  const store = ctx.sessions.current.store;
  const containers = store.containers().filter((c) => c.composeProject === name).map((c) => c.name);
  const ofProject = (labels: Record<string, string>): boolean => labels[COMPOSE_LABELS.project] === name;
  const networks = store.networks().filter((n) => ofProject(n.labels)).map((n) => n.name);
  const volumes = store.volumes().filter((v) => ofProject(v.labels)).map((v) => v.name);
  const none = vscode.l10n.t('none');
  return {
    message: vscode.l10n.t('Take down Compose project {0}?', name),
    detail: [
      vscode.l10n.t('Removed: its containers ({0}) and its networks ({1}). Files the containers wrote outside volumes and their logs are lost.', containers.join(', ') || none, networks.join(', ') || none),
      vscode.l10n.t('Kept: its volumes ({0}), unless you choose Down and Remove Volumes, which deletes them and their data for good.', volumes.join(', ') || none),
      vscode.l10n.t('Kept: its images.'),
    ].join('\n\n'),
  };
}

export function composeCommands(ctx: WharfContext): Record<string, Handler> {
  const services = (t: Target): string[] | undefined => (t.service ? [t.service] : undefined);
  return {
    'wharf.compose.up': projectCommand(ctx, () => vscode.l10n.t('Up which Compose project?'), (t) => ({ verb: 'up', services: services(t) }), 'compose up'),
    'wharf.compose.upServices': projectCommand(ctx, () => vscode.l10n.t('Up services of which Compose project?'), async (t) => {
      const names = serviceNames(t.project.files);
      const picked = await ctx.prompts.pick(names.map((label) => ({ label })), { placeHolder: vscode.l10n.t('Which services of {0}? (their dependencies start too)', t.project.name), canPickMany: true });
      return picked && picked.length > 0 ? { verb: 'up', services: picked.map((p) => p.label) } : undefined;
    }, 'compose up services'),
    'wharf.compose.upProfiles': projectCommand(ctx, () => vscode.l10n.t('Up which Compose project with profiles?'), async (t) => {
      const names = profileNames(t.project.files);
      if (names.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('{0} defines no profiles.', t.project.name)); return undefined; }
      const picked = await ctx.prompts.pick(names.map((label) => ({ label })), { placeHolder: vscode.l10n.t('Which profiles to enable?'), canPickMany: true });
      return picked && picked.length > 0 ? { verb: 'up', profiles: picked.map((p) => p.label) } : undefined;
    }, 'compose up with profiles'),
    'wharf.compose.down': projectCommand(ctx, () => vscode.l10n.t('Take down which Compose project?'), async (t) => {
      const { message, detail } = downQuestion(ctx, t.project.name);
      const down = vscode.l10n.t('Down');
      const downVolumes = vscode.l10n.t('Down and Remove Volumes');
      const answer = await ctx.prompts.confirm(message, detail, vscode.l10n.t('Keep Project'), [down, downVolumes]);
      return answer ? { verb: 'down', removeVolumes: answer === downVolumes } : undefined;
    }, 'compose down'),
    'wharf.compose.start': projectCommand(ctx, () => vscode.l10n.t('Start which Compose project?'), (t) => ({ verb: 'start', services: services(t) }), 'compose start'),
    'wharf.compose.stop': projectCommand(ctx, () => vscode.l10n.t('Stop which Compose project?'), (t) => ({ verb: 'stop', services: services(t) }), 'compose stop'),
    'wharf.compose.restart': projectCommand(ctx, () => vscode.l10n.t('Restart which Compose project?'), (t) => ({ verb: 'restart', services: services(t) }), 'compose restart'),
    'wharf.compose.pull': projectCommand(ctx, () => vscode.l10n.t('Pull the images of which Compose project?'), (t) => ({ verb: 'pull', services: services(t) }), 'compose pull'),
    'wharf.compose.service.scale': projectCommand(ctx, () => vscode.l10n.t('Scale a service of which Compose project?'), async (t) => {
      const service = t.service ?? (await ctx.prompts.pick(serviceNames(t.project.files).map((label) => ({ label })), { placeHolder: vscode.l10n.t('Scale which service?') }))?.label;
      if (!service) return undefined;
      const now = ctx.sessions.current.store.containers().filter((c) => c.composeProject === t.project.name && c.labels[COMPOSE_LABELS.service] === service).length;
      const answer = await ctx.prompts.input({
        prompt: vscode.l10n.t('How many containers of {0}? (now {1})', service, String(now)), value: String(now || 1),
        validateInput: (v) => (/^\d{1,3}$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number from 0 to 999.')),
      });
      return answer === undefined ? undefined : { verb: 'scale', service, replicas: Number(answer.trim()) };
    }, 'compose scale'),
    'wharf.compose.logs': logsCommand(ctx),
    'wharf.compose.service.logs': logsCommand(ctx),
    'wharf.compose.service.start': projectCommand(ctx, () => vscode.l10n.t('Start which Compose project?'), (t) => ({ verb: 'start', services: services(t) }), 'compose start'),
    'wharf.compose.service.stop': projectCommand(ctx, () => vscode.l10n.t('Stop which Compose project?'), (t) => ({ verb: 'stop', services: services(t) }), 'compose stop'),
    'wharf.compose.service.restart': projectCommand(ctx, () => vscode.l10n.t('Restart which Compose project?'), (t) => ({ verb: 'restart', services: services(t) }), 'compose restart'),
  };
}

/** Logs need no files: the engine's containers of the project are enough. */
function logsCommand(ctx: WharfContext): Handler {
  return async (...args) => {
    try {
      const [first, second] = args;
      const node = first && typeof first === 'object' ? first as { type?: string; project?: string; service?: string } : undefined;
      let project = typeof first === 'string' ? first : node?.project;
      const service = typeof second === 'string' ? second : node?.type === 'service' ? node.service : undefined;
      if (!project) {
        const names = [...new Set(ctx.sessions.current.store.containers().flatMap((c) => (c.composeProject ? [c.composeProject] : [])))].sort();
        if (names.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('No Compose project has containers on this engine.')); return undefined; }
        project = (await ctx.prompts.pick(names.map((label) => ({ label })), { placeHolder: vscode.l10n.t('Show the logs of which Compose project?') }))?.label;
      }
      return project ? await openProjectLogs(ctx, project, service) : undefined;
    } catch (err) {
      reportComposeError(ctx, 'show compose logs', err);
      return undefined;
    }
  };
}
