// Pure display functions of the explorer: what a row says, its icon, its hover, its menu tokens.
import * as assert from 'node:assert/strict';
import type { ContainerModel, ImageModel } from '../../../src/docker/model';
import { MASK } from '../../../src/docker/secrets';
import { browserHostOf, compareContainers, containerContextValue, containerDescription, containerIcon, containerSearchText, containerTooltip, portLabel, portUrl } from '../../../src/ui/display/containerText';
import { isDemoEngine } from '../../../src/ui/display/engineText';
import { escapeMarkdown, formatAge, formatSize, markdownCode, singleLine } from '../../../src/ui/display/format';
import { imageTagDescription, isDangling, layerLabel, layerTooltip, splitReference } from '../../../src/ui/display/imageText';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);

function container(overrides: Partial<ContainerModel> = {}): ContainerModel {
  return {
    id: 'a'.repeat(64), name: 'web', image: 'nginx:1.27', imageId: 'sha256:' + 'b'.repeat(64), command: 'nginx -g daemon off;',
    state: 'running', createdAt: NOW - 3600_000, startedAt: NOW - 300_000, ports: [], mounts: [], labels: {}, networks: ['bridge'], ...overrides,
  };
}

describe('container display', () => {
  it('describes a row as status · image (a narrow sidebar cuts the image, not the status)', () => {
    assert.equal(containerDescription(container(), 'Up 5 minutes'), 'Up 5 minutes · nginx:1.27');
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
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: 'fd00::5', hostPort: 83 }, '127.0.0.1'), 'http://[fd00::5]:83');
  });

  it('puts the engine\'s HostIp in a link only when it is an IP literal, else uses the browser host', () => {
    const url = (hostIp: string): string | undefined => portUrl({ containerPort: 80, protocol: 'tcp', hostIp, hostPort: 8080 }, '127.0.0.1');
    for (const hostile of ['evil.example', '127.0.0.1/x', '1.2.3.4@evil', 'javascript:alert(1)', '127.0.0.1) [x](http://evil', 'fe80::1%eth0', '999.1.1.1', ' 127.0.0.2']) {
      assert.equal(url(hostile), 'http://127.0.0.1:8080', hostile);
    }
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 70000 }, '127.0.0.1'), undefined);
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: Number.NaN }, '127.0.0.1'), undefined);
    assert.equal(portUrl({ containerPort: 80, protocol: 'tcp' }, '127.0.0.1'), undefined);
  });

  it('accepts a host name or an IP address as the browser host, nothing else', () => {
    for (const [setting, host] of [['localhost', 'localhost'], ['dev-box.lan', 'dev-box.lan'], ['10.0.0.2', '10.0.0.2'], ['::1', '::1'], ['[::1]', '::1'], [' 127.0.0.1 ', '127.0.0.1']]) {
      assert.equal(browserHostOf(setting), host, setting);
    }
    for (const setting of ['', 'evil.com/path', 'user@host', 'host:8080', 'http://x', '-x.com', 'a..b', `${'a'.repeat(64)}.com`, '[evil.com]', 'x y', 'fe80::1%eth0']) {
      assert.equal(browserHostOf(setting), undefined, setting);
    }
  });

  it('escapes engine data in the markdown hover (a label with HTML stays text)', () => {
    const md = containerTooltip(container({ labels: { note: '<img src=x onerror=alert(1)>' }, ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }] }), 'Up', '127.0.0.1', NOW);
    assert.ok(md.includes('`<img src=x onerror=alert(1)>`'), md);
    assert.ok(!/(?:^|[^`])<img/.test(md.replace(/`[^`]*`/g, '')), 'no raw HTML outside code spans');
    assert.ok(md.includes('(http://127.0.0.1:8080)'));
    assert.ok(md.includes('`aaaaaaaaaaaa`'), 'short id shown');
  });

  it('masks secrets in the hover: the command\'s flags, secret labels, URL passwords', () => {
    const md = containerTooltip(container({
      command: 'serve --token tok-1 --db=postgres://u:pw-2@db/x',
      labels: { 'com.example.api-key': 'k-3', upstream: 'https://me:pw-4@h', team: 'payments' },
    }), 'Up', '127.0.0.1', NOW);
    for (const secret of ['tok-1', 'pw-2', 'k-3', 'pw-4']) assert.ok(!md.includes(secret), `${secret} in ${md}`);
    assert.ok(md.includes(MASK));
    assert.ok(md.includes('`payments`'));
  });

  it('keeps a hover\'s code spans and escaped text on their line, whatever the engine sends', () => {
    const hostile = 'x\r\n\n# heading\u2028- item\u2029[link](http://evil)\u0085\u000b\u000c`';
    const md = containerTooltip(container({ name: hostile, command: hostile, labels: { [hostile]: hostile } }), 'Up', '127.0.0.1', NOW);
    const breaks = ['\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c'];
    assert.deepEqual(breaks.filter((ch) => md.includes(ch)), [], 'no line break but the tooltip\'s own');
    const lines = md.split('\n');
    const plain = containerTooltip(container({ name: 'n', command: 'c', labels: { k: 'v' } }), 'Up', '127.0.0.1', NOW);
    assert.equal(lines.length, plain.split('\n').length, 'as many lines as a tooltip of plain values');
    assert.ok(lines.every((line) => !/^\s*#/.test(line)), 'no heading injected');
    assert.ok(!lines.some((line) => line.startsWith('- item')), 'no list item injected');
  });

  it('sorts newest first by default, by name or by state on request', () => {
    const old = container({ id: '1', name: 'b', createdAt: 1000, state: 'exited' });
    const fresh = container({ id: '2', name: 'c', createdAt: 3000 });
    const mid = container({ id: '3', name: 'a', createdAt: 2000, state: 'paused' });
    assert.deepEqual([old, fresh, mid].sort(compareContainers('created')).map((c) => c.id), ['2', '3', '1']);
    assert.deepEqual([old, fresh, mid].sort(compareContainers('name')).map((c) => c.id), ['3', '1', '2']);
    assert.deepEqual([old, fresh, mid].sort(compareContainers('status')).map((c) => c.id), ['2', '3', '1']);
  });

  it('orders containers made in the same second by name, then id, whatever precision their times have', () => {
    // The list gives whole seconds, an inspect the exact time: the order must not change as inspects arrive.
    const listed = [container({ id: 'x', name: 'beta', createdAt: 5000 }), container({ id: 'y', name: 'alpha', createdAt: 5000 })];
    const inspected = [container({ id: 'x', name: 'beta', createdAt: 5900 }), container({ id: 'y', name: 'alpha', createdAt: 5100 })];
    const ids = (list: ContainerModel[]): string[] => [...list].sort(compareContainers('created')).map((c) => c.id);
    assert.deepEqual(ids(listed), ['y', 'x']);
    assert.deepEqual(ids(inspected), ['y', 'x']);
    assert.deepEqual(ids([listed[0], inspected[1]]), ['y', 'x']);
    const twins = [container({ id: 'b2', name: 'same', createdAt: 5000 }), container({ id: 'a1', name: 'same', createdAt: 5000 })];
    assert.deepEqual(ids(twins), ['a1', 'b2'], 'then by id');
    assert.deepEqual(ids([container({ id: 'n', name: 'zz', createdAt: 6000 }), ...listed]), ['n', 'y', 'x'], 'a newer second still comes first');
  });

  it('shows a port bound on every address as such, never as loopback', () => {
    assert.equal(portLabel({ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }), '0.0.0.0:8080→80/tcp');
    assert.equal(portLabel({ containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 8080 }), '[::]:8080→80/tcp');
    assert.equal(portLabel({ containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 5353 }), '127.0.0.1:5353→53/udp');
    assert.equal(portLabel({ containerPort: 80, protocol: 'tcp' }), '80/tcp');
    const md = containerTooltip(container({ ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }] }), 'Up', '127.0.0.1', NOW);
    assert.ok(md.includes('- [0\\.0\\.0\\.0\\:8080→80/tcp](http://127.0.0.1:8080)'), md);
  });

  it('marks a container Wharf is stopping in its context value, so menus offer Kill now', () => {
    assert.equal(containerContextValue(container(), true), 'container stopping');
    assert.equal(containerContextValue(container({ ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }] }), true), 'container stopping hasPorts');
  });

  it('matches the filter on name, image, state and label values', () => {
    const text = containerSearchText(container({ labels: { team: 'Payments' } }));
    for (const needle of ['web', 'nginx', 'running', 'payments']) assert.ok(text.includes(needle), needle);
  });

  it('never matches the filter on a masked label value', () => {
    const text = containerSearchText(container({ labels: { 'db.password': 'Hunter2', upstream: 'https://me:Pw-9@h' } }));
    assert.ok(!text.includes('hunter2') && !text.includes('pw-9'), text);
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

  it('masks secrets in a layer\'s label and hover', () => {
    assert.equal(layerLabel('/bin/sh -c #(nop)  ENV API_TOKEN=abc'), `ENV API_TOKEN=${MASK}`);
    assert.equal(layerTooltip('/bin/sh -c curl -o x https://me:pw@h/f'), `/bin/sh -c curl -o x https://me:${MASK}@h/f`);
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
    assert.equal(markdownCode('``'), '``` `` ```');
  });

  it('flattens every line break and control character to a space, in code spans and escaped text', () => {
    assert.equal(singleLine('a\rb\nc\r\nd\u2028e\u2029f\u0085g\u000bh\u000ci\u0000j\tk\u007fl'), 'a b c  d e f g h i j k l');
    assert.equal(markdownCode('a\rb\u2028c'), '`a b c`');
    assert.equal(escapeMarkdown('a\u2029# b'), 'a \\# b');
    assert.equal(singleLine('plain'), 'plain');
  });

  it('flattens 256 KB of line breaks and backticks within 1 s', () => {
    const start = Date.now();
    markdownCode('`\r\u2028'.repeat(87_382));
    escapeMarkdown('\n*'.repeat(131_072));
    assert.ok(Date.now() - start < 1000);
  });
});

describe('engine display', () => {
  it('calls an engine the demo engine only when it carries wharf.demo=true', () => {
    assert.equal(isDemoEngine({ 'wharf.demo': 'true' }), true);
    assert.equal(isDemoEngine({ 'wharf.demo': 'false' }), false);
    assert.equal(isDemoEngine({ 'wharf.test': 'true' }), false);
    assert.equal(isDemoEngine({}), false);
    assert.equal(isDemoEngine(undefined), false);
  });
});
