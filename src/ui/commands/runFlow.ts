// The Run flow: image, name, ports, environment, runtime as one multi-step input with a step
// counter and Back (what was typed is kept when going back). Each answer is checked at its own
// step against the live store: a name in use or a port already published is said where it was
// typed, not by the engine after the last step. Any image reference is accepted; one that is not
// local is pulled (with progress) by the run itself. Afterwards the new row is revealed and
// selected, and the logs and published port are offered.
import * as vscode from 'vscode';
import { runContainer } from '../../docker/containers';
import { parseEnvInput, type EnvProblem } from '../../docker/envInput';
import { withDefaultTag } from '../../docker/images';
import type { ContainerModel, RuntimeInfo } from '../../docker/model';
import type { RunSpec } from '../../docker/runOptions';
import { maskKeyedValue } from '../../docker/secrets';
import { isImageReference } from '../../lint/reference';
import { reportError, requireDocker, type WharfContext } from '../context';
import { portUrl, publishedPorts } from '../display/containerText';
import { formatSize, shortId } from '../display/format';
import { usableTags } from '../display/imageText';
import type { StepVerdict } from '../multiStep';
import { BACK } from '../prompts';
import { withCancellableProgress } from './progress';
import { containerNameProblem, orderRuntimes, parsePorts, takenPort, type NameProblem, type PortProblem } from './runInputs';

export const referenceProblem = (text: string): string | undefined => (isImageReference(text.trim()) ? undefined : vscode.l10n.t('Not an image reference (like busybox:1.36 or registry:5000/team/app:tag).'));

function nameMessage(problem: NameProblem): string {
  return problem.kind === 'taken'
    ? vscode.l10n.t('A container named {0} exists already: pick another name, or leave it empty and the engine picks one.', problem.name)
    : vscode.l10n.t('Use letters, digits, "_", "." and "-", starting with a letter or digit (two characters at least).');
}

function portMessage(problem: PortProblem): string {
  switch (problem.kind) {
    case 'syntax': return vscode.l10n.t('"{0}" is not a port mapping (HOST:CONTAINER, IP:HOST:CONTAINER or CONTAINER[/udp]).', problem.entry);
    case 'range': return vscode.l10n.t('"{0}": ports are 1–65535.', problem.entry);
    case 'taken': return vscode.l10n.t('Host port {0} is already published by {1}: pick another, or leave the host port out and the engine picks a free one (like 80).', problem.entry, problem.container);
  }
}

export function envMessage(problem: EnvProblem): string {
  const at = problem.offset + 1;
  switch (problem.kind) {
    case 'unclosedQuote': return vscode.l10n.t('The quote {0} at character {1} is never closed.', problem.quote, at);
    case 'trailingBackslash': return vscode.l10n.t('The backslash at the end escapes nothing: remove it, or write \\\\ for a backslash.');
    case 'notAName': return vscode.l10n.t('"{0}" (character {1}) is neither NAME=VALUE nor NAME: a name is letters, digits and "_", not starting with a digit.', problem.word, at);
    case 'expansion': return vscode.l10n.t('Wharf does not expand $ or ` (character {0}): put the value in single quotes to pass it as written.', at);
    case 'operator': return vscode.l10n.t('"{0}" at character {1} would end the command in a shell: quote the value that holds it.', problem.character, at);
  }
}

/** The host environment a bare NAME reads (the extension host's, like the docker CLI's own). */
const hostValue = (name: string): string | undefined => process.env[name];

/** What the env step read, shown under the box before it is accepted; secret-looking values masked. */
function envPreview(text: string): StepVerdict {
  const parsed = parseEnvInput(text, hostValue);
  if (!parsed.ok) return { message: envMessage(parsed.problem), severity: 'error' };
  const { env, fromHost, unsetOnHost } = parsed.input;
  if (Object.keys(env).length === 0 && unsetOnHost.length === 0) return undefined;
  const shown = Object.entries(env).map(([name, value]) => (fromHost.includes(name) ? vscode.l10n.t('{0} (this machine\'s value)', name) : `${name}=${JSON.stringify(maskKeyedValue(name, value))}`));
  const parts = [vscode.l10n.t('Sets {0}', shown.join(', ') || '—')];
  if (unsetOnHost.length > 0) parts.push(vscode.l10n.t('Not set on this machine, so left out: {0}', unsetOnHost.join(', ')));
  return { message: parts.join('. '), severity: 'info' };
}

interface RunAnswers { image?: string; name: string; ports: string; env: string; runtime?: RuntimeInfo }
type StepResult = 'next' | typeof BACK | undefined;

/** The Run flow. `image` given (a row, a build): its step is skipped. Returns the spec, or undefined when cancelled. */
export async function askRunSpec(ctx: WharfContext, image?: string): Promise<RunSpec | undefined> {
  const store = ctx.sessions.current.store;
  const connection = store.connection;
  const runtimes = connection.status === 'connected' ? orderRuntimes(connection.runtimes, connection.defaultRuntime) : [];
  const answers: RunAnswers = { image, name: '', ports: '', env: '' };
  const steps: Array<(place: { step: number; totalSteps: number; title: string }) => Promise<StepResult>> = [];

  if (image === undefined) {
    steps.push(async (place) => {
      const local = store.images().flatMap((i) => usableTags(i).map((reference) => ({ label: reference, description: `${shortId(i.id)} · ${formatSize(i.size)}` })));
      const isLocal = (reference: string): boolean => store.images().some((i) => i.repoTags.includes(withDefaultTag(reference)));
      const picked = await ctx.prompts.pickStep(local, {
        ...place,
        placeholder: vscode.l10n.t('Image to run: pick a local one, or type any reference (pulled when it is not local)'),
        value: answers.image && !local.some((i) => i.label === answers.image) ? answers.image : undefined,
        active: local.find((i) => i.label === answers.image),
        typed: (text) => (isImageReference(text)
          ? { item: { label: text, description: isLocal(text) ? vscode.l10n.t('local') : vscode.l10n.t('not local: pulled from its registry first') } }
          : { problem: vscode.l10n.t('Not an image reference (like busybox:1.36 or registry:5000/team/app:tag).') }),
      });
      if (picked === BACK || picked === undefined) return picked;
      answers.image = picked.label;
      return 'next';
    });
  }
  steps.push(async (place) => {
    const name = await ctx.prompts.inputStep({ ...place, prompt: vscode.l10n.t('Container name (empty: the engine picks one)'), value: answers.name, validate: (text) => {
      const problem = containerNameProblem(text.trim(), store.containers());
      return problem && { message: nameMessage(problem), severity: 'error' };
    } });
    if (name === BACK || name === undefined) return name;
    answers.name = name;
    return 'next';
  });
  steps.push(async (place) => {
    const ports = await ctx.prompts.inputStep({ ...place, prompt: vscode.l10n.t('Published ports, e.g. 8080:80, 127.0.0.1:8443:443 (empty: none)'), value: answers.ports, validate: (text) => {
      const parsed = parsePorts(text);
      const problem = parsed.ok ? takenPort(parsed.ports, store.containers()) : parsed.problem;
      return problem && { message: portMessage(problem), severity: 'error' };
    } });
    if (ports === BACK || ports === undefined) return ports;
    answers.ports = ports;
    return 'next';
  });
  steps.push(async (place) => {
    const env = await ctx.prompts.inputStep({ ...place, prompt: vscode.l10n.t('Environment as in a shell: MODE=dev GREETING="hello world" TOKEN (a bare name passes this machine\'s value; empty: none)'), value: answers.env, validate: envPreview });
    if (env === BACK || env === undefined) return env;
    answers.env = env;
    return 'next';
  });
  if (runtimes.length > 1) {
    steps.push(async (place) => {
      const items = runtimes.map((r) => ({ label: r.name, description: r.isDefault ? vscode.l10n.t('the engine\'s default') : r.path, runtime: r }));
      const picked = await ctx.prompts.pickStep(items, { ...place, placeholder: vscode.l10n.t('OCI runtime'), active: items.find((i) => i.runtime === (answers.runtime ?? runtimes[0])) });
      if (picked === BACK || picked === undefined) return picked;
      answers.runtime = picked.runtime;
      return 'next';
    });
  }

  for (let index = 0; index < steps.length;) {
    const title = answers.image
      ? vscode.l10n.t('Run {0}: Run makes a fresh container (Start keeps a stopped one\'s state)', answers.image)
      : vscode.l10n.t('Run an image: Run makes a fresh container (Start keeps a stopped one\'s state)');
    const result = await steps[index]({ step: index + 1, totalSteps: steps.length, title });
    if (result === undefined) return undefined;
    index = result === BACK ? Math.max(0, index - 1) : index + 1;
  }

  // Every step checked its own answer; these reads cannot fail now.
  const ports = parsePorts(answers.ports);
  const env = parseEnvInput(answers.env, hostValue);
  return {
    image: answers.image!,
    name: answers.name.trim() || undefined,
    ports: ports.ok ? ports.ports : [],
    env: env.ok ? env.input.env : {},
    runtime: answers.runtime && !answers.runtime.isDefault ? answers.runtime.name : undefined,
  };
}

/**
 * Runs a spec with a cancellable notification (the image may have to be pulled first), then
 * shows the new container. Resolves with its id, or undefined when cancelled or failed (reported).
 */
export async function runWithProgress(ctx: WharfContext, spec: RunSpec): Promise<string | undefined> {
  const id = await withCancellableProgress(vscode.l10n.t('Running {0}', spec.image), async (sink) => {
    try {
      const result = await runContainer(requireDocker(ctx), spec, { signal: sink.signal, onPullProgress: sink.report });
      return result.id;
    } catch (err) {
      reportError(ctx, `run ${spec.image}`, err);
      return undefined;
    }
  });
  if (id) await showRunContainer(ctx, id);
  return id;
}

/** How long the new container may take to reach the store (its events are read within milliseconds). */
const STORE_WAIT_MS = 10_000;

/** Reveals and selects the new row, then offers its logs and (for a published port) the browser. */
async function showRunContainer(ctx: WharfContext, id: string): Promise<void> {
  // Started, as the store sees it: the row then shows its state and its published ports.
  const container = await storeState(ctx, id, (c) => c.state !== 'created');
  if (!container) return;
  // The new row's arrival refreshed the whole tree; a reveal before the workbench has listed the
  // rows again is answered with rows the extension host has forgotten, and the selection is lost.
  await ctx.views.containers.settled();
  if (ctx.views.containersView.visible) await ctx.views.containers.rowsListed();
  const node = ctx.views.containers.nodeFor(id);
  if (node) await Promise.resolve(ctx.views.containersView.reveal(node, { select: true, focus: true })).catch((err: unknown) => ctx.log.warn(`reveal ${id}: ${String(err)}`));
  const logs = vscode.l10n.t('Show Logs');
  const browse = vscode.l10n.t('Open in Browser');
  const hasUrl = container.state === 'running' && publishedPorts(container).some((p) => p.protocol === 'tcp' && portUrl(p, ctx.config.browserHost));
  const message = container.state === 'running'
    ? vscode.l10n.t('{0} is running.', container.name)
    : vscode.l10n.t('{0} has stopped already ({1}).', container.name, container.state);
  void ctx.prompts.notify(message, hasUrl ? [logs, browse] : [logs]).then((choice) => {
    if (choice === logs) return vscode.commands.executeCommand('wharf.container.logs', id);
    if (choice === browse) return vscode.commands.executeCommand('wharf.container.openPort', id);
    return undefined;
  }).then(undefined, (err: unknown) => reportError(ctx, `open ${container.name}`, err));
}

/** The container once `ready` holds for it in the store; undefined if it is gone or never arrives. */
function storeState(ctx: WharfContext, id: string, ready: (c: ContainerModel) => boolean): Promise<ContainerModel | undefined> {
  const store = ctx.sessions.current.store;
  return new Promise((resolve) => {
    // Not in the store yet: on its way (its create event). Seen and then gone: removed already.
    let seen = false;
    const check = (): void => {
      const c = store.container(id);
      if (c) seen = true;
      if (c ? ready(c) : seen) finish(c);
    };
    const subscription = store.onDidChange(check);
    const timer = setTimeout(() => finish(store.container(id)), STORE_WAIT_MS);
    const finish = (c: ContainerModel | undefined): void => { clearTimeout(timer); subscription.dispose(); resolve(c); };
    check();
  });
}
