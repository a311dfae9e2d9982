// The Run flow's text inputs: ports, environment and container names.
import * as assert from 'node:assert/strict';
import { containerNameProblem, parseEnv, parsePorts } from '../../../src/ui/commands/runInputs';

describe('run inputs', () => {
  it('parses port mappings in the docker CLI forms', () => {
    assert.deepEqual(parsePorts('8080:80, 127.0.0.1:8443:443/tcp 53/udp'), [
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 443, hostPort: 8443, hostIp: '127.0.0.1', protocol: 'tcp' },
      { containerPort: 53, protocol: 'udp' },
    ]);
    assert.deepEqual(parsePorts(''), []);
  });

  it('rejects malformed or out-of-range ports with the entry named', () => {
    assert.throws(() => parsePorts('80:abc'), /"80:abc"/);
    assert.throws(() => parsePorts('70000:80'), /1–65535/);
  });

  it('parses NAME=VALUE entries, values may hold spaces and "="', () => {
    assert.deepEqual(parseEnv('MODE=dev LEVEL=2'), { MODE: 'dev', LEVEL: '2' });
    assert.deepEqual(parseEnv('GREETING=hello world, URL=a=b'), { GREETING: 'hello world', URL: 'a=b' });
    assert.deepEqual(parseEnv(''), {});
    assert.throws(() => parseEnv('=x'), /NAME=VALUE/);
  });

  it('accepts the names the engine accepts', () => {
    assert.equal(containerNameProblem(''), undefined);
    assert.equal(containerNameProblem('web-1.a_b'), undefined);
    assert.ok(containerNameProblem('-web'));
    assert.ok(containerNameProblem('<img>'));
  });
});
