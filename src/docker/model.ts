// The shapes of engine state that the rest of Wharf reads. The store (store.ts) is the one place
// these live; views derive from them and keep no copies. Objects are immutable snapshots: an
// update replaces the object, so identity changes mean "this changed".
// Times are epoch milliseconds; display text ("Up 5 minutes") is computed when shown, never stored.
import type { UnreachableDiagnosis } from './diagnosis';

export type EngineKind = 'docker' | 'podman';

export interface EngineInfo {
  kind: EngineKind;
  /** Engine version, e.g. "20.10.24" or "4.3.1". */
  version: string;
  /** The API version negotiated for requests, e.g. "1.41". */
  apiVersion: string;
  os: string;
  arch: string;
  /** Where we talk to it, for display: "unix:///var/run/docker.sock". */
  endpoint: string;
}

export interface RuntimeInfo { name: string; path?: string; isDefault: boolean }

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type HealthState = 'starting' | 'healthy' | 'unhealthy';

export interface PortBinding { containerPort: number; protocol: 'tcp' | 'udp' | 'sctp'; hostIp?: string; hostPort?: number }
export interface MountSummary { type: string; name?: string; source: string; destination: string; readOnly: boolean }

export interface ContainerModel {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  health?: HealthState;
  /** Epoch ms: whole seconds from the list, exact once an inspect (an event) has given it. */
  createdAt: number;
  /** When the current run started (running/paused/restarting), if known. */
  startedAt?: number;
  /** When it last stopped (exited/dead), if known. */
  finishedAt?: number;
  exitCode?: number;
  ports: PortBinding[];
  mounts: MountSummary[];
  labels: Record<string, string>;
  networks: string[];
  /** label com.docker.compose.project, for grouping. */
  composeProject?: string;
  /**
   * True when startedAt/finishedAt were estimated from the list answer's status text (the list
   * has no timestamps); the container's next event replaces them by exact times.
   */
  timesApproximate?: boolean;
  /** The estimate's +/- error in ms, when timesApproximate. */
  timesToleranceMs?: number;
}

export interface ImageModel {
  id: string;
  /** "repo:tag" references; empty for a dangling image. */
  repoTags: string[];
  repoDigests: string[];
  createdAt: number;
  size: number;
  labels: Record<string, string>;
  /** Number of containers using it, when the engine reports it (-1 unknown). */
  containers: number;
}

export interface VolumeModel { name: string; driver: string; mountpoint: string; createdAt?: number; labels: Record<string, string>; scope: string }
export interface NetworkModel { id: string; name: string; driver: string; scope: string; internal: boolean; createdAt?: number; labels: Record<string, string> }

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | {
    status: 'connected'; engine: EngineInfo; runtimes: RuntimeInfo[]; defaultRuntime?: string;
    /** The daemon's own labels (dockerd --label key=value), e.g. wharf.demo=true on `npm start`'s demo engine. */
    labels: Record<string, string>;
  }
  | {
    status: 'unreachable'; code: string; message: string; hint?: string; retryAt?: number;
    /** Why, as a class, and which address from where (diagnosis.ts). */
    diagnosis?: UnreachableDiagnosis;
  };

export type ObjectKind = 'container' | 'image' | 'volume' | 'network';

/** What changed, so a view refreshes only the rows it must. `ids` empty with `all` true: resync. */
export interface StoreChange {
  kind: ObjectKind | 'connection';
  /** Ids (names for volumes) added, updated or removed. */
  added: string[];
  updated: string[];
  removed: string[];
  all?: boolean;
}

export interface Disposable { dispose(): void }

/** The live model of one engine: list once, then the /events stream keeps it current. */
export interface EngineStore extends Disposable {
  readonly connection: ConnectionState;
  /**
   * The current session's container list is in, though the session may still be connecting (the
   * other lists, /info and /version come after it): what the first rows need, and all they wait for.
   */
  readonly containersListed?: boolean;
  containers(): readonly ContainerModel[];
  container(id: string): ContainerModel | undefined;
  images(): readonly ImageModel[];
  image(id: string): ImageModel | undefined;
  volumes(): readonly VolumeModel[];
  networks(): readonly NetworkModel[];
  /** Listener is called after a coalesced batch of changes has been applied. */
  onDidChange(listener: (changes: StoreChange[]) => void): Disposable;
  /** Full resync now (the Refresh command); resolves once the model equals the engine's lists. */
  refresh(): Promise<void>;
  /** Resolves once connected and the first full load is in (or rejects with the typed error). */
  ready(): Promise<void>;
  /**
   * Someone is looking at the engine's state: after a long silence, check (one /_ping) that the
   * engine still answers, and end the session if not. Sends nothing otherwise. Never rejects.
   */
  confirmLive(): Promise<void>;
}
