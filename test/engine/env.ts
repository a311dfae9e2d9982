// Where the engine tier finds the real engines the harness (scripts/test.mjs) started.
// Tests read these; they never start or stop engines themselves.
import Docker from 'dockerode';
import { createServer, type AddressInfo } from 'node:net';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the engine tier through \`npm test\` (scripts/test.mjs), which starts the engines.`);
  return value;
}

/** unix:///…/docker.sock of the private dockerd. */
export const dockerHost = (): string => required('WHARF_TEST_DOCKER_HOST');
/** unix:///…/podman.sock of Podman's Docker-compatible API service. */
export const podmanHost = (): string => required('WHARF_TEST_PODMAN_HOST');
/** The containers.conf and storage.conf that point a `podman` CLI (podman-compose's) at that Podman. */
export const podmanConf = (): string => required('WHARF_TEST_PODMAN_CONF');
export const podmanStorageConf = (): string => required('WHARF_TEST_PODMAN_STORAGE_CONF');
/** unix:///…/docker.sock of the dockerd the Swarm suites make a swarm of (and leave). */
export const swarmHost = (): string => required('WHARF_TEST_SWARM_HOST');
/** 127.0.0.1:PORT of the local registry (no auth). */
export const registryAddress = (): string => required('WHARF_TEST_REGISTRY');

/** A small image built FROM scratch with busybox, present in both engines: sh, sleep, echo, httpd… */
export const TEST_IMAGE = 'wharf-test/busybox:latest';

export function socketPath(host: string): string {
  return host.replace(/^unix:\/\//, '');
}

/** A raw dockerode client, for setting up and observing state independently of src/docker. */
export function rawDocker(host = dockerHost()): Docker {
  return new Docker({ socketPath: socketPath(host) });
}

/** Runs `command` in a throwaway container of `image` on `docker` and returns its stdout. */
export async function outputOf(image: string, command: string[], docker: Docker = rawDocker()): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: command, name: uniqueName('probe') });
  try {
    await container.start();
    await container.wait();
    const logs = await container.logs({ stdout: true, stderr: false });
    // Not a TTY: strip the 8-byte multiplexing headers.
    let out = '';
    for (let i = 0; i < logs.length;) {
      const size = logs.readUInt32BE(i + 4);
      out += logs.subarray(i + 8, i + 8 + size).toString();
      i += 8 + size;
    }
    return out;
  } finally {
    await container.remove({ force: true });
  }
}

/** A name unique to this run, so tests never collide with each other or leftovers. */
export function uniqueName(prefix: string): string {
  return `wharf-test-${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a test to publish or serve on:
 * never a fixed number, so two runs can share a machine.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The registries with auth (scripts/lib/registries.mjs): htpasswd and bearer tokens, one user for both. */
export function authRegistries(): { basic: string; token: string; user: string; password: string } {
  return {
    basic: required('WHARF_TEST_BASIC_REGISTRY'),
    token: required('WHARF_TEST_TOKEN_REGISTRY'),
    user: required('WHARF_TEST_REGISTRY_USER'),
    password: required('WHARF_TEST_REGISTRY_PASSWORD'),
  };
}
