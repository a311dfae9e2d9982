// The pure parts of Compose support: which Compose is found (real temp folders with real
// executables), the project's name and files by Compose's rules, the arguments and environment of
// a run, the projects derived from container labels, and log timestamps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPluginDirs, findCompose } from '../../../src/docker/composeFind';
import { definedServices, serviceNameContext } from '../../../src/docker/composeCompletion';
import { splitTimestamp } from '../../../src/docker/composeLogs';
import { composeProjects, configFilesOf } from '../../../src/docker/composeModel';
import { composeFileKind, filesFor, normalizeProjectName, parseEnvFile, profileNames, resolveProject, serviceNames } from '../../../src/docker/composeProject';
import { composeArgs, composeEnvironment, runCompose } from '../../../src/docker/composeRun';
import { contextDigest, resolveEndpoint } from '../../../src/docker/connect';
import type { ContainerModel } from '../../../src/docker/model';

function executable(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

describe('compose: finding the user\'s Compose', () => {
  let home: string;
  beforeEach(() => { home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-compose-')); });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  // Only files below the temp home count: the machine's own plugins and PATH must not decide a test.
  const within = (file: string): boolean => file.startsWith(home) && fs.existsSync(file) && (fs.statSync(file).mode & 0o111) !== 0;

  it('prefers the v2 plugin in DOCKER_CONFIG/cli-plugins over docker-compose on PATH', () => {
    const bin = path.join(home, 'bin');
    executable(path.join(bin, 'docker-compose'));
    const plugin = executable(path.join(home, 'cfg', 'cli-plugins', 'docker-compose'));
    const found = findCompose({ env: { DOCKER_CONFIG: path.join(home, 'cfg'), PATH: bin }, homedir: home, platform: 'linux', isExecutable: within });
    assert.deepEqual(found, { flavor: 'plugin', file: plugin });
  });

  it('looks in ~/.docker/cli-plugins, then cliPluginsExtraDirs, then the system folders, in the CLI\'s order', () => {
    fs.mkdirSync(path.join(home, '.docker'), { recursive: true });
    fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ cliPluginsExtraDirs: ['/opt/extra'] }));
    const dirs = cliPluginDirs({ env: {}, homedir: home, platform: 'linux' });
    assert.deepEqual(dirs, [path.join(home, '.docker', 'cli-plugins'), '/opt/extra', '/usr/local/lib/docker/cli-plugins',
      '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins']);
    assert.ok(cliPluginDirs({ env: {}, homedir: home, platform: 'darwin' }).includes('/Applications/Docker.app/Contents/Resources/cli-plugins'));
  });

  it('falls back to docker-compose on PATH, and to podman-compose only for a Podman engine', () => {
    const bin = path.join(home, 'bin');
    const podmanCompose = executable(path.join(bin, 'podman-compose'));
    const input = { env: { PATH: bin }, homedir: home, platform: 'linux' as const, isExecutable: within };
    assert.equal(findCompose({ ...input, engineKind: 'docker' }), undefined);
    assert.deepEqual(findCompose({ ...input, engineKind: 'podman' }), { flavor: 'podman-compose', file: podmanCompose });
    const standalone = executable(path.join(bin, 'docker-compose'));
    assert.deepEqual(findCompose({ ...input, engineKind: 'podman' }), { flavor: 'standalone', file: standalone });
  });

  it('a file that is not executable is no Compose', () => {
    const bin = path.join(home, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'docker-compose'), 'not a program', { mode: 0o644 });
    assert.equal(findCompose({ env: { PATH: bin }, homedir: home, platform: 'linux', isExecutable: within }), undefined);
  });
});

describe('compose: project name and files', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-compose-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => { const f = path.join(dir, name); fs.mkdirSync(path.dirname(f), { recursive: true }); fs.writeFileSync(f, text); return f; };

  it('knows the default files and the compose.*.yaml overrides, and nothing else', () => {
    for (const f of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']) assert.equal(composeFileKind(f), 'base', f);
    for (const f of ['compose.prod.yaml', 'compose.override.yml', 'docker-compose.dev.yml']) assert.equal(composeFileKind(f), 'override', f);
    for (const f of ['compose.json', 'mycompose.yaml', 'compose.a.b.yaml', 'values.yaml']) assert.equal(composeFileKind(f), undefined, f);
  });

  it('normalises a name as Compose does', () => {
    assert.equal(normalizeProjectName('My App.v2'), 'myappv2');
    assert.equal(normalizeProjectName('__-Shop_1'), 'shop_1');
    assert.equal(normalizeProjectName('ÄÖ-x'), 'x');
  });

  it('takes -p, then COMPOSE_PROJECT_NAME, then the .env file, then name:, then the folder', () => {
    const file = write('My.Project/compose.yaml', 'name: From-File\nservices: {a: {image: x}}\n');
    const source = { files: [file], envFiles: [] };
    assert.deepEqual([resolveProject(source, { env: {} }).name, resolveProject(source, { env: {} }).nameFrom], ['from-file', 'file']);
    write('My.Project/.env', '# comment\nCOMPOSE_PROJECT_NAME="Env File"\n');
    assert.equal(resolveProject(source, { env: {} }).name, 'envfile');
    assert.equal(resolveProject(source, { env: { COMPOSE_PROJECT_NAME: 'FromEnv' } }).name, 'fromenv');
    assert.equal(resolveProject({ ...source, projectName: 'Flag' }, { env: { COMPOSE_PROJECT_NAME: 'x' } }).nameFrom, 'flag');
    const bare = write('My.Other/docker-compose.yml', 'services: {a: {image: x}}\n');
    assert.equal(resolveProject({ files: [bare], envFiles: [] }, { env: {} }).name, 'myother');
  });

  it('an --env-file replaces .env for the name, and the last file with name: wins', () => {
    const base = write('p/compose.yaml', 'name: base\nservices: {a: {image: x}}\n');
    const over = write('p/compose.prod.yaml', 'name: prod\n');
    assert.equal(resolveProject({ files: [base, over], envFiles: [] }, { env: {} }).name, 'prod');
    write('p/.env', 'COMPOSE_PROJECT_NAME=dotenv\n');
    const envFile = write('p/prod.env', 'COMPOSE_PROJECT_NAME=prodenv\n');
    assert.equal(resolveProject({ files: [base], envFiles: [envFile] }, { env: {} }).name, 'prodenv');
  });

  it('a base file brings its override; an override file comes after its base', () => {
    const base = write('q/compose.yaml', '');
    assert.deepEqual(filesFor(base), [base]);
    const override = write('q/compose.override.yaml', '');
    assert.deepEqual(filesFor(base), [base, override]);
    const prod = write('q/compose.prod.yaml', '');
    assert.deepEqual(filesFor(prod), [base, prod]);
  });

  it('lists the services and profiles of several files together', () => {
    const a = write('r/compose.yaml', 'services:\n  web: {image: x, profiles: [debug]}\n  db: {image: y}\n');
    const b = write('r/compose.dev.yaml', 'services:\n  tools: {image: z, profiles: [dev, debug]}\n');
    assert.deepEqual(serviceNames([a, b]), ['db', 'tools', 'web']);
    assert.deepEqual(profileNames([a, b]), ['debug', 'dev']);
    assert.deepEqual(serviceNames([write('r/broken.yaml', 'services: [')]), []);
  });

  it('reads KEY=VALUE env files, quotes removed', () => {
    assert.deepEqual([...parseEnvFile('A=1\n export B = "two words"\n#C=3\n\nD=\'x\'\nbad line\n')], [['A', '1'], ['B', 'two words'], ['D', 'x']]);
  });
});

describe('compose: arguments and environment of a run', () => {
  const project = { name: 'shop', workingDir: '/w', files: ['/w/compose.yaml', '/w/compose.prod.yaml'], envFiles: ['/w/prod.env'], nameFrom: 'folder' as const };
  const v2 = { flavor: 'plugin' as const, file: '/p/docker-compose' };

  it('pins every run to the project and never removes images', () => {
    const global = ['-p', 'shop', '-f', '/w/compose.yaml', '-f', '/w/compose.prod.yaml', '--env-file', '/w/prod.env'];
    assert.deepEqual(composeArgs(v2, project, { verb: 'up', services: ['web'], profiles: ['debug'] }), [...global, '--profile', 'debug', 'up', '-d', 'web']);
    assert.deepEqual(composeArgs(v2, project, { verb: 'down', removeVolumes: false }), [...global, 'down']);
    assert.deepEqual(composeArgs(v2, project, { verb: 'down', removeVolumes: true }), [...global, 'down', '--volumes']);
    assert.deepEqual(composeArgs(v2, project, { verb: 'scale', service: 'api', replicas: 3 }), [...global, 'up', '-d', '--no-deps', '--no-recreate', '--scale', 'api=3', 'api']);
    assert.deepEqual(composeArgs(v2, project, { verb: 'restart', services: ['db'] }), [...global, 'restart', 'db']);
    assert.deepEqual(composeArgs(v2, project, { verb: 'pull' }), [...global, 'pull']);
    // A service name is one argument, whatever it holds.
    assert.ok(composeArgs(v2, project, { verb: 'stop', services: ['a; rm -rf /'] }).includes('a; rm -rf /'));
  });

  it('refuses what podman-compose 1.0 would silently ignore', () => {
    const podman = { flavor: 'podman-compose' as const, file: '/usr/bin/podman-compose' };
    assert.throws(() => composeArgs(podman, project, { verb: 'up' }), /--env-file/);
    const plain = { ...project, envFiles: [] };
    assert.throws(() => composeArgs(podman, plain, { verb: 'up', profiles: ['x'] }), /--profile/);
    assert.deepEqual(composeArgs(podman, plain, { verb: 'up' }).slice(-2), ['up', '-d']);
  });

  it('points Compose at Wharf\'s engine and drops the user\'s other engine variables', () => {
    const env = composeEnvironment(resolveEndpoint({ host: 'unix:///run/x.sock', env: {} }), { DOCKER_CONTEXT: 'other', DOCKER_TLS_VERIFY: '1', PATH: '/bin' }, '/home/u');
    assert.deepEqual(env, { DOCKER_HOST: 'unix:///run/x.sock', PATH: '/bin' });
  });

  it('a TLS context hands Compose the context\'s certificate folder', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-compose-'));
    try {
      const configDir = path.join(home, '.docker');
      const digest = contextDigest('remote');
      fs.mkdirSync(path.join(configDir, 'contexts', 'meta', digest), { recursive: true });
      fs.writeFileSync(path.join(configDir, 'contexts', 'meta', digest, 'meta.json'), JSON.stringify({ Name: 'remote', Endpoints: { docker: { Host: 'tcp://10.0.0.5:2376' } } }));
      const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
      fs.mkdirSync(tlsDir, { recursive: true });
      fs.writeFileSync(path.join(tlsDir, 'ca.pem'), 'CA');
      const endpoint = resolveEndpoint({ context: 'remote', env: {}, homedir: home });
      const env = composeEnvironment(endpoint, {}, home);
      assert.deepEqual(env, { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_CERT_PATH: tlsDir, DOCKER_TLS_VERIFY: '1' });
    } finally { fs.rmSync(home, { recursive: true, force: true }); }
  });
});

function container(id: string, labels: Record<string, string>, state: ContainerModel['state'] = 'running', createdAt = 1): ContainerModel {
  return { id, name: id, image: 'x', imageId: 'sha256:x', command: '', state, createdAt, ports: [], mounts: [], labels, networks: [], composeProject: labels['com.docker.compose.project'] };
}

describe('compose: projects from container labels', () => {
  const labels = (service: string, number: string, extra: Record<string, string> = {}): Record<string, string> => ({
    'com.docker.compose.project': 'shop', 'com.docker.compose.service': service, 'com.docker.compose.container-number': number,
    'com.docker.compose.project.working_dir': '/w/shop', ...extra,
  });

  it('v1 names config files relative to the working folder, v2 absolute: both come back absolute', () => {
    assert.deepEqual(configFilesOf(labels('a', '1', { 'com.docker.compose.project.config_files': 'compose.yaml,compose.prod.yaml' })), ['/w/shop/compose.yaml', '/w/shop/compose.prod.yaml']);
    assert.deepEqual(configFilesOf(labels('a', '1', { 'com.docker.compose.project.config_files': '/elsewhere/compose.yaml' })), ['/elsewhere/compose.yaml']);
  });

  it('groups services and their replicas in number order, one-offs last, and counts what runs', () => {
    const projects = composeProjects([
      container('w2', labels('web', '2')), container('w10', labels('web', '10'), 'exited'), container('w1', labels('web', '1')),
      container('run', labels('web', '1', { 'com.docker.compose.oneoff': 'True' })), container('db', labels('db', '1')),
      container('other', {}),
    ]);
    assert.equal(projects.length, 1);
    const [shop] = projects;
    assert.deepEqual(shop.services.map((s) => [s.name, s.containers.map((c) => c.id), s.running]), [['db', ['db'], 1], ['web', ['w1', 'w2', 'w10', 'run'], 3]]);
    assert.deepEqual([shop.running, shop.total, shop.workingDir], [4, 5, '/w/shop']);
  });
});

describe('compose: log timestamps', () => {
  it('splits the engine\'s stamp from the text, to the nanosecond', () => {
    assert.deepEqual(splitTimestamp('2026-12-06T13:00:01.000000123Z hello world'), { time: [Date.UTC(2026, 11, 6, 13, 0, 1) / 1000, 123], text: 'hello world' });
    assert.deepEqual(splitTimestamp('2026-12-06T13:00:01.5Z x').time[1], 500_000_000);
    assert.deepEqual(splitTimestamp('no stamp here'), { time: [0, 0], text: 'no stamp here' });
  });
});

describe('compose: where service names complete', () => {
  /** The context at the `|` in `text`. */
  const at = (text: string): { service: string } | undefined => serviceNameContext(text.replace('|', ''), text.indexOf('|'));
  const head = 'services:\n  db:\n    image: x\n  web:\n    image: y\n';

  it('in depends_on and links: list items, map keys, a flow list on the key\'s line', () => {
    assert.deepEqual(at(`${head}    depends_on:\n      - d|`), { service: 'web' });
    assert.deepEqual(at(`${head}    depends_on:\n      d|`), { service: 'web' });
    assert.deepEqual(at(`${head}    depends_on: [db, |`), { service: 'web' });
    assert.deepEqual(at(`${head}    links:\n      - |`), { service: 'web' });
  });

  it('as extends\' value and as extends.service', () => {
    assert.deepEqual(at(`${head}    extends: |`), { service: 'web' });
    assert.deepEqual(at(`${head}    extends:\n      file: common.yaml\n      service: |`), { service: 'web' });
  });

  it('nowhere else: a condition under depends_on, an image, a top-level key, another list', () => {
    assert.equal(at(`${head}    depends_on:\n      db:\n        condition: |`), undefined);
    assert.equal(at(`${head}    image: |`), undefined);
    assert.equal(at(`${head}    ports:\n      - |`), undefined);
    assert.equal(at('depends_on:\n  - |'), undefined);
    assert.equal(at(`${head}    extends: {service: |`), undefined);
  });

  it('lists the services a file defines, even while the file is half written', () => {
    assert.deepEqual(definedServices(`${head}    depends_on: [\nvolumes:\n  data: {}\n`), ['db', 'web']);
    assert.deepEqual(definedServices('services:\n    # a comment\n    api:\n      image: x\n    worker: {image: y}\n'), ['api', 'worker']);
  });
});

describe('compose: running Compose', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-compose-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A stand-in Compose: a real executable that prints its arguments one per line, then waits when asked. */
  const fakeCompose = (): { flavor: 'standalone'; file: string } => {
    const file = path.join(dir, 'docker-compose');
    fs.writeFileSync(file, '#!/bin/sh\nfor a in "$@"; do echo "arg:$a"; done\necho "host:$DOCKER_HOST"\nif [ "$1" = wait ]; then trap \'kill $!; echo interrupted; exit 130\' INT; echo waiting; sleep 30 & wait; fi\nexit 3\n', { mode: 0o755 });
    return { flavor: 'standalone', file };
  };

  it('passes each argument as it is (no shell reads them) with the engine environment, and reports the exit code', async () => {
    const result = await runCompose(fakeCompose(), ['-p', 'x', 'up', '$(touch pwned)', 'a b;c'], { env: { DOCKER_HOST: 'unix:///e.sock', PATH: process.env.PATH }, cwd: dir });
    assert.equal(result.exitCode, 3);
    assert.deepEqual(result.output.trim().split('\n'), ['arg:-p', 'arg:x', 'arg:up', 'arg:$(touch pwned)', 'arg:a b;c', 'host:unix:///e.sock']);
    assert.equal(fs.existsSync(path.join(dir, 'pwned')), false);
  });

  it('Cancel interrupts Compose as Ctrl-C would', async () => {
    const abort = new AbortController();
    const running = runCompose(fakeCompose(), ['wait'], { env: { PATH: process.env.PATH }, cwd: dir, signal: abort.signal, onOutput: (text) => { if (text.includes('waiting')) abort.abort(); } });
    const result = await running;
    assert.deepEqual([result.cancelled, result.exitCode], [true, 130]);
    assert.match(result.output, /interrupted/);
  });

  it('a Compose that cannot be started is an error with the way to install one', async () => {
    await assert.rejects(runCompose({ flavor: 'standalone', file: path.join(dir, 'missing') }, [], { env: {}, cwd: dir }), (err: Error & { hint?: string }) => /could not be started/.test(err.message) && /Install Docker Compose/.test(err.hint ?? ''));
  });
});
