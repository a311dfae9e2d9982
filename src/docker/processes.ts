// Signals to one process in a container: the image's own `kill`, run by exec with argv (never a
// shell), found once by stat through the archive API. The engine's kill endpoint only reaches the
// container's main process; any other process needs a tool inside the container.
//
// The engine's process list (GET …/top, `ps` on the engine's host) names processes by their host
// PIDs, which `kill` inside the container does not know. The container's own PIDs are read from
// its /proc (the image's `ls`, by exec) and matched by rank: the kernel hands out PIDs in both
// namespaces at the same fork, in increasing order in each, so the n-th oldest process has the
// n-th smallest PID in both (until a namespace's PIDs wrap around at pid_max, ~4 million forks).
// When the two lists do not have the same length (a process came or went meanwhile) nothing is sent.
import type Docker from 'dockerode';
import { findTool } from './containerFiles';
import { execCollect, type ProcessList } from './containers';
import type { RequestOptions } from './request';

/** The signals offered for a process, by name, as `kill -<NAME>` takes them. */
export const PROCESS_SIGNALS = ['TERM', 'INT', 'HUP', 'QUIT', 'USR1', 'USR2', 'STOP', 'CONT', 'KILL'] as const;
export type ProcessSignal = (typeof PROCESS_SIGNALS)[number];

/** The tools a signal needs in the image; undefined when it lacks one (no signal is offered then). */
export interface SignalTools { kill: string; ls: string }

export async function findSignalTools(docker: Docker, id: string, options: RequestOptions = {}): Promise<SignalTools | undefined> {
  const [kill, ls] = await Promise.all([findTool(docker, id, 'kill', options), findTool(docker, id, 'ls', options)]);
  return kill && ls ? { kill, ls } : undefined;
}

/** The host PIDs of the engine's process list, in its PID column. */
export function hostPids(list: ProcessList): number[] {
  const column = list.titles.indexOf('PID');
  if (column < 0) return [];
  return list.processes.map((row) => Number(row[column])).filter((pid) => Number.isInteger(pid) && pid > 0);
}

/**
 * The container PID of the process with host PID `hostPid`, matched by rank (see above), or
 * undefined when the lists do not line up.
 */
export function containerPidFor(hostPid: number, hostList: number[], containerList: number[]): number | undefined {
  if (hostList.length !== containerList.length || !hostList.includes(hostPid)) return undefined;
  const rank = [...hostList].sort((a, b) => a - b).indexOf(hostPid);
  return [...containerList].sort((a, b) => a - b)[rank];
}

/** The container's PIDs as it sees them (its /proc), leaving out the `ls` that read them. */
async function containerPids(docker: Docker, id: string, ls: string, options: RequestOptions): Promise<number[]> {
  const result = await execCollect(docker, id, { command: [ls, '/proc'], user: '0' }, options);
  if (result.exitCode !== 0) throw new Error(`ls /proc failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  const pids = result.stdout.split(/\s+/).filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => a - b);
  // The newest process is the ls itself.
  return pids.slice(0, -1);
}

/**
 * Sends `signal` to the process the engine's list names `hostPid`: read the container's PIDs,
 * match, then `kill -<SIGNAL> <pid>` in the container. Throws when the match is not certain.
 */
export async function signalProcess(docker: Docker, id: string, tools: SignalTools, list: ProcessList, hostPid: number, signal: ProcessSignal, options: RequestOptions = {}): Promise<number> {
  if (!PROCESS_SIGNALS.includes(signal)) throw new Error(`Not a signal Wharf sends: ${String(signal)}.`);
  const pid = containerPidFor(hostPid, hostPids(list), await containerPids(docker, id, tools.ls, options));
  if (pid === undefined) throw new Error('The container\'s processes changed since the list was read: refresh it and try again.');
  const result = await execCollect(docker, id, { command: [tools.kill, `-${signal}`, String(pid)], user: '0' }, options);
  if (result.exitCode !== 0) throw new Error(`kill -${signal} ${pid} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`);
  return pid;
}
