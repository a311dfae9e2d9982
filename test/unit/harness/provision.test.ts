// What scripts/lib/provision.mjs installs for each purpose: every program a purpose starts is
// provisioned for it (the registry also for the host tier, the VS Code server's native rebuild
// tools for 'serve'), and nothing a purpose does not start (no Chromium for `npm start`).
import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(__dirname, '../../../..');

interface Provision {
  PURPOSES: string[];
  packagesFor(purposes: string[]): string[];
  expandPurposes(purposes: string[]): Set<string>;
  describeMissing(missing: { pkg: string; what: string }[]): string;
}

// A runtime import keeps TypeScript from rewriting it into require() of an ES module.
const load = new Function('url', 'return import(url)') as (url: string) => Promise<Provision>;

describe('harness: packages per purpose', () => {
  let p: Provision;
  before(async () => { p = await load(pathToFileURL(join(root, 'scripts/lib/provision.mjs')).href); });

  const engine = ['docker.io', 'containerd', 'runc', 'busybox-static', 'iproute2'];
  const vscodeServer = ['ripgrep', 'libkrb5-dev', 'pkg-config', 'g++', 'make', 'python3'];

  it('a private demo engine needs exactly dockerd and what it runs on', () => {
    assert.deepEqual([...p.packagesFor(['demo'])].sort(), [...engine].sort());
  });

  it('serving VS Code needs the server install and its native rebuild, and no browser', () => {
    const serve = p.packagesFor(['serve']);
    assert.deepEqual([...serve].sort(), [...vscodeServer].sort());
    assert.ok(!serve.includes('chromium'));
  });

  it('the host tier gets the engine, the registry it pushes to, the VS Code server and Chromium', () => {
    const host = p.packagesFor(['host']);
    for (const pkg of [...engine, 'docker-registry', ...vscodeServer, 'chromium', 'shellcheck']) assert.ok(host.includes(pkg), pkg);
    assert.ok(!host.includes('podman'), 'the host tier starts no Podman');
  });

  it('the e2e tier gets the engine, the VS Code server, Chromium and the registries with auth (the Registries view\'s screenshot)', () => {
    const e2e = p.packagesFor(['e2e']);
    for (const pkg of [...engine, ...vscodeServer, 'chromium', 'docker-registry', 'apache2-utils', 'openssl']) assert.ok(e2e.includes(pkg), pkg);
  });

  it('the engine tier gets dockerd, Podman, the registry and the TLS/auth tools, but no VS Code', () => {
    const eng = p.packagesFor(['engine']);
    for (const pkg of [...engine, 'podman', 'docker-registry', 'apache2-utils', 'openssl']) assert.ok(eng.includes(pkg), pkg);
    for (const pkg of ['chromium', ...vscodeServer]) assert.ok(!eng.includes(pkg), pkg);
  });

  it('Compose v1 drives dockerd in the engine, host and e2e tiers; podman-compose only in the engine tier', () => {
    for (const tier of ['engine', 'host', 'e2e']) assert.ok(p.packagesFor([tier]).includes('docker-compose'), tier);
    assert.ok(p.packagesFor(['engine']).includes('podman-compose'));
    for (const tier of ['host', 'e2e']) assert.ok(!p.packagesFor([tier]).includes('podman-compose'), tier);
    assert.ok(!p.packagesFor(['demo']).includes('docker-compose'), 'the demo engine needs no Compose');
  });

  it('the unit tier includes the engine tier, which its test of the harness starts for real', () => {
    assert.deepEqual([...p.expandPurposes(['unit'])].sort(), ['engine', 'unit']);
    assert.ok(p.packagesFor(['unit']).includes('shellcheck'));
    assert.ok(p.packagesFor(['unit']).includes('docker.io'));
  });

  it('an unknown purpose is an error, not an empty list', () => {
    assert.throws(() => p.packagesFor(['unti']), /unknown purpose "unti"/);
  });

  it('a missing program is named with its Debian package and the command that installs it', () => {
    const text = p.describeMissing([{ pkg: 'docker.io', what: 'dockerd' }, { pkg: 'g++', what: 'g++' }]);
    assert.match(text, /dockerd \(Debian package docker\.io\)/);
    assert.match(text, /apt-get install -y --no-install-recommends docker\.io g\+\+/);
  });
});
