// Makes sure the machine has what the selected test tiers need. As root on Debian it installs
// missing packages with apt-get; anywhere else it names what to install and fails — a missing
// component is never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → the command (or dpkg check) that proves it is there. */
const PACKAGES = {
  'docker.io': { bin: 'dockerd', tiers: ['engine', 'host', 'e2e'] },
  containerd: { bin: 'containerd', tiers: ['engine', 'host', 'e2e'] },
  runc: { bin: 'runc', tiers: ['engine', 'host', 'e2e'] },
  'busybox-static': { file: '/bin/busybox', tiers: ['engine', 'host', 'e2e'] },
  podman: { bin: 'podman', tiers: ['engine'] },
  'docker-registry': { bin: 'docker-registry', tiers: ['engine'] },
  'apache2-utils': { bin: 'htpasswd', tiers: ['engine'] },
  openssl: { bin: 'openssl', tiers: ['engine'] },
  iproute2: { bin: 'ip', tiers: ['engine', 'host', 'e2e'] },
  shellcheck: { bin: 'shellcheck', tiers: ['unit', 'host'] },
  // GNU time: the adversarial suite measures wharf-lint's CPU time, ShellCheck's included.
  time: { file: '/usr/bin/time', tiers: ['unit'] },
  chromium: { bin: 'chromium', tiers: ['host', 'e2e'] },
  ripgrep: { bin: 'rg', tiers: ['host', 'e2e'] },
  'libkrb5-dev': { dpkg: 'libkrb5-dev', tiers: ['host', 'e2e'] },
  'pkg-config': { bin: 'pkg-config', tiers: ['host', 'e2e'] },
};

function has(spec) {
  if (spec.bin) return spawnSync('sh', ['-c', `command -v ${spec.bin}`], { stdio: 'ignore' }).status === 0;
  if (spec.file) return existsSync(spec.file);
  if (spec.dpkg) return spawnSync('dpkg', ['-s', spec.dpkg], { stdio: 'ignore' }).status === 0;
  return false;
}

export function missingPackages(tiers) {
  return Object.entries(PACKAGES)
    .filter(([, spec]) => spec.tiers.some((t) => tiers.includes(t)))
    .filter(([, spec]) => !has(spec))
    .map(([name]) => name);
}

export function provision(tiers, log) {
  const missing = missingPackages(tiers);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `Missing for the ${tiers.join(', ')} tier(s): ${missing.join(' ')}.\n` +
      `Install them (Debian/Ubuntu: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}) and run again,\n` +
      'or narrow the run with WHARF_TEST_TIERS=unit.');
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  const still = missingPackages(tiers);
  if (still.length) throw new Error(`apt-get finished but these are still missing: ${still.join(' ')}`);
}
