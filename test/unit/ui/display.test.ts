// Pure display functions of the explorer: what a row says, its icon, its hover, its menu tokens.
import * as assert from 'node:assert/strict';
import type { ContainerModel, ImageModel } from '../../../src/docker/model';
import { compareContainers, containerContextValue, containerDescription, containerIcon, containerSearchText, containerTooltip, portUrl } from '../../../src/ui/display/containerText';
import { escapeMarkdown, formatAge, formatSize, markdownCode } from '../../../src/ui/display/format';
import { imageTagDescription, isDangling, layerLabel, splitReference } from '../../../src/ui/display/imageText';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);

function container(overrides: Partial<ContainerModel> = {}): ContainerModel {
  return {
    id: 'a'.repeat(64), name: 'web', image: 'nginx:1.27', imageId: 'sha256:' + 'b'.repeat(64), command: 'nginx -g daemon off;',
    state: 'running', createdAt: NOW - 3600_000, startedAt: NOW - 300_000, ports: [], mounts: [], labels: {}, networks: ['bridge'], ...overrides,
  };
}

describe('container display', () => {
  it('describes a row as image · status', () => {
    assert.equal(containerDescription(container(), 'Up 5 minutes'), 'nginx:1.27 · Up 5 minutes');
  });

  it('picks icon and colour by state and health', () => {
    assert.deepEqual(containerIcon(container()), { id: 'vm-running', color: 'charts.green' });
    assert.equal(containerIcon(container({ health: 'unhealthy' })).color, 'charts.red');
    assert.equal(containerIcon(container({ state: 'paused' })).id, 'debug-pause');
    assert.equal(containerIcon(container({ state: 'exited', exitCode: 0 })).color, 'disabledForeground');
    assert.equal(containerIcon(container({ state: 'exited', exitCode: 137 })).color, 'charts.red');
    assert.equal(containerIcon(container({ state: 'restarting' })).id, 'sync');
  });

  it('puts the state and published ports in the context value menus match on', () => {
    assert.equal(containerContextValue(container({ state: 'exited' })), 'container exited');
    assert.equal(containerContextValue(container({ ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }] })), 'container running hasPorts');
    assert.equal(containerContextValue(container({ ports: [{ containerPort: 80, protocol: 'tcp' }] })), 'container running');
  });

  it('links ports to loopback when published on every address, else to the bound address', () => {
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }, '127.0.0.1'), 'http://127.0.0.1:8080');
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.2', hostPort: 81 }, '127.0.0.1'), 'http://127.0.0.2:81');
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 82 }, '::1'), 'http://[::1]:82');
  });

  it('escapes engine data in the markdown hover (a label with HTML stays text)', () => {
    const md = containerTooltip(container({ labels: { note: '<img src=x onerror=alert(1)>' }, ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }] }), 'Up', '127.0.0.1', NOW);
    assert.ok(md.includes('`<img src=x onerror=alert(1)>`'), md);
    assert.ok(!/(?:^|[^`])<img/.test(md.replace(/`[^`]*`/g, '')), 'no raw HTML outside code spans');
    assert.ok(md.includes('(http://127.0.0.1:8080)'));
    assert.ok(md.includes('`aaaaaaaaaaaa`'), 'short id shown');
  });

  it('sorts newest first by default, by name or by state on request', () => {
    const old = container({ id: '1', name: 'b', createdAt: 1, state: 'exited' });
    const fresh = container({ id: '2', name: 'c', createdAt: 3 });
    const mid = container({ id: '3', name: 'a', createdAt: 2, state: 'paused' });
    assert.deepEqual([old, fresh, mid].sort(compareContainers('created')).map((c) => c.id), ['2', '3', '1']);
    assert.deepEqual([old, fresh, mid].sort(compareContainers('name')).map((c) => c.id), ['3', '1', '2']);
    assert.deepEqual([old, fresh, mid].sort(compareContainers('status')).map((c) => c.id), ['2', '3', '1']);
  });

  it('matches the filter on name, image, state and label values', () => {
    const text = containerSearchText(container({ labels: { team: 'Payments' } }));
    for (const needle of ['web', 'nginx', 'running', 'payments']) assert.ok(text.includes(needle), needle);
  });
});

describe('image display', () => {
  it('splits references without mistaking a registry port for a tag', () => {
    assert.deepEqual(splitReference('127.0.0.1:5000/team/app:1.2'), { repository: '127.0.0.1:5000/team/app', tag: '1.2' });
    assert.deepEqual(splitReference('127.0.0.1:5000/team/app'), { repository: '127.0.0.1:5000/team/app', tag: 'latest' });
    assert.deepEqual(splitReference('busybox:latest'), { repository: 'busybox', tag: 'latest' });
  });

  it('treats <none>:<none> as dangling', () => {
    const image: ImageModel = { id: 'sha256:1', repoTags: ['<none>:<none>'], repoDigests: [], createdAt: NOW, size: 1, labels: {}, containers: 0 };
    assert.equal(isDangling(image), true);
    assert.equal(isDangling({ ...image, repoTags: ['x:1'] }), false);
  });

  it('shows size and age on a tag row', () => {
    const image: ImageModel = { id: 'sha256:1', repoTags: ['x:1'], repoDigests: [], createdAt: NOW - 3 * 86400_000, size: 4_500_000, labels: {}, containers: 0 };
    assert.equal(imageTagDescription(image, NOW), '4.50 MB · 3 days ago');
  });

  it('shows a layer as its instruction', () => {
    assert.equal(layerLabel('/bin/sh -c #(nop)  CMD ["sleep" "3600"]'), 'CMD ["sleep" "3600"]');
    assert.equal(layerLabel('/bin/sh -c apk add curl'), 'RUN apk add curl');
  });
});

describe('formatters', () => {
  it('formats sizes in decimal units', () => {
    assert.equal(formatSize(999), '999 B');
    assert.equal(formatSize(1_234_567), '1.23 MB');
    assert.equal(formatSize(123_456_789), '123 MB');
  });

  it('formats ages', () => {
    assert.equal(formatAge(NOW - 61_000, NOW), '1 minute ago');
    assert.equal(formatAge(NOW - 2 * 3600_000, NOW), '2 hours ago');
  });

  it('escapes markdown and fences code spans around backticks', () => {
    assert.equal(escapeMarkdown('<b>*x*</b>'), '\\<b\\>\\*x\\*\\</b\\>');
    assert.equal(markdownCode('a`b'), '``a`b``');
  });
});
