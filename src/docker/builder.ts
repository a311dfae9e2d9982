// Which builder an engine's /build uses for Wharf: BuildKit where the engine has it (Docker with
// API 1.39+ on Linux), the engine's own builder elsewhere (Podman's Buildah, older or Windows
// engines). And what the BuildKit builder's built-in Dockerfile frontend accepts: 1.4+ syntax
// (heredocs, --link) is built in from Docker Engine 23 on.
import type Docker from 'dockerode';
import type { RequestOptions } from './request';
import { systemVersion } from './system';

export interface BuilderChoice {
  kind: 'buildkit' | 'classic';
  /** The engine as users know it, e.g. "Docker Engine 20.10.24" or "Podman Engine 4.3.1". */
  engine: string;
  /** Whether the builder accepts Dockerfile frontend 1.4 syntax (heredocs, COPY --link) as is. */
  frontend14: boolean;
  /** Why the classic builder, when it is. */
  reason?: string;
}

function apiAtLeast(version: string | undefined, minimum: [number, number]): boolean {
  const [major, minor] = (version ?? '0.0').split('.').map(Number);
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

/** The decision from a /version answer (pure, so the rules can be tested on captured answers). */
export function builderFor(version: Docker.DockerVersion): BuilderChoice {
  const components = (version as { Components?: { Name?: string; Version?: string }[] }).Components ?? [];
  const podman = components.find((c) => /podman/i.test(c.Name ?? ''));
  if (podman) {
    // Buildah reads heredocs and --link from 1.33, which Podman ships from 4.8 on.
    const [major, minor] = (podman.Version ?? version.Version).split('.').map(Number);
    return { kind: 'classic', engine: `Podman Engine ${podman.Version ?? version.Version}`, frontend14: major > 4 || (major === 4 && minor >= 8), reason: 'Podman builds with its own builder (Buildah)' };
  }
  const engine = `Docker Engine ${version.Version.split('+')[0]}`;
  if (!apiAtLeast(version.ApiVersion, [1, 39])) return { kind: 'classic', engine, frontend14: false, reason: `API ${version.ApiVersion} is older than 1.39, the first with BuildKit` };
  if (version.Os && version.Os !== 'linux') return { kind: 'classic', engine, frontend14: false, reason: `BuildKit through the API needs a Linux engine (this one is ${version.Os})` };
  return { kind: 'buildkit', engine, frontend14: Number(version.Version.split('.')[0]) >= 23 };
}

export async function chooseBuilder(docker: Docker, options: RequestOptions = {}): Promise<BuilderChoice> {
  return builderFor(await systemVersion(docker, options));
}
