// Starts the private engines the engine, host and e2e tiers talk to, each in a temp folder of
// its own so that a user's daemon, images and firewall are never touched:
//  - dockerd with its own socket, data-root, exec-root, pidfile, bridge (wharf-owned) and
//    --iptables=false (published ports go through docker-proxy on 127.0.0.1);
//  - Podman's Docker-compatible API service with private storage (--root/--runroot);
//  - a local registry (distribution) on a free 127.0.0.1 port.
// Every start returns a stop(); callers stop all of them on success, failure and Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, openSync, rmSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import Docker from 'dockerode';

export const TEST_IMAGE = 'wharf-test/busybox:latest';
const BUSYBOX_APPLETS = ['sh', 'sleep', 'echo', 'cat', 'ls', 'env', 'top', 'ps', 'nc', 'httpd', 'wget', 'true', 'false', 'id', 'hostname', 'kill', 'touch', 'mkdir', 'rm', 'grep', 'head', 'tail', 'date', 'seq', 'printf', 'test', 'uname', 'whoami'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function unixGet(socketPath, path, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = request({ socketPath, path, method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => { req.destroy(); resolve(0); });
    req.end();
  });
}

async function waitFor(what, check, { timeoutMs, child, logFile }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) break;
    if (await check()) return;
    await sleep(150);
  }
  const tail = logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`${what} did not come up within ${timeoutMs / 1000}s${child?.exitCode !== null && child ? ` (exited with ${child.exitCode})` : ''}.\n${tail}`);
}

function startProcess(cmd, args, { logFile, env }) {
  const fd = openSync(logFile, 'a');
  // detached: its own process group, so Ctrl-C in the terminal reaches us first and we stop it in order.
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, detached: true });
  child.unref();
  return child;
}

async function stopProcess(child, { graceMs = 20000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(child.pid, 'SIGTERM'); } catch { return; }
  const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    await Promise.race([exited, sleep(2000)]);
  }
}

/**
 * `env` with docker clients (Wharf too) pointed at `host` alone (without `host`: at its own
 * DOCKER_HOST, if any): no docker context or TLS setting of the user's applies.
 */
export function pointedAt(env, host) {
  const pointed = { ...env };
  if (host) pointed.DOCKER_HOST = host;
  delete pointed.DOCKER_CONTEXT;
  delete pointed.DOCKER_TLS_VERIFY;
  delete pointed.DOCKER_CERT_PATH;
  return pointed;
}

/** Unmounts whatever is still mounted below dir (overlay layers, shm, netns) before removal. */
function unmountBelow(dir) {
  if (!existsSync('/proc/self/mounts')) return;
  const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m && m.startsWith(dir + '/'));
  for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
}

function removeTree(dir) {
  unmountBelow(dir);
  try { rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort: a temp folder */ }
}

// A bridge of our own (a /24 in 10.231/16) keeps a private daemon off docker0. The /24 is picked
// by pid, skipping those on an interface already: `npm start`'s demo engine and the tests' engine
// (other processes, other checkouts) may run side by side.
function createBridge(name) {
  const shown = spawnSync('ip', ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' }).stdout ?? '';
  const used = new Set([...shown.matchAll(/inet 10\.231\.(\d+)\./g)].map((m) => Number(m[1])));
  const third = Array.from({ length: 250 }, (_, i) => ((process.pid + i) % 250) + 1).find((n) => !used.has(n));
  if (third === undefined) throw new Error('no free /24 left in 10.231.0.0/16 for a private bridge');
  spawnSync('ip', ['link', 'del', name], { stdio: 'ignore' });
  for (const args of [['link', 'add', 'name', name, 'type', 'bridge'], ['addr', 'add', `10.231.${third}.1/24`, 'dev', name], ['link', 'set', name, 'up']]) {
    const r = spawnSync('ip', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr}`);
  }
  return () => spawnSync('ip', ['link', 'del', name], { stdio: 'ignore' });
}

/**
 * A private dockerd in `root`. `labels` ("key=value") become the daemon's own labels, which
 * /info reports: how Wharf tells the tests' engine and `npm start`'s demo engine apart.
 * `register(stop)` is called as soon as dockerd is spawned, so that a Ctrl-C while it comes up
 * stops it too; stop() may run more than once.
 */
export async function startDockerd(root, log, { labels = [], register = () => {} } = {}) {
  mkdirSync(root, { recursive: true });
  const socket = join(root, 'docker.sock');
  const logFile = join(root, 'dockerd.log');
  const bridge = `wharf${process.pid % 100000}`;
  const deleteBridge = createBridge(bridge);
  const child = startProcess('dockerd', [
    '--host', `unix://${socket}`, '--data-root', join(root, 'data'), '--exec-root', join(root, 'exec'),
    '--pidfile', join(root, 'docker.pid'), '--ip', '127.0.0.1', '--bridge', bridge, '--iptables=false',
    '--storage-driver', 'overlay2', ...labels.flatMap((label) => ['--label', label]),
  ], { logFile });
  const stop = async () => {
    await stopProcess(child, { graceMs: 30000 });
    deleteBridge();
    removeTree(root);
  };
  register(stop);
  try {
    await waitFor('dockerd', async () => (await unixGet(socket, '/_ping')) === 200, { timeoutMs: 60000, child, logFile });
  } catch (e) { await stop(); throw e; }
  log(`dockerd up on unix://${socket} (bridge ${bridge})`);
  return { host: `unix://${socket}`, socket, logFile, pid: child.pid, bridge, stop };
}

export async function startPodman(root, log) {
  mkdirSync(root, { recursive: true });
  const socket = join(root, 'podman.sock');
  const logFile = join(root, 'podman.log');
  const conf = join(root, 'containers.conf');
  // Without these ulimits, running a container fails here with "error setting rlimit".
  writeFileSync(conf, '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n');
  const child = startProcess('podman', [
    '--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--tmpdir', join(root, 'tmp'),
    'system', 'service', '--time=0', `unix://${socket}`,
  ], { logFile, env: { CONTAINERS_CONF: conf } });
  const stop = async () => {
    await stopProcess(child, { graceMs: 15000 });
    removeTree(root);
  };
  try {
    await waitFor('podman service', async () => (await unixGet(socket, '/_ping')) === 200, { timeoutMs: 60000, child, logFile });
  } catch (e) { await stop(); throw e; }
  log(`podman API up on unix://${socket}`);
  return { host: `unix://${socket}`, socket, logFile, stop };
}

export async function startRegistry(root, log) {
  mkdirSync(root, { recursive: true });
  const port = await freePort();
  const logFile = join(root, 'registry.log');
  const config = join(root, 'config.yml');
  writeFileSync(config, [
    'version: 0.1',
    'log:', '  level: warn',
    'storage:', '  filesystem:', `    rootdirectory: ${join(root, 'data')}`, '  delete:', '    enabled: true',
    'http:', `  addr: 127.0.0.1:${port}`, '',
  ].join('\n'));
  const child = startProcess('docker-registry', ['serve', config], { logFile });
  const stop = async () => {
    await stopProcess(child, { graceMs: 5000 });
    removeTree(root);
  };
  try {
    await waitFor('registry', async () => {
      try { return (await fetch(`http://127.0.0.1:${port}/v2/`)).status === 200; } catch { return false; }
    }, { timeoutMs: 30000, child, logFile });
  } catch (e) { await stop(); throw e; }
  log(`registry up on 127.0.0.1:${port}`);
  return { address: `127.0.0.1:${port}`, logFile, stop };
}

/**
 * Builds the folder `context` (its Dockerfile and `files`) as `tag` in the dockerd at `socket`,
 * with the classic builder: FROM names a local image, as no registry is reachable.
 */
export async function buildImage(socket, context, tag, files) {
  const docker = new Docker({ socketPath: socket });
  const stream = await docker.buildImage({ context, src: ['Dockerfile', ...files] }, { t: tag });
  await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err, out) => {
    const failed = out?.find((m) => m.error);
    if (err || failed) reject(new Error(`building ${tag} failed: ${err?.message ?? failed.error}`)); else resolve();
  }));
}

/**
 * Builds a FROM-scratch image holding busybox and `applets` as `tag` (no registry is reachable
 * to pull one). `dockerfile` is what follows `COPY rootfs/ /`.
 */
export async function buildBusyboxImage(socket, context, tag, { dockerfile = 'CMD ["sleep", "3600"]\n', applets = BUSYBOX_APPLETS } = {}) {
  mkdirSync(join(context, 'rootfs', 'bin'), { recursive: true });
  cpSync('/bin/busybox', join(context, 'rootfs', 'bin', 'busybox'));
  for (const applet of applets) symlinkSync('busybox', join(context, 'rootfs', 'bin', applet));
  mkdirSync(join(context, 'rootfs', 'tmp'), { recursive: true });
  writeFileSync(join(context, 'Dockerfile'), `FROM scratch\nCOPY rootfs/ /\n${dockerfile}`);
  await buildImage(socket, context, tag, ['rootfs']);
}

/** Builds the busybox test image in dockerd. */
export function buildTestImage(socket, root) {
  return buildBusyboxImage(socket, join(root, 'test-image'), TEST_IMAGE);
}

/** Copies an image from one engine to another through the API (save → load). */
export async function copyImage(fromSocket, toSocket, name) {
  const from = new Docker({ socketPath: fromSocket });
  const to = new Docker({ socketPath: toSocket });
  const tar = await from.getImage(name).get();
  const result = await to.loadImage(tar);
  await new Promise((resolve, reject) => to.modem.followProgress(result, (err) => (err ? reject(err) : resolve())));
  const images = await to.listImages();
  if (!images.some((i) => (i.RepoTags ?? []).some((t) => t === name || t === `localhost/${name}` || t.endsWith(`/${name}`)))) {
    // Podman may name a loaded image differently; tag it as the tests expect.
    const loaded = images.sort((a, b) => b.Created - a.Created)[0];
    if (!loaded) throw new Error(`loading ${name} into ${toSocket} left no image`);
    const [repo, tag] = name.split(':');
    await to.getImage(loaded.Id).tag({ repo, tag });
  }
}
