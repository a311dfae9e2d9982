import * as assert from 'node:assert/strict';
import { engineTimestamp, engineTimestampOf, summarizeStats } from '../../../../src/docker/containers';
import { splitReference, withDefaultTag } from '../../../../src/docker/images';
import type Docker from 'dockerode';

describe('image references', () => {
  it('makes the tag explicit (a pull without one would fetch every tag) and splits at the right colon', () => {
    assert.equal(withDefaultTag('busybox'), 'busybox:latest');
    assert.equal(withDefaultTag('127.0.0.1:5000/app'), '127.0.0.1:5000/app:latest');
    assert.equal(withDefaultTag('127.0.0.1:5000/app:v1'), '127.0.0.1:5000/app:v1');
    assert.equal(withDefaultTag('app@sha256:abc'), 'app@sha256:abc');
    assert.deepEqual(splitReference('127.0.0.1:5000/team/app'), { repository: '127.0.0.1:5000/team/app', tag: 'latest' });
    assert.deepEqual(splitReference('app@sha256:abc'), { repository: 'app', tag: 'sha256:abc' });
  });
});

describe('container helpers', () => {
  it('engineTimestampOf keeps all nine digits of the engine\'s own time, and refuses what is not one', () => {
    assert.equal(engineTimestampOf('2023-11-14T22:13:20.123456789Z'), '1700000000.123456789');
    assert.equal(engineTimestampOf('2023-11-14T22:13:20.5Z'), '1700000000.500000000');
    assert.equal(engineTimestampOf('2023-11-14T22:13:20Z'), '1700000000.000000000');
    assert.equal(engineTimestampOf('2023-11-14T23:13:20.000000001+01:00'), '1700000000.000000001');
    assert.equal(engineTimestampOf('yesterday'), undefined);
    assert.equal(engineTimestampOf('2023-11-14T22:13:20.1234567891Z'), undefined);
  });

  it('engineTimestamp keeps milliseconds as 9-digit nanoseconds', () => {
    assert.equal(engineTimestamp(new Date(1_700_000_000_123)), '1700000000.123000000');
    assert.equal(engineTimestamp(new Date(1_700_000_000_004)), '1700000000.004000000');
  });

  it('summarizeStats computes CPU % and memory like the CLI', () => {
    const raw = {
      read: '2026-01-01T00:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 3_000 }, system_cpu_usage: 20_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000 }, system_cpu_usage: 10_000 },
      memory_stats: { usage: 1_500, limit: 10_000, stats: { total_inactive_file: 500 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 7 }, { op: 'Write', value: 9 }, { op: 'Total', value: 16 }] },
      pids_stats: { current: 3 },
    } as unknown as Docker.ContainerStats;
    const s = summarizeStats(raw);
    assert.equal(s.cpuPercent, 40);
    assert.equal(s.memoryUsage, 1_000);
    assert.equal(s.memoryPercent, 10);
    assert.deepEqual([s.networkRx, s.networkTx, s.blockRead, s.blockWrite, s.pids], [11, 22, 7, 9, 3]);
    assert.equal(s.readAt, Date.parse('2026-01-01T00:00:01Z'));
  });
});
