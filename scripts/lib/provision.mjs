// Makes sure the machine has what a purpose needs, before anything is started: the test tiers
// (unit, engine, host, e2e), 'serve' (the VS Code server of `npm start` and the host/e2e tiers)
// and 'demo' (a private demo dockerd). As root on Debian it installs missing packages with
// apt-get; anywhere else it names each missing program with its Debian package and fails — a
// missing component is never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const ENGINE = ['engine', 'host', 'e2e', 'demo'];

/** Debian package → the program (or file, or dpkg entry) that proves it is there, and the purposes that need it. */
const PACKAGES = {
  'docker.io': { bin: 'dockerd', for: ENGINE },
  containerd: { bin: 'containerd', for: ENGINE },
  runc: { bin: 'runc', for: ENGINE },
  'busybox-static': { file: '/bin/busybox', for: ENGINE },
  iproute2: { bin: 'ip', for: ENGINE },
  podman: { bin: 'podman', for: ['engine'] },
  // Compose v1 (the only Compose Debian 12 ships) drives the private dockerd in the engine and
  // host tiers; podman-compose drives the private Podman in the engine tier.
  'docker-compose': { bin: 'docker-compose', for: ['engine', 'host', 'e2e'] },
  'podman-compose': { bin: 'podman-compose', for: ['engine'] },
  // The host tier pushes and pulls against the local registry too.
  'docker-registry': { bin: 'docker-registry', for: ['engine', 'host', 'e2e'] },
  // ssh:// engines are tested against a private sshd on loopback.
  'openssh-server': { file: '/usr/sbin/sshd', for: ['engine'] },
  // The registries with htpasswd and bearer-token auth (scripts/lib/registries.mjs).
  'apache2-utils': { bin: 'htpasswd', for: ['engine', 'host', 'e2e'] },
  openssl: { bin: 'openssl', for: ['engine', 'host', 'e2e'] },
  // GNU time: the adversarial suite measures wharf-lint's CPU time, ShellCheck's included.
  time: { file: '/usr/bin/time', for: ['unit'] },
  shellcheck: { bin: 'shellcheck', for: ['unit', 'host'] },
  chromium: { bin: 'chromium', for: ['host', 'e2e'] },
  // The VS Code server's install: Debian's rg instead of a download, and native modules
  // (node-pty, kerberos, …) rebuilt with node-gyp.
  ripgrep: { bin: 'rg', for: ['serve'] },
  'libkrb5-dev': { dpkg: 'libkrb5-dev', for: ['serve'] },
  'pkg-config': { bin: 'pkg-config', for: ['serve'] },
  'g++': { bin: 'g++', for: ['serve'] },
  make: { bin: 'make', for: ['serve'] },
  python3: { bin: 'python3', for: ['serve'] },
};

/**
 * Purposes that contain others: the host and e2e tiers serve VS Code; the unit tier holds a test
 * of the harness that starts the engine tier for real.
 */
const INCLUDES = { host: ['serve'], e2e: ['serve'], unit: ['engine'] };

export const PURPOSES = ['unit', 'engine', 'host', 'e2e', 'serve', 'demo'];

/** The purposes with everything they contain; an unknown one is an error, not an empty list. */
export function expandPurposes(purposes) {
  const all = new Set();
  const add = (p) => {
    if (!PURPOSES.includes(p)) throw new Error(`unknown purpose "${p}" (known: ${PURPOSES.join(', ')})`);
    if (all.has(p)) return;
    all.add(p);
    for (const q of INCLUDES[p] ?? []) add(q);
  };
  for (const p of purposes) add(p);
  return all;
}

/** The Debian packages the purposes need, in a stable order. */
export function packagesFor(purposes) {
  const all = expandPurposes(purposes);
  return Object.entries(PACKAGES).filter(([, spec]) => spec.for.some((p) => all.has(p))).map(([name]) => name);
}

function onPath(bin) {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean).some((dir) => {
    try { accessSync(join(dir, bin), constants.X_OK); return true; } catch { return false; }
  });
}

function has(spec) {
  if (spec.bin) return onPath(spec.bin);
  if (spec.file) return existsSync(spec.file);
  return spawnSync('dpkg', ['-s', spec.dpkg], { stdio: 'ignore' }).status === 0;
}

/** What the purposes need and this machine lacks: [{ pkg, what }] (`what` is the missing program or file). */
export function missingPackages(purposes) {
  return packagesFor(purposes)
    .filter((pkg) => !has(PACKAGES[pkg]))
    .map((pkg) => ({ pkg, what: PACKAGES[pkg].bin ?? PACKAGES[pkg].file ?? `the ${pkg} headers` }));
}

/** "dockerd (Debian package docker.io), … Install them with: apt-get install …" */
export function describeMissing(missing) {
  const names = missing.map((m) => m.pkg);
  return `${missing.map((m) => `${m.what} (Debian package ${m.pkg})`).join(', ')}. ` +
    `Install them with: sudo apt-get install -y --no-install-recommends ${names.join(' ')}`;
}

export function provision(purposes, log) {
  const missing = missingPackages(purposes);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    throw new Error(`Missing for ${purposes.join(', ')}: ${describeMissing(missing)} — then run again.`);
  }
  const names = missing.map((m) => m.pkg);
  log(`installing Debian packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
  const still = missingPackages(purposes);
  if (still.length) throw new Error(`apt-get finished but these are still missing: ${describeMissing(still)}`);
}
