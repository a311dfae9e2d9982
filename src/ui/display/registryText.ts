// How registries, their repositories and tags are shown and named. Pure functions, no vscode.
import type { PlatformManifest, TagDetails } from '../../docker/registry';
import { splitReference } from './imageText';
import { formatAge, formatSize } from './format';

/** Docker Hub's name for people; every other registry by its address. */
export function registryLabel(registry: string): string {
  return registry === 'docker.io' ? 'Docker Hub' : registry;
}

/** What `docker pull` takes for a registry's tag: Docker Hub's without its host and "library/". */
export function tagReference(registry: string, repository: string, tag: string): string {
  if (registry !== 'docker.io') return `${registry}/${repository}:${tag}`;
  return `${repository.startsWith('library/') ? repository.slice('library/'.length) : repository}:${tag}`;
}

export function platformText(p: Pick<PlatformManifest, 'os' | 'architecture' | 'variant'>): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** "sha256:0123456789ab · 1.2 MB · linux/amd64, linux/arm64 · 3 days ago". */
export function tagDescription(details: TagDetails, now = Date.now()): string {
  return [
    details.digest.slice(0, 'sha256:'.length + 12),
    details.size !== undefined ? formatSize(details.size) : '',
    details.platforms.map(platformText).join(', '),
    details.created ? formatAge(details.created.getTime(), now) : '',
  ].filter(Boolean).join(' · ');
}

/** Tags with the highest version-looking names first ("10.0" before "9.1"), as people look for the newest. */
export function sortTags(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

/**
 * The reference an image gets for a push to `registry`: its repository path kept, its own
 * registry host replaced; on Docker Hub a name without a namespace goes under the account's.
 */
export function pushTarget(reference: string, registry: string, account?: string): string {
  const { repository, tag } = splitReference(reference);
  const slash = repository.indexOf('/');
  const first = slash >= 0 ? repository.slice(0, slash) : '';
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
  let path = hasHost ? repository.slice(slash + 1) : repository;
  if (registry === 'docker.io') {
    if (path.startsWith('library/')) path = path.slice('library/'.length);
    if (!path.includes('/') && account) path = `${account}/${path}`;
    return `${path}:${tag}`;
  }
  return `${registry}/${path}:${tag}`;
}
