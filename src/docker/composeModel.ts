// Compose projects as the engine shows them: derived from the store's containers and their
// com.docker.compose.* labels on every read, never kept. Compose v1 and podman-compose write
// config_files relative to the working folder, v2 absolute; both are given back absolute.
import * as path from 'node:path';
import type { ContainerModel } from './model';

export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
} as const;

export interface ComposeServiceView {
  name: string;
  /** Its containers, replicas by number (one-off `compose run` containers last). */
  containers: ContainerModel[];
  running: number;
}

export interface ComposeProjectView {
  name: string;
  /** Absolute, as the labels say; undefined when no container carries it. */
  workingDir?: string;
  /** Absolute paths of the files the containers were created from. */
  configFiles: string[];
  services: ComposeServiceView[];
  running: number;
  total: number;
}

/** The absolute compose files a container's labels name (v1: relative to the working folder; v2: absolute). */
export function configFilesOf(labels: Record<string, string>): string[] {
  const raw = labels[COMPOSE_LABELS.configFiles];
  if (!raw) return [];
  const workingDir = labels[COMPOSE_LABELS.workingDir];
  return raw.split(',').map((f) => f.trim()).filter(Boolean)
    .map((f) => (path.isAbsolute(f) || !workingDir ? f : path.join(workingDir, f)));
}

function replicaNumber(container: ContainerModel): number {
  if (container.labels[COMPOSE_LABELS.oneoff]?.toLowerCase() === 'true') return Number.MAX_SAFE_INTEGER;
  const n = Number(container.labels[COMPOSE_LABELS.number]);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER - 1;
}

/** One project's view from the containers carrying its label; undefined when none does. */
export function composeProject(containers: readonly ContainerModel[], name: string): ComposeProjectView | undefined {
  const members = containers.filter((c) => c.composeProject === name);
  if (members.length === 0) return undefined;
  const byService = new Map<string, ContainerModel[]>();
  for (const c of members) {
    const service = c.labels[COMPOSE_LABELS.service] ?? '';
    byService.set(service, [...(byService.get(service) ?? []), c]);
  }
  const services = [...byService].sort(([a], [b]) => a.localeCompare(b)).map(([service, list]) => ({
    name: service,
    containers: [...list].sort((a, b) => replicaNumber(a) - replicaNumber(b) || a.name.localeCompare(b.name)),
    running: list.filter((c) => c.state === 'running').length,
  }));
  // The newest container says best where the project lives now (a folder may have moved).
  const newest = [...members].sort((a, b) => b.createdAt - a.createdAt)[0];
  return {
    name,
    workingDir: newest.labels[COMPOSE_LABELS.workingDir] || undefined,
    configFiles: configFilesOf(newest.labels),
    services,
    running: members.filter((c) => c.state === 'running').length,
    total: members.length,
  };
}

/** Every project on the engine, by name. */
export function composeProjects(containers: readonly ContainerModel[]): ComposeProjectView[] {
  const names = [...new Set(containers.flatMap((c) => (c.composeProject ? [c.composeProject] : [])))].sort((a, b) => a.localeCompare(b));
  return names.map((name) => composeProject(containers, name)!);
}
