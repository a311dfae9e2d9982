// Starts the private engines the engine, host and e2e tiers talk to, each in a temp folder of
// its own so that a user's daemon, images and firewall are never touched:
//  - dockerd with its own socket, data-root, exec-root, pidfile, bridge (wharf-owned) and
//    --iptables=false (published ports go through docker-proxy on 127.0.0.1);
//  - Podman's Docker-compatible API service with private storage (--root/--runroot);
//  - a local registry (distribution) on a free 127.0.0.1 port.
// Each start registers its stop with lifecycle.mjs's onStop() as soon as there is something to
// stop (a bridge, a process, a folder) and returns it: callers stop them when done, and a run's
// stopAll() reaches them on failure, Ctrl-C or SIGTERM, even halfway through a start.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import Docker from 'dockerode';
import { onStop, removeTree, spawnGroup } from './lifecycle.mjs';

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

function startProcess(cmd, args, { logFile, env, graceMs }) {
  const fd = openSync(logFile, 'a');
  // SIGTERM first: dockerd stops its containers and containerd, Podman and the registry exit cleanly.
  const proc = spawnGroup(cmd, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, signal: 'SIGTERM', graceMs });
  closeSync(fd);
  proc.child.unref();
  return proc;
}

/**
 * A /24 in 10.231/16 (never 172.17/16, docker0's) for a private bridge, named after its third
 * octet, so that the name claims the subnet: `ip link add` fails with "File exists" for the second
 * of two runs that pick the same one, and that run moves on. Candidates skip subnets and names
 * already on this machine (`ip -o -4 addr`, `ip -o link`) and start at `start`, so concurrent runs
 * rarely try the same one first.
 */
export function bridgeCandidates(ipAddr, ipLink, start = 0) {
  const usedNets = new Set([...ipAddr.matchAll(/\binet 10\.231\.(\d+)\./g)].map((m) => Number(m[1])));
  const usedNames = new Set([...ipLink.matchAll(/^\d+:\s+([^:@\s]+)/gm)].map((m) => m[1]));
  const out = [];
  for (let i = 0; i < 250; i++) {
    const third = (start + i) % 250 + 1;
    const name = `wharfbr${third}`;
    if (!usedNets.has(third) && !usedNames.has(name)) out.push({ name, address: `10.231.${third}.1/24` });
  }
  return out;
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

function ip(args) {
  return spawnSync('ip', args, { encoding: 'utf8' });
}

function createBridge() {
  const candidates = bridgeCandidates(ip(['-o', '-4', 'addr']).stdout ?? '', ip(['-o', 'link']).stdout ?? '', Math.floor(Math.random() * 250));
  for (const { name, address } of candidates) {
    const added = ip(['link', 'add', 'name', name, 'type', 'bridge']);
    if (added.status !== 0) {
      if (/exists/i.test(added.stderr)) continue; // another run claimed it since we listed
      throw new Error(`ip link add name ${name} type bridge failed: ${added.stderr}`);
    }
    const remove = onStop(() => { ip(['link', 'del', name]); });
    for (const args of [['addr', 'add', address, 'dev', name], ['link', 'set', name, 'up']]) {
      const r = ip(args);
      if (r.status !== 0) { remove(); throw new Error(`ip ${args.join(' ')} failed: ${r.stderr}`); }
    }
    return { name, address, remove };
  }
  throw new Error('no free /24 left in 10.231.0.0/16 for a private bridge (see `ip -o link`)');
}

/**
 * A private dockerd in `root`. `labels` ("key=value") become the daemon's own labels, which /info
 * reports. Its stop is registered with onStop() as soon as there is something to stop; callers
 * that keep their own list get it through `register(stop)` at the same moment.
 */
export async function startDockerd(root, log, { labels = [], register = () => {} } = {}) {
  mkdirSync(root, { recursive: true });
  const stopFolder = onStop(() => removeTree(root));
  const socket = join(root, 'docker.sock');
  const logFile = join(root, 'dockerd.log');
  const bridge = createBridge();
  const proc = startProcess('dockerd', [
    '--host', `unix://${socket}`, '--data-root', join(root, 'data'), '--exec-root', join(root, 'exec'),
    '--pidfile', join(root, 'docker.pid'), '--ip', '127.0.0.1', '--bridge', bridge.name, '--iptables=false',
    '--storage-driver', 'overlay2', ...labels.flatMap((label) => ['--label', label]),
  ], { logFile, graceMs: 30000 });
  const stop = onStop(async () => {
    await proc.stop();
    await bridge.remove();
    await stopFolder();
  });
  register(stop);
  try {
    await waitFor('dockerd', async () => (await unixGet(socket, '/_ping')) === 200, { timeoutMs: 60000, child: proc.child, logFile });
  } catch (e) { await stop(); throw e; }
  log(`dockerd up on unix://${socket} (bridge ${bridge.name}, ${bridge.address})`);
  return { host: `unix://${socket}`, socket, logFile, pid: proc.child.pid, bridge: bridge.name, stop };
}

export async function startPodman(root, log) {
  mkdirSync(root, { recursive: true });
  const stopFolder = onStop(() => removeTree(root));
  const socket = join(root, 'podman.sock');
  const logFile = join(root, 'podman.log');
  const conf = join(root, 'containers.conf');
  const storageConf = join(root, 'storage.conf');
  // Without these ulimits, running a container fails here with "error setting rlimit". The same
  // folders are also written into the config files, so that a `podman` CLI given only
  // CONTAINERS_CONF and CONTAINERS_STORAGE_CONF (podman-compose runs it) sees this service's
  // containers, networks and volumes, and never the machine's own (/etc/containers/networks).
  writeFileSync(conf, [
    '[containers]', 'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]',
    '[engine]', `tmp_dir = "${join(root, 'tmp')}"`,
    '[network]', `network_config_dir = "${join(root, 'networks')}"`, '',
  ].join('\n'));
  writeFileSync(storageConf, [
    '[storage]', 'driver = "overlay"', `graphroot = "${join(root, 'storage')}"`, `runroot = "${join(root, 'run')}"`, '',
  ].join('\n'));
  const storage = ['--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--tmpdir', join(root, 'tmp')];
  const cliEnv = { CONTAINERS_CONF: conf, CONTAINERS_STORAGE_CONF: storageConf };
  const env = { ...process.env, ...cliEnv };
  const proc = startProcess('podman', [...storage, 'system', 'service', '--time=0', `unix://${socket}`], { logFile, env, graceMs: 15000 });
  const stop = onStop(async () => {
    // Podman has no daemon owning its containers: they (conmon and the container's processes)
    // outlive the API service unless removed, and their mounts keep the folder busy.
    spawnSync('podman', [...storage, 'rm', '--all', '--force', '--time', '0'], { env, stdio: 'ignore', timeout: 60000 });
    spawnSync('podman', [...storage, 'pod', 'rm', '--all', '--force'], { env, stdio: 'ignore', timeout: 60000 });
    await proc.stop();
    await stopFolder();
  });
  try {
    await waitFor('podman service', async () => (await unixGet(socket, '/_ping')) === 200, { timeoutMs: 60000, child: proc.child, logFile });
  } catch (e) { await stop(); throw e; }
  log(`podman API up on unix://${socket}`);
  return { host: `unix://${socket}`, socket, logFile, cliEnv, stop };
}

export function startRegistry(root, log) {
  return startRegistryProcess(root, log);
}

/**
 * A distribution registry in `root` on a free 127.0.0.1 port, with delete enabled; `auth` holds
 * the config's `auth:` lines (htpasswd or token) for one that asks who you are.
 */
export async function startRegistryProcess(root, log, { name = 'registry', auth = [] } = {}) {
  mkdirSync(root, { recursive: true });
  const stopFolder = onStop(() => removeTree(root));
  const port = await freePort();
  const logFile = join(root, 'registry.log');
  const config = join(root, 'config.yml');
  writeFileSync(config, [
    'version: 0.1',
    'log:', '  level: warn',
    'storage:', '  filesystem:', `    rootdirectory: ${join(root, 'data')}`, '  delete:', '    enabled: true',
    'http:', `  addr: 127.0.0.1:${port}`, ...auth, '',
  ].join('\n'));
  const proc = startProcess('docker-registry', ['serve', config], { logFile, graceMs: 5000 });
  const stop = onStop(async () => {
    await proc.stop();
    await stopFolder();
  });
  try {
    // A registry with auth answers /v2/ with 401 and its challenge: up all the same.
    await waitFor(name, async () => {
      try { return [200, 401].includes((await fetch(`http://127.0.0.1:${port}/v2/`)).status); } catch { return false; }
    }, { timeoutMs: 30000, child: proc.child, logFile });
  } catch (e) { await stop(); throw e; }
  log(`${name} up on 127.0.0.1:${port}`);
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

/**
 * A /30 in 169.254/16 (link-local: reachable only across the veth pair it is put on, never
 * routed) for a network namespace, named after its third octet like the bridges above: the
 * namespace's name claims the subnet. 169.254.169.x (cloud metadata) is never used.
 */
export function netnsCandidates(ipAddr, netnsList, start = 0) {
  const usedNets = new Set([...ipAddr.matchAll(/\binet 169\.254\.(\d+)\./g)].map((m) => Number(m[1])));
  const usedNames = new Set(netnsList.split('\n').map((line) => line.split(' ')[0]).filter(Boolean));
  const out = [];
  for (let i = 0; i < 250; i++) {
    const third = (start + i) % 250 + 1;
    if (third === 169 || usedNets.has(third) || usedNames.has(`wharfsw${third}`)) continue;
    out.push({ ns: `wharfsw${third}`, hostLink: `wsw${third}h`, nsLink: `wsw${third}n`, hostAddr: `169.254.${third}.1`, nsAddr: `169.254.${third}.2` });
  }
  return out;
}

function createNetns() {
  const candidates = netnsCandidates(ip(['-o', '-4', 'addr']).stdout ?? '', ip(['netns', 'list']).stdout ?? '', Math.floor(Math.random() * 250));
  for (const c of candidates) {
    const added = ip(['netns', 'add', c.ns]);
    if (added.status !== 0) {
      if (/exists/i.test(added.stderr)) continue;
      throw new Error(`ip netns add ${c.ns} failed: ${added.stderr.trim()}`);
    }
    const remove = onStop(() => { ip(['link', 'del', c.hostLink]); ip(['netns', 'del', c.ns]); });
    for (const args of [
      ['link', 'add', c.hostLink, 'type', 'veth', 'peer', 'name', c.nsLink],
      ['link', 'set', c.nsLink, 'netns', c.ns],
      ['addr', 'add', `${c.hostAddr}/30`, 'dev', c.hostLink],
      ['link', 'set', c.hostLink, 'up'],
      ['-n', c.ns, 'addr', 'add', `${c.nsAddr}/30`, 'dev', c.nsLink],
      ['-n', c.ns, 'link', 'set', c.nsLink, 'up'],
      ['-n', c.ns, 'link', 'set', 'lo', 'up'],
    ]) {
      const r = ip(args);
      if (r.status !== 0) { remove(); throw new Error(`ip ${args.join(' ')} failed: ${r.stderr.trim()}`); }
    }
    return { ...c, remove };
  }
  throw new Error('no free /30 left in 169.254.0.0/16 for a network namespace (see `ip netns list`)');
}

/**
 * A private dockerd in a network namespace of its own, joined to this one by a veth pair on a
 * link-local /30: a second swarm node that reaches the first only at `hostAddr` (the swarm's
 * manager listens and advertises there) and is reached at `nsAddr`. It has no bridge (`--bridge
 * none`), touches no iptables, and is entered with `nsenter --net` rather than `ip netns exec`,
 * which remounts /sys and so hides the cgroup mounts dockerd needs ("Devices cgroup isn't
 * mounted"). Throws, with the reason, where the machine allows no namespaces.
 */
export async function startNetnsDockerd(root, log, { register = () => {} } = {}) {
  mkdirSync(root, { recursive: true });
  const stopFolder = onStop(() => removeTree(root));
  let netns;
  try { netns = createNetns(); } catch (e) { await stopFolder(); throw e; }
  const socket = join(root, 'docker.sock');
  const logFile = join(root, 'dockerd.log');
  const proc = startProcess('nsenter', [`--net=/run/netns/${netns.ns}`, 'dockerd',
    '--host', `unix://${socket}`, '--data-root', join(root, 'data'), '--exec-root', join(root, 'exec'),
    '--pidfile', join(root, 'docker.pid'), '--bridge', 'none', '--iptables=false', '--ip-forward=false', '--ip-masq=false',
    '--storage-driver', 'overlay2', '--label', 'wharf.test.swarm=worker',
  ], { logFile, graceMs: 30000 });
  const stop = onStop(async () => {
    await proc.stop();
    await netns.remove();
    await stopFolder();
  });
  register(stop);
  try {
    await waitFor('dockerd in its network namespace', async () => (await unixGet(socket, '/_ping')) === 200, { timeoutMs: 60000, child: proc.child, logFile });
  } catch (e) { await stop(); throw e; }
  log(`dockerd up in network namespace ${netns.ns} on unix://${socket} (${netns.nsAddr}, reaching ${netns.hostAddr})`);
  return { host: `unix://${socket}`, socket, hostAddr: netns.hostAddr, nsAddr: netns.nsAddr, stop };
}
