// The pure parts of reading a container's files and processes: the engine's stat header, path
// normalising, and matching host PIDs to the container's by rank.
import * as assert from 'node:assert/strict';
import { containerPath, parsePathStat } from '../../../src/docker/containerFiles';
import { containerPidFor, hostPids } from '../../../src/docker/processes';

const header = (raw: object): string => Buffer.from(JSON.stringify(raw)).toString('base64');

describe('container files: the stat header', () => {
  it('reads Go\'s FileMode: folder, symlink, regular file, special bits and the permissions', () => {
    // Captured from dockerd 20.10: /bin (drwxr-xr-x), /bin/sh (a symlink), /tmp (drwxrwxrwt).
    const bin = parsePathStat('/bin', header({ name: 'bin', size: 4096, mode: 2147484141, mtime: '2026-12-06T16:00:00.123Z', linkTarget: '' }));
    assert.deepEqual(bin, { path: '/bin', name: 'bin', kind: 'directory', size: 4096, mode: 0o755, mtime: Date.parse('2026-12-06T16:00:00.123Z') });
    const sh = parsePathStat('/bin/sh', header({ name: 'sh', size: 7, mode: 134218239, mtime: '2026-12-06T16:00:00Z', linkTarget: '/bin/busybox' }));
    assert.deepEqual([sh.kind, sh.mode, sh.linkTarget], ['symlink', 0o777, '/bin/busybox']);
    const tmp = parsePathStat('/tmp', header({ name: 'tmp', mode: 2148532735 }));
    assert.deepEqual([tmp.kind, tmp.mode], ['directory', 0o1777]);
    const file = parsePathStat('/etc/hosts', header({ name: 'hosts', size: 174, mode: 420 }));
    assert.deepEqual([file.kind, file.mode, file.size, file.mtime], ['file', 0o644, 174, 0]);
    const fifo = parsePathStat('/run/p', header({ name: 'p', mode: (1 << 25) | 0o600 }));
    assert.equal(fifo.kind, 'other');
  });

  it('normalises paths to absolute ones without a trailing slash', () => {
    assert.equal(containerPath('etc/hosts'), '/etc/hosts');
    assert.equal(containerPath('/etc/../etc/./hosts'), '/etc/hosts');
    assert.equal(containerPath('/var/log/'), '/var/log');
    assert.equal(containerPath('/'), '/');
    assert.equal(containerPath('/../..'), '/');
  });
});

describe('processes: host PIDs to the container\'s', () => {
  it('reads the PID column of the engine\'s list', () => {
    assert.deepEqual(hostPids({ titles: ['UID', 'PID', 'PPID', 'CMD'], processes: [['root', '4100', '4080', 'sleep 1'], ['root', '4200', '4100', 'sh']] }), [4100, 4200]);
    assert.deepEqual(hostPids({ titles: ['USER', 'COMMAND'], processes: [['root', 'x']] }), []);
  });

  it('matches by rank, and refuses when the lists differ in length or the PID is not listed', () => {
    assert.equal(containerPidFor(4200, [4200, 4100, 9000], [1, 7, 23]), 7);
    assert.equal(containerPidFor(4100, [4200, 4100, 9000], [23, 1, 7]), 1);
    assert.equal(containerPidFor(9000, [4200, 4100, 9000], [1, 7, 23]), 23);
    assert.equal(containerPidFor(4200, [4100, 4200], [1, 7, 23]), undefined);
    assert.equal(containerPidFor(5555, [4100, 4200], [1, 7]), undefined);
  });
});
