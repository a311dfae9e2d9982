// What `npm start` asks before it decides on a demo engine: the engine Wharf would pick, resolved
// exactly as the extension resolves it, and whether it answers — against the real private dockerd.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextDigest, type ResolveFs } from '../../src/docker/connect';
import { probeEngine } from '../../src/docker/engineProbe';
import { dockerHost } from './env';

describe('engine probe (engine)', function () {
  this.timeout(30_000);
  let home: string;
  let configDir: string;
  /** Hides the machine-wide sockets: the probe must never find a user's own daemon here. */
  const files: ResolveFs = {
    readFile: (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
    exists: (file) => file.startsWith(home) && fs.existsSync(file),
  };
  const probe = (env: NodeJS.ProcessEnv): ReturnType<typeof probeEngine> =>
    probeEngine({ env: { DOCKER_CONFIG: configDir, ...env }, homedir: home, platform: 'linux', fs: files }, 5_000);

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-probe-'));
    configDir = path.join(home, 'docker-config');
    fs.mkdirSync(configDir);
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('finds the engine of the current docker context and says it answers, naming it', async () => {
    const metaDir = path.join(configDir, 'contexts', 'meta', contextDigest('wharf-ctx'));
    fs.mkdirSync(metaDir, { recursive: true });
    fs.writeFileSync(path.join(metaDir, 'meta.json'), JSON.stringify({ Name: 'wharf-ctx', Metadata: {}, Endpoints: { docker: { Host: dockerHost() } } }));
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: 'wharf-ctx' }));
    const result = await probe({});
    assert.equal(result.reachable, true, JSON.stringify(result));
    if (!result.reachable) return;
    assert.deepEqual([result.endpoint.url, result.endpoint.source, result.endpoint.context], [dockerHost(), 'currentContext', 'wharf-ctx']);
    assert.equal(result.engine.kind, 'docker');
  });

  it('DOCKER_HOST pointing nowhere: not reachable, with the endpoint and the reason', async () => {
    const result = await probe({ DOCKER_HOST: 'unix:///nonexistent' });
    assert.equal(result.reachable, false);
    if (result.reachable) return;
    assert.equal(result.endpoint?.source, 'DOCKER_HOST');
    assert.equal(result.reason, 'Could not connect: no container engine is reachable at unix:///nonexistent.');
  });

  it('a context that does not exist: not reachable, and no endpoint resolved', async () => {
    const result = await probe({ DOCKER_CONTEXT: 'no-such-ctx' });
    assert.deepEqual(result, { reachable: false, reason: 'Docker context "no-such-ctx" does not exist.' });
  });
});
