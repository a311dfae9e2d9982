// Engine-wide facts: info (with its OCI runtimes), version, disk usage.
import type Docker from 'dockerode';
import type { RuntimeInfo } from './model';
import { engineRequest, type RequestOptions } from './request';

// dockerode 5 forwards abortSignal for these; its (v4) type definitions do not declare the option.
function withSignal(call: (...args: never[]) => unknown): (abortSignal: AbortSignal) => Promise<unknown> {
  return (abortSignal) => (call as (options: { abortSignal: AbortSignal }) => Promise<unknown>)({ abortSignal });
}

export interface EngineInfoAnswer {
  Runtimes?: Record<string, { path?: string; runtimeArgs?: string[] }>;
  DefaultRuntime?: string;
  /** The daemon's labels as "key=value" strings; Podman answers null. */
  Labels?: unknown;
  [key: string]: unknown;
}

/** The runtimes an engine offers, the default one marked; Podman may report none. */
export function runtimesOf(info: EngineInfoAnswer): RuntimeInfo[] {
  return Object.entries(info.Runtimes ?? {})
    .map(([name, runtime]) => ({ name, path: runtime.path, isDefault: name === info.DefaultRuntime }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}

/**
 * The daemon's labels ("key=value" strings in /info, as dockerd --label gives them) as a record;
 * a label without "=" maps to "", and of a key given twice the later value wins.
 */
export function engineLabelsOf(info: EngineInfoAnswer): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const label of Array.isArray(info.Labels) ? info.Labels : []) {
    if (typeof label !== 'string' || !label) continue;
    const at = label.indexOf('=');
    if (at === 0) continue;
    if (at < 0) labels[label] = '';
    else labels[label.slice(0, at)] = label.slice(at + 1);
  }
  return labels;
}

export interface SystemInfo {
  /** The engine's full /info answer, for the inspect view. */
  raw: Record<string, unknown>;
  runtimes: RuntimeInfo[];
  defaultRuntime?: string;
  labels: Record<string, string>;
  containers: number;
  images: number;
  serverVersion: string;
  operatingSystem: string;
}

export async function systemInfo(docker: Docker, options: RequestOptions = {}): Promise<SystemInfo> {
  const info = (await engineRequest('read the engine info', (abortSignal) => withSignal(docker.info.bind(docker))(abortSignal), options)) as EngineInfoAnswer;
  return {
    raw: info,
    runtimes: runtimesOf(info),
    defaultRuntime: info.DefaultRuntime,
    labels: engineLabelsOf(info),
    containers: Number(info.Containers ?? 0),
    images: Number(info.Images ?? 0),
    serverVersion: String(info.ServerVersion ?? ''),
    operatingSystem: String(info.OperatingSystem ?? ''),
  };
}

export function systemVersion(docker: Docker, options: RequestOptions = {}): Promise<Docker.DockerVersion> {
  return engineRequest('read the engine version', (abortSignal) => withSignal(docker.version.bind(docker))(abortSignal) as Promise<Docker.DockerVersion>, options);
}

export interface DiskUsage {
  imagesSize: number;
  /** Writable layers of containers. */
  containersSize: number;
  volumesSize: number;
  buildCacheSize: number;
  layersSize: number;
  raw: Record<string, unknown>;
}

/** /system/df: the engine computes sizes, which can take a while on a big host. */
export async function diskUsage(docker: Docker, options: RequestOptions = {}): Promise<DiskUsage> {
  const df = (await engineRequest('read the disk usage', (abortSignal) => withSignal(docker.df.bind(docker))(abortSignal), { deadlineMs: 120_000, ...options })) as {
    LayersSize?: number;
    Images?: Array<{ Size?: number }>;
    Containers?: Array<{ SizeRw?: number }>;
    Volumes?: Array<{ UsageData?: { Size?: number } }>;
    BuildCache?: Array<{ Size?: number }>;
  };
  const sum = (values: Array<number | undefined>): number => values.reduce<number>((total, v) => total + (v && v > 0 ? v : 0), 0);
  return {
    imagesSize: sum((df.Images ?? []).map((i) => i.Size)),
    containersSize: sum((df.Containers ?? []).map((c) => c.SizeRw)),
    volumesSize: sum((df.Volumes ?? []).map((v) => v.UsageData?.Size)),
    buildCacheSize: sum((df.BuildCache ?? []).map((b) => b.Size)),
    layersSize: df.LayersSize ?? 0,
    raw: df as Record<string, unknown>,
  };
}
