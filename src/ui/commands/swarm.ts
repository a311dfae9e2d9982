// The Swarm commands: services, stacks, nodes, secrets and configs, and the engine's membership
// (Init, Join, Leave). Each acts on the clicked row or asks which; each returns what it did, so
// the host tests assert on real results. Values of secrets and configs are sent to the engine
// and never logged, shown or returned.
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NodeModel, ServiceModel, StackModel, SwarmDataModel } from '../../docker/swarm/model';
import { advertiseChoices, initSwarm, joinSwarm, joinTokens, leaveSwarm } from '../../docker/swarm/membership';
import { removeNode, setNodeAvailability, setNodeRole } from '../../docker/swarm/nodes';
import { serviceLogs, type ServiceLogLine } from '../../docker/swarm/serviceLogs';
import { createService, removeService, rollbackService, scaleService, updateServiceImage, type MountSpec } from '../../docker/swarm/services';
import { parsePort } from '../../docker/swarm/stackPlan';
import { deployStack, removeStack, type StackResult } from '../../docker/swarm/stacks';
import { createSwarmData, removeSwarmData, type SwarmDataKind } from '../../docker/swarm/swarmData';
import { serviceProblem } from '../../docker/swarm/swarmErrors';
import type { SwarmStore } from '../../docker/swarm/swarmStore';
import { reportError, requireDocker, UserFacingError, type WharfContext } from '../context';
import type { SwarmDataNode, SwarmNodeNode, StackNode, SwarmTreeNode } from '../tree/swarmTree';

type Handler = (...args: unknown[]) => Promise<unknown>;

const listOf = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** "name:/target", "/host/path:/target:ro", "./dir:/target": a named volume or a bind mount. */
export function parseMount(text: string): MountSpec {
  const [source, target, mode] = text.split(':');
  if (!source || !target?.startsWith('/')) throw new Error(vscode.l10n.t('"{0}" is not source:/target[:ro]', text));
  const bind = source.startsWith('/') || source.startsWith('.');
  return { type: bind ? 'bind' : 'volume', source: bind ? path.resolve(source) : source, target, readOnly: mode === 'ro' };
}

/** The swarm store of a manager, or a user-facing error saying why there is none. */
function managerStore(ctx: WharfContext): SwarmStore {
  const store = ctx.swarm.current;
  const state = store?.membership?.state;
  if (store && state === 'manager') return store;
  throw new UserFacingError(state === 'worker' ? vscode.l10n.t('This engine is a swarm worker: only a manager can show or change the swarm.') : vscode.l10n.t('This engine is not in a swarm.'),
    state === 'worker' ? vscode.l10n.t('Connect Wharf to a manager of the swarm.') : vscode.l10n.t('Initialize a swarm on it, or join one (Swarm view).'));
}

/** Waits for the swarm store to show `check` true, re-asked on each of its changes; rejects on cancel. */
function whenSwarm<T>(ctx: WharfContext, check: () => T | undefined, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const value = check();
      if (value === undefined) return false;
      subscription.dispose();
      resolve(value);
      return true;
    };
    const subscription = ctx.swarm.onDidChange(() => { done(); });
    signal?.addEventListener('abort', () => { subscription.dispose(); reject(new vscode.CancellationError()); }, { once: true });
    done();
  });
}

export function swarmCommands(ctx: WharfContext): Record<string, Handler> {
  const docker = (): ReturnType<typeof requireDocker> => requireDocker(ctx);
  const guarded = (action: string, run: Handler): Handler => async (...args) => {
    try {
      return await run(...args);
    } catch (err) {
      reportError(ctx, action, err);
      return undefined;
    }
  };

  const pickService = async (arg: unknown, placeHolder: string): Promise<ServiceModel | undefined> => {
    const store = managerStore(ctx);
    const node = arg as SwarmTreeNode | undefined;
    if (node?.type === 'swarmService') return store.service(node.id);
    if (node?.type === 'task') return store.service(node.serviceId);
    const picked = await ctx.prompts.pick(store.services().map((s) => ({ label: s.name, description: s.image, service: s })), { placeHolder });
    return picked?.service;
  };
  const pickNode = async (arg: unknown, placeHolder: string): Promise<NodeModel | undefined> => {
    const store = managerStore(ctx);
    const node = arg as SwarmNodeNode | undefined;
    if (node?.type === 'node') return store.nodes().find((n) => n.id === node.id);
    const picked = await ctx.prompts.pick(store.nodes().map((n) => ({ label: n.hostname, description: `${n.role} · ${n.availability}`, node: n })), { placeHolder });
    return picked?.node;
  };
  const pickStack = async (arg: unknown): Promise<StackModel | undefined> => {
    const store = managerStore(ctx);
    const node = arg as StackNode | undefined;
    if (node?.type === 'stack') return store.stacks().find((s) => s.name === node.name);
    const picked = await ctx.prompts.pick(store.stacks().map((s) => ({ label: s.name, description: vscode.l10n.t('{0} services', s.services.length), stack: s })), { placeHolder: vscode.l10n.t('Remove which stack?') });
    return picked?.stack;
  };
  const pickData = async (kind: SwarmDataKind, arg: unknown): Promise<SwarmDataModel | undefined> => {
    const store = managerStore(ctx);
    const node = arg as SwarmDataNode | undefined;
    const list = kind === 'secret' ? store.secrets() : store.configs();
    if (node?.type === kind) return list.find((d) => d.id === node.id);
    const picked = await ctx.prompts.pick(list.map((d) => ({ label: d.name, data: d })), { placeHolder: kind === 'secret' ? vscode.l10n.t('Remove which secret?') : vscode.l10n.t('Remove which config?') });
    return picked?.data;
  };

  /** Follows a rolling update (or rollback) in a notification until the engine says it ended. */
  const followUpdate = async (service: ServiceModel, title: string, start: () => Promise<void>, rollback: boolean): Promise<string> => {
    const before = service.updateStartedAt;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        await start();
        const ends = rollback ? ['rollback_completed', 'rollback_paused'] : ['completed', 'paused', 'rollback_completed', 'rollback_paused'];
        return await whenSwarm(ctx, () => {
          const now = ctx.swarm.current?.service(service.id);
          if (!now) return 'removed';
          const tasks = ctx.swarm.current?.tasks(service.id).filter((t) => t.desiredState === 'running') ?? [];
          const done = tasks.filter((t) => t.state === 'running' && t.image === now.image).length;
          progress.report({ message: vscode.l10n.t('{0}/{1} tasks on {2}', done, now.desired ?? tasks.length, now.image) });
          return now.updateStartedAt !== before && now.updateState && ends.includes(now.updateState) ? now.updateState : undefined;
        }, abort.signal);
      } finally {
        cancelled.dispose();
      }
    });
  };

  return {
    'wharf.swarm.refresh': guarded('refresh the swarm', async () => { await ctx.swarm.current?.refresh(); return ctx.swarm.current?.membership?.state; }),

    'wharf.swarm.init': guarded('initialize a swarm', async () => {
      const endpoint = ctx.sessions.current.endpoint;
      if (!endpoint) throw new UserFacingError(vscode.l10n.t('Wharf is still connecting to the engine.'));
      const choices = advertiseChoices(endpoint, os.networkInterfaces());
      const picked = await ctx.prompts.pick(choices.map((c) => ({ label: c.address, description: c.loopback ? vscode.l10n.t('{0}, loopback: this machine only', c.interface) : c.interface, choice: c })), { placeHolder: vscode.l10n.t('Advertise which address to the other nodes?') });
      if (!picked) return undefined;
      const listenAddr = await ctx.prompts.input({
        prompt: vscode.l10n.t('Listen for other nodes on (address:port)'), value: `${picked.choice.loopback ? picked.label : '0.0.0.0'}:2377`,
        validateInput: (v) => (/^[^\s:]+:\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('Write address:port, for example 0.0.0.0:2377')),
      });
      if (!listenAddr) return undefined;
      const nodeId = await initSwarm(docker(), { advertiseAddr: picked.label, listenAddr: listenAddr.trim() });
      await ctx.swarm.current?.refresh();
      const tokens = await joinTokens(docker());
      const joinCommand = `docker swarm join --token ${tokens.worker} ${picked.label}:${listenAddr.trim().split(':').pop()}`;
      void ctx.prompts.notify(vscode.l10n.t('Swarm initialized: this engine is its manager. Workers join with: {0}', joinCommand), [vscode.l10n.t('Copy Join Command')]).then((button) => {
        if (button) void vscode.env.clipboard.writeText(joinCommand);
      });
      return { nodeId, joinCommand };
    }),

    'wharf.swarm.join': guarded('join the swarm', async () => {
      const managerAddress = await ctx.prompts.input({ prompt: vscode.l10n.t('Address of a manager of the swarm (host:port)'), validateInput: (v) => (/^[^\s:]+:\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('Write host:port, for example 192.168.1.10:2377')) });
      if (!managerAddress) return undefined;
      const token = await ctx.prompts.input({ prompt: vscode.l10n.t('Join token (docker swarm join-token worker, on a manager)'), password: true, validateInput: (v) => (v.trim().startsWith('SWMTKN-') ? undefined : vscode.l10n.t('A join token starts with SWMTKN-')) });
      if (!token) return undefined;
      await joinSwarm(docker(), { token: token.trim(), managerAddress: managerAddress.trim(), listenAddr: undefined });
      await ctx.swarm.current?.refresh();
      return ctx.swarm.current?.membership?.state;
    }),

    'wharf.swarm.leave': guarded('leave the swarm', async () => {
      const state = ctx.swarm.current?.membership?.state;
      const leave = vscode.l10n.t('Leave');
      const force = vscode.l10n.t('Leave with Force');
      const manager = state === 'manager';
      const answer = await ctx.prompts.confirm(vscode.l10n.t('Leave the swarm?'), manager
        ? vscode.l10n.t('This engine is a manager. The engine refuses to let the last manager leave (the swarm would be lost): Leave with Force removes the swarm\'s services, secrets and configs from this engine for good. A manager of a larger swarm should be demoted first.')
        : vscode.l10n.t('This engine stops running the swarm\'s tasks; the managers reschedule them elsewhere.'), vscode.l10n.t('Stay'), manager ? [leave, force] : [leave]);
      if (!answer) return undefined;
      await leaveSwarm(docker(), answer === force);
      await ctx.swarm.current?.refresh();
      return ctx.swarm.current?.membership?.state;
    }),

    'wharf.swarm.service.create': guarded('create a service', async () => {
      managerStore(ctx);
      const tags = ctx.sessions.current.store.images().flatMap((i) => i.repoTags).filter((t) => !t.startsWith('<none>'));
      const image = await ctx.prompts.input({ prompt: vscode.l10n.t('Image of the service (every node must have it or pull it)'), value: tags[0] ?? '', validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('An image is needed')) });
      if (!image) return undefined;
      const base = image.trim().split('/').pop()?.split(/[:@]/)[0]?.replace(/[^a-z0-9-]/gi, '-') ?? 'service';
      const name = await ctx.prompts.input({ prompt: vscode.l10n.t('Service name'), value: base, validateInput: (v) => (/^[a-z0-9][\w.-]{0,62}$/i.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, - _ . (at most 63)')) });
      if (!name) return undefined;
      const replicas = await ctx.prompts.input({ prompt: vscode.l10n.t('Replicas'), value: '1', validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number')) });
      if (replicas === undefined) return undefined;
      const ports = await ctx.prompts.input({ prompt: vscode.l10n.t('Published ports, comma-separated (published:target[/udp]); empty for none'), value: '', validateInput: (v) => { try { listOf(v).forEach(parsePort); return undefined; } catch (err) { return (err as Error).message; } } });
      if (ports === undefined) return undefined;
      const env = await ctx.prompts.input({ prompt: vscode.l10n.t('Environment, comma-separated KEY=value; empty for none'), value: '', validateInput: (v) => (listOf(v).every((e) => /^[^=\s]+=/.test(e)) ? undefined : vscode.l10n.t('Write KEY=value pairs')) });
      if (env === undefined) return undefined;
      const mounts = await ctx.prompts.input({ prompt: vscode.l10n.t('Mounts, comma-separated (volume:/target, /host/path:/target[:ro]); empty for none'), value: '', validateInput: (v) => { try { listOf(v).forEach(parseMount); return undefined; } catch (err) { return (err as Error).message; } } });
      if (mounts === undefined) return undefined;
      const constraints = await ctx.prompts.input({ prompt: vscode.l10n.t('Placement constraints, comma-separated (node.role == manager); empty for none'), value: '', validateInput: (v) => (listOf(v).every((c) => /[=!]=/.test(c)) ? undefined : vscode.l10n.t('Each constraint compares with == or !=')) });
      if (constraints === undefined) return undefined;
      const id = await createService(docker(), {
        name: name.trim(), image: image.trim(), replicas: Number(replicas), ports: listOf(ports).map(parsePort), env: listOf(env), mounts: listOf(mounts).map(parseMount), constraints: listOf(constraints),
      });
      ctx.log.info(`created service ${name.trim()} (${id}) of ${image.trim()}`);
      return id;
    }),

    'wharf.swarm.service.scale': guarded('scale the service', async (arg) => {
      const service = await pickService(arg, vscode.l10n.t('Scale which service?'));
      if (!service) return undefined;
      if (service.mode !== 'replicated') throw new UserFacingError(vscode.l10n.t('{0} is a global service: it runs one task per node and cannot be scaled.', service.name));
      const answer = await ctx.prompts.input({ prompt: vscode.l10n.t('Replicas of {0}', service.name), value: String(service.replicas ?? 1), validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number')) });
      if (answer === undefined) return undefined;
      await scaleService(docker(), service.id, Number(answer));
      return Number(answer);
    }),

    'wharf.swarm.service.updateImage': guarded('update the service', async (arg) => {
      const service = await pickService(arg, vscode.l10n.t('Update the image of which service?'));
      if (!service) return undefined;
      const image = await ctx.prompts.input({ prompt: vscode.l10n.t('New image for {0} (tasks are replaced one at a time)', service.name), value: service.image, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('An image is needed')) });
      if (!image) return undefined;
      const outcome = await followUpdate(service, vscode.l10n.t('Updating {0} to {1}', service.name, image.trim()), () => updateServiceImage(docker(), service.id, image.trim()), false);
      if (outcome !== 'completed') {
        const problem = serviceProblem(ctx.swarm.current?.tasks(service.id) ?? []);
        void ctx.prompts.notify(vscode.l10n.t('The update of {0} ended as {1}. {2}', service.name, outcome, problem ? `${problem.message} ${problem.hint ?? ''}` : ctx.swarm.current?.service(service.id)?.updateMessage ?? ''), [], 'warning');
      }
      return outcome;
    }),

    'wharf.swarm.service.rollback': guarded('roll back the service', async (arg) => {
      const service = await pickService(arg, vscode.l10n.t('Roll back which service?'));
      if (!service) return undefined;
      if (!service.hasPreviousSpec) throw new UserFacingError(vscode.l10n.t('{0} has no previous version to roll back to.', service.name));
      return followUpdate(service, vscode.l10n.t('Rolling back {0}', service.name), () => rollbackService(docker(), service.id), true);
    }),

    'wharf.swarm.service.remove': guarded('remove the service', async (arg) => {
      const service = await pickService(arg, vscode.l10n.t('Remove which service?'));
      if (!service) return undefined;
      const running = (ctx.swarm.current?.tasks(service.id) ?? []).filter((t) => t.state === 'running').length;
      const remove = vscode.l10n.t('Remove');
      const answer = await ctx.prompts.confirm(vscode.l10n.t('Remove service {0}?', service.name), vscode.l10n.t('Its {0} running tasks stop and their containers are removed, on every node. Its volumes, secrets and configs are kept.', running), vscode.l10n.t('Keep'), [remove]);
      if (answer !== remove) return undefined;
      await removeService(docker(), service.id);
      return service.id;
    }),

    'wharf.swarm.service.logs': guarded('show the service\'s logs', async (arg) => {
      const service = await pickService(arg, vscode.l10n.t('Show the logs of which service?'));
      if (!service) return undefined;
      return openServiceLogs(ctx, service);
    }),

    'wharf.swarm.stack.deploy': guarded('deploy the stack', async (arg) => {
      managerStore(ctx);
      const endpoint = ctx.sessions.current.endpoint;
      if (!endpoint) throw new UserFacingError(vscode.l10n.t('Wharf is still connecting to the engine.'));
      let file = arg instanceof vscode.Uri ? arg : undefined;
      if (!file) {
        const found = await vscode.workspace.findFiles('**/{docker-compose,compose,*stack*}*.{yml,yaml}', '**/node_modules/**', 50);
        const picked = await ctx.prompts.pick(found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { placeHolder: vscode.l10n.t('Deploy which compose file as a stack?') });
        file = picked?.uri;
      }
      if (!file) return undefined;
      const suggested = path.basename(path.dirname(file.fsPath)).toLowerCase().replace(/[^a-z0-9_-]/g, '');
      const name = await ctx.prompts.input({ prompt: vscode.l10n.t('Stack name'), value: suggested, validateInput: (v) => (/^[a-z0-9][\w-]*$/i.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, - and _')) });
      if (!name) return undefined;
      const result: StackResult = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying stack {0}', name.trim()) }, () => deployStack(docker(), endpoint, name.trim(), file.fsPath));
      ctx.log.info(`deploy stack ${name.trim()} (${result.route === 'cli' ? 'docker stack deploy' : 'the Docker API'}):\n${result.output}`);
      void ctx.prompts.notify(result.route === 'cli' ? vscode.l10n.t('Stack {0} deployed with the docker CLI (docker stack deploy).', name.trim()) : vscode.l10n.t('Stack {0} deployed through the Docker API (no docker CLI found).', name.trim()), []);
      return { name: name.trim(), ...result };
    }),

    'wharf.swarm.stack.remove': guarded('remove the stack', async (arg) => {
      const stack = await pickStack(arg);
      if (!stack) return undefined;
      const endpoint = ctx.sessions.current.endpoint;
      if (!endpoint) throw new UserFacingError(vscode.l10n.t('Wharf is still connecting to the engine.'));
      const remove = vscode.l10n.t('Remove Stack');
      const answer = await ctx.prompts.confirm(vscode.l10n.t('Remove stack {0}?', stack.name), vscode.l10n.t('Its services ({0}) stop on every node and are removed with the stack\'s networks, secrets and configs. Volumes are kept.', stack.services.map((s) => s.name).join(', ')), vscode.l10n.t('Keep'), [remove]);
      if (answer !== remove) return undefined;
      const result = await removeStack(docker(), endpoint, stack.name);
      ctx.log.info(`remove stack ${stack.name} (${result.route === 'cli' ? 'docker stack rm' : 'the Docker API'}):\n${result.output}`);
      return { name: stack.name, ...result };
    }),

    'wharf.swarm.node.drain': guarded('drain the node', nodeAvailability('drain')),
    'wharf.swarm.node.activate': guarded('activate the node', nodeAvailability('active')),
    'wharf.swarm.node.pause': guarded('pause the node', nodeAvailability('pause')),
    'wharf.swarm.node.promote': guarded('promote the node', nodeRole('manager')),
    'wharf.swarm.node.demote': guarded('demote the node', nodeRole('worker')),
    'wharf.swarm.node.remove': guarded('remove the node', async (arg) => {
      const node = await pickNode(arg, vscode.l10n.t('Remove which node?'));
      if (!node) return undefined;
      const remove = vscode.l10n.t('Remove');
      const force = vscode.l10n.t('Force Remove');
      const up = node.status === 'ready';
      const answer = await ctx.prompts.confirm(vscode.l10n.t('Remove node {0} from the swarm?', node.hostname), up
        ? vscode.l10n.t('The node is up: the engine removes only a node that is down or has left. Force Remove takes it out anyway; its engine keeps running its containers outside the swarm.')
        : vscode.l10n.t('The node is down; its tasks are rescheduled on the other nodes.'), vscode.l10n.t('Keep'), up ? [force] : [remove]);
      if (!answer) return undefined;
      await removeNode(docker(), node.id, answer === force);
      return node.id;
    }),

    'wharf.swarm.secret.create': guarded('create the secret', swarmDataCreate('secret')),
    'wharf.swarm.secret.remove': guarded('remove the secret', swarmDataRemove('secret')),
    'wharf.swarm.config.create': guarded('create the config', swarmDataCreate('config')),
    'wharf.swarm.config.remove': guarded('remove the config', swarmDataRemove('config')),
  };

  function nodeAvailability(availability: NodeModel['availability']): Handler {
    return async (arg) => {
      const node = await pickNode(arg, vscode.l10n.t('Which node?'));
      if (!node) return undefined;
      await setNodeAvailability(docker(), node.id, availability);
      return node.id;
    };
  }

  function nodeRole(role: NodeModel['role']): Handler {
    return async (arg) => {
      const node = await pickNode(arg, role === 'manager' ? vscode.l10n.t('Promote which node to manager?') : vscode.l10n.t('Demote which manager to worker?'));
      if (!node) return undefined;
      await setNodeRole(docker(), node.id, role);
      return node.id;
    };
  }

  /** A value from a file (an explorer file's menu, or the file picker) or typed into a masked box: never logged. */
  function swarmDataCreate(kind: SwarmDataKind): Handler {
    return async (arg) => {
      managerStore(ctx);
      let file = arg instanceof vscode.Uri ? arg : undefined;
      let typed: string | undefined;
      if (!file) {
        const fromFile = vscode.l10n.t('Read the value from a file…');
        const fromInput = vscode.l10n.t('Type the value');
        const source = await ctx.prompts.pick([{ label: fromFile }, { label: fromInput }], { placeHolder: kind === 'secret' ? vscode.l10n.t('Where is the secret\'s value?') : vscode.l10n.t('Where is the config\'s value?') });
        if (!source) return undefined;
        if (source.label === fromFile) {
          file = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: vscode.l10n.t('Use as Value') }))?.[0];
          if (!file) return undefined;
        } else {
          typed = await ctx.prompts.input({ prompt: vscode.l10n.t('Value (sent to the engine only, never shown again)'), password: true });
          if (typed === undefined) return undefined;
        }
      }
      const name = await ctx.prompts.input({ prompt: kind === 'secret' ? vscode.l10n.t('Secret name') : vscode.l10n.t('Config name'), value: file ? path.basename(file.fsPath).replace(/[^\w.-]/g, '_') : '', validateInput: (v) => (/^[a-z0-9][\w.-]{0,63}$/i.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, - _ . (at most 64)')) });
      if (!name) return undefined;
      const value = file ? await readFile(file.fsPath) : Buffer.from(typed ?? '', 'utf8');
      const id = await createSwarmData(docker(), kind, name.trim(), value);
      ctx.log.info(`created ${kind} ${name.trim()} (${id})`);
      return id;
    };
  }

  function swarmDataRemove(kind: SwarmDataKind): Handler {
    return async (arg) => {
      const data = await pickData(kind, arg);
      if (!data) return undefined;
      const remove = vscode.l10n.t('Remove');
      const users = managerStore(ctx).services().filter((s) => s.secrets.includes(data.name)).map((s) => s.name);
      const answer = await ctx.prompts.confirm(kind === 'secret' ? vscode.l10n.t('Remove secret {0}?', data.name) : vscode.l10n.t('Remove config {0}?', data.name),
        users.length ? vscode.l10n.t('Services using it: {0}. The engine refuses while a service uses it.', users.join(', ')) : vscode.l10n.t('Its value is gone for good: the engine never gives it back.'), vscode.l10n.t('Keep'), [remove]);
      if (answer !== remove) return undefined;
      await removeSwarmData(docker(), kind, data.id);
      return data.id;
    };
  }
}

export interface ServiceLogsView { readonly terminal: vscode.Terminal; readonly lines: readonly ServiceLogLine[] }

/** A terminal following a service's logs: every task's lines, interleaved, each prefixed "task@node |". */
function openServiceLogs(ctx: WharfContext, service: ServiceModel): ServiceLogsView {
  const lines: ServiceLogLine[] = [];
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  let handle: { dispose(): void } | undefined;
  let closed = false;
  const colors = ['36', '32', '33', '35', '34', '31'];
  const colorOf = new Map<string, string>();
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: () => {
      const store = ctx.swarm.current;
      serviceLogs(requireDocker(ctx), service.id, (line) => {
        lines.push(line);
        if (!colorOf.has(line.task)) colorOf.set(line.task, colors[colorOf.size % colors.length]);
        write.fire(`\x1b[${colorOf.get(line.task)}m${line.task}@${line.node}\x1b[0m | ${line.text}\r\n`);
      }, { follow: true, tail: 500, serviceName: service.name, tasks: () => store?.tasks(service.id) ?? [], nodes: () => store?.nodes() ?? [] }).then((h) => {
        if (closed) h.dispose(); else handle = h;
        void h.done.then(() => write.fire(`\r\n${vscode.l10n.t('[the log stream ended]')}\r\n`));
      }, (err: unknown) => {
        reportError(ctx, `read the logs of service ${service.name}`, err);
        write.fire(`${String((err as Error).message)}\r\n`);
      });
    },
    close: () => { closed = true; handle?.dispose(); write.dispose(); close.dispose(); },
  };
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Service Logs: {0}', service.name), pty, iconPath: new vscode.ThemeIcon('output') });
  terminal.show();
  return { terminal, lines };
}
