// The Contexts view on a temp DOCKER_CONFIG (never the real ~/.docker), checked against the real
// docker CLI reading the same folder: contexts Wharf creates (unix, tcp with TLS files, ssh) are
// the CLI's contexts; a docker-wide switch is what `docker context show` reports; a Wharf-only
// switch leaves the CLI alone and moves Wharf's engine; a `docker context use` in a terminal shows
// in the view by itself (fs watch); remove refuses the current context and takes the TLS files.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contextDigest } from '../../../src/docker/connect';
import { waitFor } from '../../engine/waitFor';
import { engineSuite, until } from './explorerSupport';

function cli(configDir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile('docker', args, { env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '', DOCKER_CONTEXT: '' } }, (err, stdout, stderr) => (err ? reject(new Error(`docker ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout))));
}

describe('docker contexts (Contexts view)', function () {
  const suite = engineSuite();
  const { cleanup, run } = suite;
  const direct = process.env.WHARF_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST ?? '';
  let configDir: string;
  let previous: string | undefined;

  beforeEach(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-docker-config-'));
    previous = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = configDir;
    await run('wharf.contexts.refresh');
  });
  afterEach(async () => {
    if (previous === undefined) delete process.env.DOCKER_CONFIG; else process.env.DOCKER_CONFIG = previous;
    await run('wharf.contexts.refresh');
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  const contexts = (): ReturnType<typeof suite.api.contexts.list> => suite.api.contexts.list();
  const whenView = <T>(what: string, check: () => T | undefined | false): Promise<T> => waitFor(what, check, { wake: (resume) => suite.api.contexts.onDidChangeTreeData(resume) });
  const pem = (label: string): string => {
    const file = path.join(configDir, '..', `${path.basename(configDir)}-${label}.pem`);
    fs.writeFileSync(file, `-----BEGIN ${label.toUpperCase()}-----\nd2hhcmYtdGVzdA==\n-----END ${label.toUpperCase()}-----\n`);
    cleanup.push(() => fs.rmSync(file, { force: true }));
    return file;
  };

  it('creates unix, tcp+TLS and ssh contexts that the docker CLI lists, and removes them with their TLS files', async () => {
    assert.deepEqual(contexts().map((c) => [c.name, c.current]), [['default', true]]);
    assert.equal(await run('wharf.context.create', { name: 'wharf-local', host: direct, description: 'the private dockerd' }), 'wharf-local');
    assert.equal(await run('wharf.context.create', { name: 'wharf-tls', host: 'tcp://127.0.0.1:2376', ca: pem('ca'), cert: pem('cert'), key: pem('key') }), 'wharf-tls');
    assert.equal(await run('wharf.context.create', { name: 'wharf-ssh', host: 'ssh://me@127.0.0.1:2222' }), 'wharf-ssh');
    assert.equal(await run('wharf.context.create', { name: 'wharf-ssh', host: 'ssh://me@elsewhere' }), undefined, 'a second context of the same name is refused');
    assert.deepEqual(contexts().map((c) => c.name), ['default', 'wharf-local', 'wharf-ssh', 'wharf-tls']);

    const listed = (await cli(configDir, 'context', 'ls', '--format', '{{.Name}} {{.DockerEndpoint}}')).trim().split('\n').sort();
    assert.deepEqual(listed.filter((l) => l.startsWith('wharf-')), [`wharf-local ${direct}`, 'wharf-ssh ssh://me@127.0.0.1:2222', 'wharf-tls tcp://127.0.0.1:2376']);
    const inspected = JSON.parse(await cli(configDir, 'context', 'inspect', 'wharf-tls')) as Array<{ TLSMaterial?: { docker?: string[] }; Metadata?: { Description?: string } }>;
    assert.deepEqual(inspected[0].TLSMaterial?.docker?.sort(), ['ca.pem', 'cert.pem', 'key.pem'], 'the CLI finds the TLS files');
    const local = JSON.parse(await cli(configDir, 'context', 'inspect', 'wharf-local')) as Array<{ Metadata?: { Description?: string } }>;
    assert.equal(local[0].Metadata?.Description, 'the private dockerd');
    const tlsItem = suite.api.contexts.getTreeItem({ type: 'context', name: 'wharf-tls' });
    assert.match(String(tlsItem.tooltip), /TLS/);

    suite.api.prompts.answerNext('Remove');
    assert.equal(await run('wharf.context.remove', 'wharf-tls'), 'wharf-tls');
    assert.ok(!fs.existsSync(path.join(configDir, 'contexts', 'tls', contextDigest('wharf-tls'))), 'its TLS files are gone');
    assert.ok(!(await cli(configDir, 'context', 'ls', '--format', '{{.Name}}')).includes('wharf-tls'));
    suite.api.prompts.answerNext('Keep');
    assert.equal(await run('wharf.context.remove', 'wharf-ssh'), undefined, 'Keep keeps it');
    assert.ok(contexts().some((c) => c.name === 'wharf-ssh'));
  });

  it('switches docker-wide or for Wharf only, and notices the CLI switching', async () => {
    await run('wharf.context.create', { name: 'wharf-local', host: direct });
    await run('wharf.context.create', { name: 'wharf-other', host: 'ssh://me@127.0.0.1:2222' });

    // Docker-wide: what `docker context use` does.
    assert.deepEqual(await run('wharf.context.switch', { type: 'context', name: 'wharf-local' }, 'docker'), { name: 'wharf-local', scope: 'docker' });
    assert.equal((await cli(configDir, 'context', 'show')).trim(), 'wharf-local');
    assert.equal(contexts().find((c) => c.current)?.name, 'wharf-local');
    assert.match(String(suite.api.contexts.getTreeItem({ type: 'context', name: 'wharf-local' }).description), /^current/);

    // The CLI switches in a terminal: the view follows by itself (a watch on the docker config).
    await cli(configDir, 'context', 'use', 'wharf-other');
    await whenView('the view marks the context the CLI switched to', () => contexts().find((c) => c.current)?.name === 'wharf-other');
    await cli(configDir, 'context', 'use', 'default');
    await whenView('and back to default', () => contexts().find((c) => c.current)?.name === 'default');

    // Wharf only: the setting, the CLI untouched; Wharf's engine is now that context's.
    const settings = vscode.workspace.getConfiguration('wharf');
    cleanup.push(() => settings.update('engine.context', undefined, vscode.ConfigurationTarget.Global));
    suite.api.prompts.answerNext('For Wharf only');
    assert.deepEqual(await run('wharf.context.switch', 'wharf-local'), { name: 'wharf-local', scope: 'wharf' }, 'asked where, answered "for Wharf only"');
    assert.equal((await cli(configDir, 'context', 'show')).trim(), 'default', 'the CLI keeps its context');
    assert.equal(suite.api.config.engineContext, 'wharf-local');
    await until(suite.api, 'Wharf connected through context wharf-local', () => suite.api.sessions.current.endpoint?.context === 'wharf-local' && suite.api.sessions.current.store.connection.status === 'connected');
    assert.match(String(suite.api.contexts.getTreeItem({ type: 'context', name: 'wharf-local' }).description), /Wharf/);

    // The current context cannot be removed (switch away first, as the CLI asks).
    await run('wharf.context.switch', 'wharf-other', 'docker');
    assert.equal(suite.api.config.engineContext, undefined, 'a docker-wide switch makes Wharf follow the CLI again');
    suite.api.prompts.answerNext('Remove');
    assert.equal(await run('wharf.context.remove', 'wharf-other'), undefined);
    assert.ok(contexts().some((c) => c.name === 'wharf-other'));
  });
});
