// The messages between a Stats panel (extension host) and its page (webview), both ways. The
// page draws what it is given; the engine is only ever asked by the host.

/** The figures of one container at one moment (cumulative counters as the engine reports them). */
export interface StatsFigures {
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

export type HostToPage =
  /** What the panel shows: a container (with its processes) or a Compose project (its running containers summed). */
  | { type: 'init'; kind: 'container' | 'project'; title: string }
  /** Once a second while the panel is visible: the sum, and each container's latest figures. */
  | { type: 'sample'; at: number; total: StatsFigures; containers: Array<{ name: string } & StatsFigures> }
  /** The engine's process list (`ps -ef` columns); `canSignal` when the image has `kill` (and `ls`). */
  | { type: 'processes'; titles: string[]; rows: string[][]; canSignal: boolean; at: number }
  /** Nothing runs (the container stopped, the project has no running container). */
  | { type: 'idle'; message: string }
  | { type: 'error'; message: string };

export type PageToHost =
  | { type: 'ready' }
  | { type: 'refreshProcesses' }
  /** Send a signal to the process with this host PID (the host asks which signal). */
  | { type: 'signal'; pid: number };

/** The page's words, translated by the host and handed over in the markup's data-strings attribute. */
export interface StatsStrings {
  cpu: string;
  memory: string;
  network: string;
  blockIo: string;
  received: string;
  sent: string;
  read: string;
  written: string;
  used: string;
  limit: string;
  processes: string;
  refresh: string;
  signal: string;
  signalTo: string;
  noSignal: string;
  containers: string;
  name: string;
  pids: string;
  updated: string;
  perSecond: string;
}
