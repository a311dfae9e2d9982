// Builds with BuildKit on the real private dockerd (20.10: BuildKit through the API, Dockerfile
// frontend 1.2 built in, no registry): options, cache mounts, secrets kept out of the image, the
// failing step on its line with its log, cancel that leaves nothing running, and 1.4+ syntax
// explained before it is sent. Podman builds with its own builder and says so.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { DockerfileParser } from 'dockerfile-ast';
import { buildImage, BuildFailed, FrontendUnsupported, type FrontendUse } from '../../src/docker/build';
import type { BuildStepState } from '../../src/docker/buildProgress';
import { chooseBuilder } from '../../src/docker/builder';
import { isWharfError } from '../../src/docker/errors';
import { frontendRequirements } from '../../src/lint/rules/FrontendSyntaxRequired';
import { outputOf, podmanHost, rawDocker, socketPath, TEST_IMAGE, uniqueName } from './env';
import { waitFor } from './waitFor';

const docker = rawDocker();

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
}

/** The whole `docker save` archive of an image: its config, history and every layer, uncompressed. */
async function savedImage(reference: string): Promise<Buffer> {
  const stream = await docker.getImage(reference).get();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What the linter says the file needs, in the shape Build Image sends (the UI does the same). */
function frontendOf(text: string): FrontendUse {
  const needs = frontendRequirements(DockerfileParser.parse(text));
  return { requirements: needs.requirements.map((r) => ({ feature: r.feature, line: r.range.start.line + 1 })), syntax: needs.syntax };
}

/** Processes on this machine whose command line holds `marker` (BuildKit runs RUN steps itself, not as containers). */
async function processesWith(marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.split('\0').join(' ').includes(marker)) found.push(`${pid}: ${cmdline.split('\0').join(' ')}`);
  }
  return found;
}

describe('build with BuildKit (engine)', function () {
  let dir: string;
  const images: string[] = [];
  beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-buildkit-')); });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    for (const ref of images.splice(0)) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
  });

  it('the engine here builds with BuildKit and its built-in frontend predates 1.4', async () => {
    const builder = await chooseBuilder(docker);
    assert.equal(builder.kind, 'buildkit');
    assert.match(builder.engine, /^Docker Engine 20\.10\./);
    assert.equal(builder.frontend14, false);
  });

  it('multi-stage with RUN --mount=type=cache, --target, build args, tags and labels; a rebuild hits the cache', async () => {
    const marker = uniqueName('cache');
    await write(dir, {
      'Dockerfile': [
        `FROM ${TEST_IMAGE} AS base`,
        'ARG GREETING=hello',
        `RUN --mount=type=cache,target=/cache,id=${marker} sh -c 'echo "$GREETING" >> /cache/runs; busybox wc -l < /cache/runs > /runs-seen; echo "$GREETING" > /greeting'`,
        'FROM base AS final',
        'RUN echo final > /final',
        '',
      ].join('\n'),
      'ignored.txt': 'not sent',
      'Dockerfile.dockerignore': 'ignored.txt\n',
    });
    const tags = [`${uniqueName('bk')}:a`, `${uniqueName('bk')}:b`];
    images.push(...tags);
    const steps: BuildStepState[] = [];
    const result = await buildImage(docker, { contextDir: dir, tags, target: 'base', buildArgs: { GREETING: 'hi there' }, labels: { 'wharf.test.bk': marker }, noCache: true }, { onStep: (s) => steps.push(s) });
    assert.equal(result.builder.kind, 'buildkit');
    for (const tag of tags) assert.equal((await docker.getImage(tag).inspect()).Id, result.imageId);
    const info = await docker.getImage(result.imageId).inspect();
    assert.equal(info.Config.Labels?.['wharf.test.bk'], marker);
    assert.equal(await outputOf(tags[0], ['cat', '/greeting']), 'hi there\n');
    // --target base: the final stage never ran.
    assert.equal(await outputOf(tags[0], ['sh', '-c', 'test -e /final && echo present || echo absent']), 'absent\n');
    const run = steps.filter((s) => s.location?.line === 3);
    assert.deepEqual([run[0]?.state, run.at(-1)?.state], ['running', 'done'], JSON.stringify(steps));
    assert.match(run[0].name, /^\[base 2\/2\] RUN --mount=type=cache/);
    assert.ok(!steps.some((s) => s.name.includes('echo final')), 'the final stage is not built');

    // Again without --no-cache: the RUN step is a cache hit; with it, the cache mount keeps its file.
    const again: BuildStepState[] = [];
    await buildImage(docker, { contextDir: dir, tags: [tags[0]], target: 'base', buildArgs: { GREETING: 'hi there' }, labels: { 'wharf.test.bk': marker } }, { onStep: (s) => again.push(s) });
    assert.equal(again.filter((s) => s.location?.line === 3).at(-1)?.state, 'cached');
    // Another build argument reruns the step (not --no-cache, which BuildKit also applies to cache mounts).
    await buildImage(docker, { contextDir: dir, tags: [tags[0]], target: 'base', buildArgs: { GREETING: 'again' }, labels: { 'wharf.test.bk': marker } });
    assert.equal((await outputOf(tags[0], ['cat', '/runs-seen'])).trim(), '2');
  });

  it('the context leaves out what <Dockerfile>.dockerignore excludes', async () => {
    await write(dir, {
      'app.Dockerfile': `FROM ${TEST_IMAGE}\nCOPY . /ctx\n`,
      'app.Dockerfile.dockerignore': 'secret.txt\n',
      '.dockerignore': 'kept.txt\n',
      'secret.txt': 'x',
      'kept.txt': 'y',
    });
    const tag = `${uniqueName('bkignore')}:1`;
    images.push(tag);
    await buildImage(docker, { contextDir: dir, dockerfile: 'app.Dockerfile', tags: [tag] });
    assert.equal(await outputOf(tag, ['ls', '-A1', '/ctx']), '.dockerignore\napp.Dockerfile\napp.Dockerfile.dockerignore\nkept.txt\n');
  });

  it('a --secret is read by the build and kept in neither a layer nor the history', async () => {
    const secretValue = `wharf-secret-${uniqueName('value')}`;
    await write(dir, {
      'Dockerfile': [
        `FROM ${TEST_IMAGE}`,
        // The step proves it read the secret by writing a digest-free yes/no, never the value.
        `RUN --mount=type=secret,id=token sh -c 'test "$(cat /run/secrets/token)" = "${secretValue.slice(0, 13)}$(echo ${secretValue.slice(13)})" && echo read > /secret-was-read'`,
        '',
      ].join('\n'),
      'token.txt': secretValue,
    });
    const tag = `${uniqueName('bksecret')}:1`;
    images.push(tag);
    await buildImage(docker, { contextDir: dir, tags: [tag], secrets: [{ id: 'token', src: 'token.txt' }], noCache: true });
    assert.equal(await outputOf(tag, ['cat', '/secret-was-read']), 'read\n');
    assert.equal(await outputOf(tag, ['sh', '-c', 'test -e /run/secrets/token && echo kept || echo gone']), 'gone\n');
    const history = await docker.getImage(tag).history();
    assert.ok(history.some((h: { CreatedBy: string }) => h.CreatedBy.includes('secret-was-read')), 'the step is in the history');
    const saved = await savedImage(tag);
    assert.equal(saved.includes(Buffer.from(secretValue)), false, 'the secret value is in no layer, config or history');
  });

  it('a missing secret fails the step that mounts it, on its line', async () => {
    await write(dir, { Dockerfile: `FROM ${TEST_IMAGE}\nRUN echo one\nRUN --mount=type=secret,id=absent,required=true cat /run/secrets/absent\n` });
    await assert.rejects(buildImage(docker, { contextDir: dir, noCache: true }), (err) => {
      assert.ok(err instanceof BuildFailed, String(err));
      assert.equal(err.location?.line, 3);
      return true;
    });
  });

  it('a failing step is reported on its Dockerfile line with its last lines of output', async () => {
    await write(dir, {
      'build/App.Dockerfile': [
        `FROM ${TEST_IMAGE} AS build`,
        'ENV A=1',
        'RUN echo fine',
        'RUN for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "line $i" >&2; done && \\',
        '    echo about-to-fail >&2 && exit 3',
        'FROM build',
        '',
      ].join('\n'),
    });
    const logged: string[] = [];
    await assert.rejects(buildImage(docker, { contextDir: dir, dockerfile: 'build/App.Dockerfile', noCache: true }, { onLog: (step, line) => logged.push(`${step.location?.line}:${line}`) }), (err) => {
      assert.ok(err instanceof BuildFailed, String(err));
      assert.equal(err.location?.line, 4);
      assert.equal(err.location?.endLine, 5);
      assert.deepEqual(err.step, { step: 3, total: 3, text: err.step?.text });
      assert.match(err.step?.text ?? '', /^RUN for i in/);
      assert.match(err.engineMessage ?? '', /exit code: 3/);
      assert.match(err.message, /^build\/App\.Dockerfile:4: RUN for i in/);
      assert.equal(err.lastOutput.length, 10);
      assert.equal(err.lastOutput.at(-1), 'about-to-fail');
      assert.equal(err.lastOutput[0], 'line 4');
      return true;
    });
    assert.ok(logged.includes('4:line 1') && logged.includes('3:fine'), logged.join('\n'));
  });

  it('cancel stops the build on the engine and leaves nothing running', async () => {
    const marker = String(4000 + Math.floor(Math.random() * 5000)) + String(process.pid % 1000).padStart(3, '0');
    await write(dir, { Dockerfile: `FROM ${TEST_IMAGE}\nRUN sleep ${marker}\n` });
    const containersBefore = (await docker.listContainers({ all: true })).length;
    const controller = new AbortController();
    const build = buildImage(docker, { contextDir: dir, noCache: true }, {
      signal: controller.signal,
      onStep: (step) => { if (step.state === 'running' && step.location?.line === 2) void waitFor('the step\'s process', async () => (await processesWith(`sleep ${marker}`)).length > 0).then(() => controller.abort()); },
    });
    await assert.rejects(build, (err) => isWharfError(err, 'cancelled'));
    await waitFor('the build\'s process to end', async () => (await processesWith(`sleep ${marker}`)).length === 0, { detail: () => `sleep ${marker} still running` });
    assert.equal((await docker.listContainers({ all: true })).length, containersBefore);
  });

  it('--ssh default forwards the ssh agent: ssh-add -l in a RUN step lists the agent\'s key', async () => {
    // This machine's ssh-add and the libraries it loads, at their own paths, so the step has a
    // real agent client; the agent is a real ssh-agent holding a key made for this test.
    const files = ['/usr/bin/ssh-add', ...spawnSync('ldd', ['/usr/bin/ssh-add'], { encoding: 'utf8' }).stdout.split('\n').flatMap((line) => line.trim().split(' ').filter((word) => word.startsWith('/')))];
    for (const file of files) cpSync(file, path.join(dir, 'rootfs', file), { dereference: true });
    await write(dir, { Dockerfile: `FROM ${TEST_IMAGE}\nCOPY rootfs/ /\nRUN --mount=type=ssh ssh-add -l > /agent-keys\n` });
    const agentSocket = path.join(dir, 'agent.sock');
    const comment = uniqueName('sshkey');
    assert.equal(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path.join(dir, 'key')]).status, 0, 'ssh-keygen');
    const agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
    try {
      await waitFor('ssh-agent to listen', () => spawnSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } }).status === 1);
      assert.equal(spawnSync('ssh-add', [path.join(dir, 'key')], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } }).status, 0, 'ssh-add');
      const tag = `${uniqueName('bkssh')}:1`;
      images.push(tag);
      await buildImage(docker, { contextDir: dir, tags: [tag], sshAgentSocket: agentSocket, noCache: true });
      assert.match(await outputOf(tag, ['cat', '/agent-keys']), new RegExp(`^256 SHA256:\\S+ ${comment} \\(ED25519\\)\\n$`));
    } finally {
      agent.kill();
    }
  });

  it('heredocs and COPY --link are explained before the build is sent, instead of the frontend\'s error', async () => {
    const text = `FROM ${TEST_IMAGE}\nCOPY --link a.txt /a\nRUN <<EOF\necho hi > /hi\nEOF\n`;
    await write(dir, { 'Dockerfile': text, 'a.txt': 'a' });
    // What the engine's built-in frontend says when such a file is sent anyway.
    await assert.rejects(buildImage(docker, { contextDir: dir }), (err) => {
      assert.ok(err instanceof BuildFailed, String(err));
      assert.match(err.engineMessage ?? '', /Unknown flag: link|unknown instruction/i);
      return true;
    });
    const sent: string[] = [];
    await assert.rejects(buildImage(docker, { contextDir: dir, frontend: frontendOf(text) }, { onStep: (s) => sent.push(s.name) }), (err) => {
      assert.ok(err instanceof FrontendUnsupported, String(err));
      assert.equal(err.line, 2);
      assert.match(err.message, /^Dockerfile:2: COPY --link \(and 1 more\) needs Dockerfile frontend 1\.4\+; Docker Engine 20\.10\.\d+'s built-in frontend is older/);
      assert.match(err.hint ?? '', /# syntax=docker\/dockerfile:1.*Docker Engine 23/);
      return true;
    });
    assert.deepEqual(sent, [], 'nothing was sent to the engine');
    // No engine here has frontend 1.4+ built in (Docker 23+), and the `# syntax=` image cannot be
    // pulled offline: that the same file builds where it can is left to such an engine.
  });

  it('Podman builds with its own builder, and says so; --secret asks for BuildKit; a heredoc is explained', async () => {
    const podman = new Docker({ socketPath: socketPath(podmanHost()) });
    await write(dir, { Dockerfile: `FROM ${TEST_IMAGE}\nRUN echo podman\n` });
    const builder = await chooseBuilder(podman);
    assert.equal(builder.kind, 'classic');
    assert.match(builder.engine, /^Podman Engine 4\./);
    assert.match(builder.reason ?? '', /Buildah/);
    await assert.rejects(buildImage(podman, { contextDir: dir, secrets: [{ id: 'x', src: 'Dockerfile' }] }), (err) => isWharfError(err, 'badRequest') && /--secret needs BuildKit; Podman Engine/.test(err.message));
    const heredoc = `FROM ${TEST_IMAGE}\nRUN <<EOF\necho hi\nEOF\n`;
    await assert.rejects(buildImage(podman, { contextDir: dir, frontend: frontendOf(heredoc) }), (err) => {
      assert.ok(err instanceof FrontendUnsupported, String(err));
      assert.match(err.message, /^Dockerfile:2: RUN <<EOF needs Dockerfile frontend 1\.4\+, which the builder of Podman Engine 4\.3\.\d+ does not have/);
      assert.equal(err.syntaxLineHelps, false);
      return true;
    });
    const tag = `${uniqueName('podmanbuild')}:1`;
    const result = await buildImage(podman, { contextDir: dir, tags: [tag] });
    assert.equal(result.builder.kind, 'classic');
    await podman.getImage(tag).remove({ force: true });
  });
});
