// A service's logs through the API (GET /services/{id}/logs): every task's output interleaved as
// the engine merges it, each line told apart by the task and node it came from. `details=true`
// makes the engine put "com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,
// com.docker.swarm.task.id=…" and a space before each line; those ids are named here.
import type Docker from 'dockerode';
import type { RequestOptions } from '../request';
import { demux, OutputDecoder, type OutputStream } from '../streams';
import { swarmStream } from './api';
import type { NodeModel, TaskModel } from './model';

export interface ServiceLogLine {
  stream: OutputStream;
  /** "web.2" (replicated) or "web.<node id>" (global), as `docker service logs` names tasks. */
  task: string;
  /** The node's hostname, or its short id when the node is unknown. */
  node: string;
  text: string;
}

export interface ServiceLogsHandle { readonly done: Promise<void>; dispose(): void }

export interface ServiceLogsOptions extends RequestOptions {
  follow?: boolean;
  tail?: number;
  serviceName: string;
  /** The tasks and nodes known now (from the swarm store), to name the ids in each line. */
  tasks: () => readonly TaskModel[];
  nodes: () => readonly NodeModel[];
}

/** Splits "attrs text" into the named parts; a line without the attributes is kept whole. */
export function parseDetailedLine(line: string, names: { serviceName: string; tasks: readonly TaskModel[]; nodes: readonly NodeModel[] }): Omit<ServiceLogLine, 'stream'> {
  const space = line.indexOf(' ');
  const head = space < 0 ? line : line.slice(0, space);
  const attrs = new Map(head.split(',').map((pair) => pair.split('=', 2) as [string, string]).filter((pair) => pair.length === 2));
  const taskId = attrs.get('com.docker.swarm.task.id');
  const nodeId = attrs.get('com.docker.swarm.node.id');
  if (!taskId && !nodeId) return { task: names.serviceName, node: '', text: line };
  const task = names.tasks.find((t) => t.id === taskId);
  const node = names.nodes.find((n) => n.id === nodeId);
  const suffix = task?.slot !== undefined ? String(task.slot) : (task?.nodeId ?? taskId ?? '').slice(0, 12);
  return { task: `${names.serviceName}.${suffix}`, node: node?.hostname ?? (nodeId ?? '').slice(0, 12), text: space < 0 ? '' : line.slice(space + 1) };
}

export async function serviceLogs(docker: Docker, serviceId: string, onLine: (line: ServiceLogLine) => void, options: ServiceLogsOptions): Promise<ServiceLogsHandle> {
  const closer = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, closer.signal]) : closer.signal;
  const stream = await swarmStream(docker, `/services/${encodeURIComponent(serviceId)}/logs`, {
    stdout: true, stderr: true, details: true, follow: !!options.follow, ...(options.tail !== undefined ? { tail: options.tail } : {}),
  }, `read the logs of service ${options.serviceName}`, { ...options, signal });
  const partial: Record<OutputStream, string> = { stdout: '', stderr: '' };
  const emit = (which: OutputStream, text: string): void => {
    const lines = (partial[which] + text).split('\n');
    partial[which] = lines.pop() ?? '';
    for (const line of lines) onLine({ stream: which, ...parseDetailedLine(line.replace(/\r$/, ''), { serviceName: options.serviceName, tasks: options.tasks(), nodes: options.nodes() }) });
  };
  const decoder = new OutputDecoder(emit);
  demux(docker, stream, (which, data) => decoder.push(which, data));
  const done = new Promise<void>((resolve) => {
    const finish = (): void => {
      decoder.end();
      for (const which of ['stdout', 'stderr'] as const) if (partial[which]) emit(which, '\n');
      resolve();
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
  return { done, dispose: () => { closer.abort(); stream.destroy(); } };
}
