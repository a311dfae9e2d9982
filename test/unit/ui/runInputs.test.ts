// The Run flow's answers, read and checked at their own step.
import * as assert from 'node:assert/strict';
import type { ContainerModel } from '../../../src/docker/model';
import { containerNameProblem, orderRuntimes, parsePorts, takenPort } from '../../../src/ui/commands/runInputs';

function container(overrides: Partial<ContainerModel>): ContainerModel {
  return { id: 'a'.repeat(64), name: 'web', image: 'busybox', imageId: 'sha256:b', command: 'sh', state: 'running', createdAt: 0, ports: [], mounts: [], labels: {}, networks: [], ...overrides };
}

describe('run inputs', () => {
  it('parses port mappings', () => {
    assert.deepEqual(parsePorts('8080:80, 127.0.0.1:8443:443/tcp 53/udp'), { ok: true, ports: [
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 443, hostPort: 8443, hostIp: '127.0.0.1', protocol: 'tcp' },
      { containerPort: 53, protocol: 'udp' },
    ] });
    assert.deepEqual(parsePorts(''), { ok: true, ports: [] });
    assert.deepEqual(parsePorts('[::1]:8080:80'), { ok: true, ports: [{ containerPort: 80, hostPort: 8080, hostIp: '::1' }] });
  });

  it('names the bad port entry and why', () => {
    assert.deepEqual(parsePorts('8080:80 80:abc'), { ok: false, problem: { kind: 'syntax', entry: '80:abc' } });
    assert.deepEqual(parsePorts('70000:80'), { ok: false, problem: { kind: 'range', entry: '70000:80' } });
    assert.deepEqual(parsePorts('0'), { ok: false, problem: { kind: 'range', entry: '0' } });
  });

  it('finds a host port a running container already publishes on an overlapping address', () => {
    const web = container({ name: 'web', ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }] });
    const ports = (text: string) => { const parsed = parsePorts(text); assert.ok(parsed.ok); return parsed.ports; };
    assert.deepEqual(takenPort(ports('8080:80'), [web]), { kind: 'taken', entry: '8080', container: 'web' });
    assert.deepEqual(takenPort(ports('127.0.0.1:8080:3000'), [web]), { kind: 'taken', entry: '127.0.0.1:8080', container: 'web' });
    assert.equal(takenPort(ports('127.0.0.2:8080:80'), [web]), undefined, 'another address');
    assert.equal(takenPort(ports('8080:80/udp'), [web]), undefined, 'another protocol');
    assert.equal(takenPort(ports('8081:80 80'), [web]), undefined);
    assert.equal(takenPort(ports('8080:80'), [{ ...web, state: 'exited' }]), undefined, 'a stopped container holds no port');
    const wildcard = container({ name: 'all', ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 9090 }] });
    assert.equal(takenPort(ports('127.0.0.1:9090:80'), [wildcard])?.kind, 'taken', 'every address includes loopback');
  });

  it('checks container names against the engine\'s rule and the names in use', () => {
    const taken = [container({ name: 'web-1' })];
    assert.equal(containerNameProblem('', taken), undefined);
    assert.equal(containerNameProblem('web-1.a_b', taken), undefined);
    assert.deepEqual(containerNameProblem('web-1', taken), { kind: 'taken', name: 'web-1' });
    assert.equal(containerNameProblem('-web', taken)?.kind, 'syntax');
    assert.equal(containerNameProblem('<img>', taken)?.kind, 'syntax');
    assert.equal(containerNameProblem('a', taken)?.kind, 'syntax', 'the engine wants two characters at least');
  });

  it('puts the engine\'s default runtime first, the others by name', () => {
    const runtimes = [
      { name: 'io.containerd.runc.v2', isDefault: false },
      { name: 'runc', isDefault: true },
      { name: 'io.containerd.runtime.v1.linux', isDefault: false },
    ];
    assert.deepEqual(orderRuntimes(runtimes, 'runc').map((r) => r.name), ['runc', 'io.containerd.runc.v2', 'io.containerd.runtime.v1.linux']);
    assert.deepEqual(orderRuntimes(runtimes, 'io.containerd.runc.v2').map((r) => r.name)[0], 'io.containerd.runc.v2', 'DefaultRuntime from /info decides');
  });
});
