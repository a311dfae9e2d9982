import * as assert from 'node:assert/strict';
import { toCreateOptions } from '../../../../src/docker/runOptions';

describe('run options → create body', () => {
  it('maps ports (engine default address when none given), mounts, env, labels, restart policy and runtime', () => {
    const body = toCreateOptions({
      image: 'busybox', name: 'web', command: ['httpd', '-f'], env: { A: '1', B: 'two words' }, labels: { l: 'v' },
      ports: [{ containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1' }, { containerPort: 53, protocol: 'udp' }],
      mounts: [{ type: 'volume', target: '/anon' }, { type: 'volume', source: 'data', target: '/data', readOnly: true }, { type: 'bind', source: '/src', target: '/app' }, { type: 'tmpfs', target: '/tmp' }],
      network: 'backend', restartPolicy: { name: 'unless-stopped' }, autoRemove: true, runtime: 'runsc',
    });
    assert.deepEqual(body, {
      name: 'web', Image: 'busybox', Cmd: ['httpd', '-f'], Env: ['A=1', 'B=two words'], Labels: { l: 'v' },
      ExposedPorts: { '80/tcp': {}, '53/udp': {} }, Volumes: { '/anon': {} },
      Tty: false, OpenStdin: false, AttachStdin: false, AttachStdout: true, AttachStderr: true,
      HostConfig: {
        PortBindings: { '80/tcp': [{ HostPort: '8080', HostIp: '127.0.0.1' }], '53/udp': [{ HostPort: '' }] },
        Mounts: [
          { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: true },
          { Type: 'bind', Source: '/src', Target: '/app', ReadOnly: false },
          { Type: 'tmpfs', Target: '/tmp', Source: '' },
        ],
        NetworkMode: 'backend', RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 }, AutoRemove: true, Runtime: 'runsc',
      },
    });
  });

  it('interactive means a TTY with stdin open; restart "no" is the engine\'s empty name', () => {
    const body = toCreateOptions({ image: 'busybox', interactive: true, restartPolicy: { name: 'no' } });
    assert.equal(body.Tty, true);
    assert.equal(body.OpenStdin, true);
    assert.deepEqual(body.HostConfig?.RestartPolicy, { Name: '', MaximumRetryCount: 0 });
    assert.equal(body.HostConfig?.AutoRemove, false);
  });
});
