// docker build through Wharf against the real private dockerd with its classic builder (what an
// engine without BuildKit gets; the engine here has BuildKit, so these builds name the classic
// builder explicitly): the context is packed from a real folder honouring .dockerignore, options
// reach the engine, and a failing step is reported with its Dockerfile line.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage, BuildFailed } from '../../src/docker/build';
import { isWharfError } from '../../src/docker/errors';
import type { BuilderChoice } from '../../src/docker/builder';
import { outputOf, rawDocker, TEST_IMAGE, uniqueName } from './env';

const classic: BuilderChoice = { kind: 'classic', engine: 'Docker Engine (classic builder asked for)', frontend14: false };

const docker = rawDocker();

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
}

describe('build (engine)', function () {
  let dir: string;
  const images: string[] = [];
  let label: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-build-'));
    label = uniqueName('build');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    // Intermediate containers carry the LABEL set at the top of each test Dockerfile.
    for (const c of await docker.listContainers({ all: true, filters: { label: [`wharf.test.build=${label}`] } })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    for (const ref of images.splice(0)) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
    // Step images of failed or cancelled builds carry the label too; newest (children) first.
    const leftovers = await docker.listImages({ all: true, filters: { label: [`wharf.test.build=${label}`] } });
    for (const image of leftovers.sort((a, b) => b.Created - a.Created)) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  });

  it('sends the context honouring .dockerignore (with an exception); an ignored Dockerfile still builds', async () => {
    await write(dir, {
      Dockerfile: `FROM ${TEST_IMAGE}\nLABEL wharf.test.build=${label}\nCOPY . /ctx\n`,
      '.dockerignore': 'secret.txt\nlogs/\n*.tmp\n!keep.tmp\nDockerfile\n',
      'app.txt': 'app', 'secret.txt': 'secret', 'logs/a.log': 'log', 'x.tmp': 'tmp', 'keep.tmp': 'kept', 'src/main.txt': 'main',
    });
    const tag = `${uniqueName('ctx')}:v1`;
    images.push(tag);
    const lines: string[] = [];
    const result = await buildImage(docker, { contextDir: dir, tags: [tag] }, { builder: classic, onOutput: (l) => lines.push(l) });
    assert.match(result.imageId, /^sha256:[0-9a-f]{64}$/);
    assert.equal((await docker.getImage(tag).inspect()).Id, result.imageId);
    assert.equal(result.steps, 3);
    assert.ok(lines.some((l) => l.startsWith('Step 3/3 : COPY')), lines.join('\n'));
    const listing = (await outputOf(tag, ['ls', '-a', '/ctx', '/ctx/src'])).split(/\s+/).filter(Boolean);
    // The engine applies .dockerignore again when copying, so the Dockerfile it needed is not copied.
    for (const present of ['app.txt', 'keep.tmp', 'src', 'main.txt', '.dockerignore']) assert.ok(listing.includes(present), `${present} in ${listing}`);
    for (const absent of ['secret.txt', 'logs', 'x.tmp', 'Dockerfile']) assert.ok(!listing.includes(absent), `${absent} not in ${listing}`);
  });

  it('uses <Dockerfile>.dockerignore over the context\'s .dockerignore, and refuses a pattern the engine rejects', async () => {
    await write(dir, {
      'docker/App.Dockerfile': `FROM ${TEST_IMAGE}\nLABEL wharf.test.build=${label}\nCOPY . /ctx\n`,
      'docker/App.Dockerfile.dockerignore': 'b.txt\n**/*.log\n',
      '.dockerignore': 'a.txt\n',
      'a.txt': 'a', 'b.txt': 'b', 'deep/c.log': 'c', 'deep/d.txt': 'd',
    });
    const tag = `${uniqueName('ctxignore')}:v1`;
    images.push(tag);
    await buildImage(docker, { contextDir: dir, dockerfile: 'docker/App.Dockerfile', tags: [tag] }, { builder: classic });
    const listing = (await outputOf(tag, ['ls', '-a', '/ctx', '/ctx/deep', '/ctx/docker'])).split(/\s+/).filter(Boolean);
    for (const present of ['a.txt', 'd.txt', '.dockerignore', 'App.Dockerfile']) assert.ok(listing.includes(present), `${present} in ${listing}`);
    for (const absent of ['b.txt', 'c.log']) assert.ok(!listing.includes(absent), `${absent} not in ${listing}`);
    await writeFile(path.join(dir, 'docker/App.Dockerfile.dockerignore'), 'ok\n[a-\n');
    await assert.rejects(buildImage(docker, { contextDir: dir, dockerfile: 'docker/App.Dockerfile', tags: [tag] }, { builder: classic }),
      (error) => isWharfError(error, 'badRequest') && /App\.Dockerfile\.dockerignore:2: syntax error in pattern/.test(error.message));
  });

  it('passes the Dockerfile path, build args, target, labels, platform and several tags', async () => {
    await write(dir, {
      'docker/Build.Dockerfile': [
        `FROM ${TEST_IMAGE} AS base`,
        `LABEL wharf.test.build=${label}`,
        'ARG GREETING=unset',
        'RUN echo "$GREETING" > /greeting',
        'FROM base AS final',
        'RUN echo final > /final',
        '',
      ].join('\n'),
    });
    const tags = [`${uniqueName('multi')}:a`, `${uniqueName('multi')}:b`];
    images.push(...tags);
    const platform = `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;
    const result = await buildImage(docker, {
      contextDir: dir, dockerfile: 'docker/Build.Dockerfile', tags, buildArgs: { GREETING: 'hi there' }, target: 'base',
      labels: { 'wharf.test.extra': 'yes' }, platform,
    }, { builder: classic });
    for (const tag of tags) assert.equal((await docker.getImage(tag).inspect()).Id, result.imageId);
    const info = await docker.getImage(result.imageId).inspect();
    assert.equal(info.Config.Labels?.['wharf.test.extra'], 'yes');
    assert.equal(`${info.Os}/${info.Architecture}`, platform);
    assert.equal(await outputOf(tags[0], ['cat', '/greeting']), 'hi there\n');
    // Target "base": the final stage's file is not in the image.
    assert.equal(await outputOf(tags[0], ['sh', '-c', 'test -e /final && echo yes || echo no']), 'no\n');
  });

  it('a failing step is reported with its Dockerfile line, and no intermediate container is left', async () => {
    await write(dir, {
      Dockerfile: [
        '# syntax comment, not a step',
        `FROM ${TEST_IMAGE}`,
        `LABEL wharf.test.build=${label}`,
        '',
        'RUN echo fine',
        'RUN echo about to fail && \\',
        '    false',
        'CMD ["sleep", "1"]',
        '',
      ].join('\n'),
    });
    const steps: number[] = [];
    await assert.rejects(buildImage(docker, { contextDir: dir }, { builder: classic, onStep: (step) => step.state === 'running' && steps.push(step.location?.line ?? -1) }), (err) => {
      assert.ok(err instanceof BuildFailed, String(err));
      assert.equal(err.location?.line, 6);
      assert.equal(err.location?.endLine, 7);
      assert.equal(err.step?.step, 4);
      assert.equal(err.step?.total, 5);
      assert.match(err.engineMessage ?? '', /returned a non-zero code: 1/);
      assert.match(err.message, /^Dockerfile:6: RUN echo about to fail/);
      return true;
    });
    assert.deepEqual(steps, [2, 3, 5, 6]);
    assert.equal((await docker.listContainers({ all: true, filters: { label: [`wharf.test.build=${label}`] } })).length, 0);
  });

  it('a failing step carries its own last lines of output, and every output line is free of escape codes', async () => {
    await write(dir, {
      Dockerfile: [
        `FROM ${TEST_IMAGE}`,
        `LABEL wharf.test.build=${label}`,
        'RUN echo an-earlier-step',
        // Twelve lines, coloured, one redrawn with carriage returns: the last ten are kept, as drawn.
        // All on stderr: the builder does not keep stdout and stderr lines in the order written.
        'RUN for i in 1 2 3 4 5 6 7 8 9 10 11; do printf \'\\033[1;31mline %s\\033[0m\\n\' $i >&2; done && printf \' 10%%\\r 50%%\\rdone\\n\' >&2 && exit 7',
        '',
      ].join('\n'),
    });
    const output: string[] = [];
    await assert.rejects(buildImage(docker, { contextDir: dir }, { builder: classic, onOutput: (line) => output.push(line) }), (err) => {
      assert.ok(err instanceof BuildFailed, String(err));
      assert.deepEqual(err.lastOutput, ['line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'done']);
      assert.match(err.engineMessage ?? '', /returned a non-zero code: 7$/);
      return true;
    });
    assert.ok(output.includes('line 1') && output.includes('an-earlier-step'), output.join('\n'));
    // eslint-disable-next-line no-control-regex -- looking for the escape character itself
    assert.deepEqual(output.filter((line) => /[\u001b\r]/.test(line)), []);
  });

  it('a build can be cancelled while a step runs', async () => {
    await write(dir, { Dockerfile: `FROM ${TEST_IMAGE}\nLABEL wharf.test.build=${label}\nRUN sleep 30\n` });
    const controller = new AbortController();
    const started = Date.now();
    const build = buildImage(docker, { contextDir: dir }, { builder: classic, signal: controller.signal, onOutput: (l) => l.startsWith('Step 3/3') && setTimeout(() => controller.abort(), 200) });
    await assert.rejects(build, (err) => isWharfError(err, 'cancelled'));
    assert.ok(Date.now() - started < 20_000, 'returned long before the step would have finished');
  });
});
