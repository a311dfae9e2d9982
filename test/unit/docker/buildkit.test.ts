// BuildKit's pieces that need no engine: the status stream's protobuf decoded (messages written
// with the session's own encoder, shaped like the engine's), vertex names mapped to Dockerfile
// lines, steps folded from statuses (log bytes split mid-character, last lines kept), the builder
// chosen from /version answers, --secret flags, and the frontend check before a build is sent.
import * as assert from 'node:assert/strict';
import { explainFrontendError, frontendProblem, parseSecretFlag } from '../../../src/docker/build';
import { builderFor } from '../../../src/docker/builder';
import { BuildKitSteps, type BuildStepState } from '../../../src/docker/buildProgress';
import { locateVertex, parseVertexName } from '../../../src/docker/buildSteps';
import { decodeStatus } from '../../../src/docker/buildkit/status';
import { readFields, writeFields } from '../../../src/docker/buildkit/wire';
import { isWharfError } from '../../../src/docker/errors';
import type Docker from 'dockerode';

const timestamp = (ms: number): Buffer => writeFields([{ field: 1, varint: Math.floor(ms / 1000) }, { field: 2, varint: (ms % 1000) * 1e6 }]);

function vertex(v: { digest: string; name: string; cached?: boolean; started?: number; completed?: number; error?: string }): Buffer {
  return writeFields([
    { field: 1, bytes: v.digest },
    { field: 2, bytes: 'sha256:input' },
    { field: 3, bytes: v.name },
    ...(v.cached ? [{ field: 4, varint: 1 }] : []),
    ...(v.started !== undefined ? [{ field: 5, bytes: timestamp(v.started) }] : []),
    ...(v.completed !== undefined ? [{ field: 6, bytes: timestamp(v.completed) }] : []),
    ...(v.error ? [{ field: 7, bytes: v.error }] : []),
  ]);
}

function log(digest: string, data: Buffer | string, stream = 1): Buffer {
  return writeFields([{ field: 1, bytes: digest }, { field: 2, bytes: timestamp(1) }, { field: 3, varint: stream }, { field: 4, bytes: data }]);
}

function trace(parts: { vertexes?: Buffer[]; logs?: Buffer[]; statuses?: Buffer[] }): string {
  return writeFields([
    ...(parts.vertexes ?? []).map((bytes) => ({ field: 1, bytes })),
    ...(parts.statuses ?? []).map((bytes) => ({ field: 2, bytes })),
    ...(parts.logs ?? []).map((bytes) => ({ field: 3, bytes })),
  ]).toString('base64');
}

describe('BuildKit status stream', () => {
  it('decodes vertexes, statuses and logs, times in milliseconds and log bytes as bytes', () => {
    const status = decodeStatus(trace({
      vertexes: [vertex({ digest: 'sha256:a', name: '[2/2] RUN make', started: 1_700_000_000_250, completed: 1_700_000_001_500 })],
      statuses: [writeFields([{ field: 1, bytes: 'extracting' }, { field: 2, bytes: 'sha256:a' }, { field: 3, bytes: 'extracting layer' }, { field: 4, varint: 5 }, { field: 5, varint: 10 }])],
      logs: [log('sha256:a', 'hello\n', 2)],
    }));
    assert.deepEqual(status.vertexes, [{ digest: 'sha256:a', inputs: ['sha256:input'], name: '[2/2] RUN make', cached: false, started: 1_700_000_000_250, completed: 1_700_000_001_500, error: '' }]);
    assert.deepEqual(status.statuses, [{ id: 'extracting', vertex: 'sha256:a', name: 'extracting layer', current: 5, total: 10, started: undefined, completed: undefined }]);
    assert.equal(status.logs[0].stream, 2);
    assert.equal(status.logs[0].data.toString(), 'hello\n');
    assert.deepEqual(decodeStatus(''), { vertexes: [], statuses: [], logs: [], warnings: [] });
  });

  it('reads a real trace line the engine sent (dockerd 20.10)', () => {
    // "[base 1/2] FROM docker.io/library/bb:1", started and completed, from the engine's stream.
    const status = decodeStatus('Co0BCkdzaGEyNTY6MzJmNDAzNjA0YTg2MzM1MWEzZjhkMzNmYzJkMjlhMWU2ODIxZmRlNTEyNDRjY2MzZmQ1NjAyNWUzMmRhZmQwYxomW2Jhc2UgMS8yXSBGUk9NIGRvY2tlci5pby9saWJyYXJ5L2JiOjEqDAjIy9XYBhChyeudAjIMCMjL1dgGEOzv+50C');
    assert.equal(status.vertexes[0].name, '[base 1/2] FROM docker.io/library/bb:1');
    assert.match(status.vertexes[0].digest, /^sha256:32f4/);
    assert.ok((status.vertexes[0].completed ?? 0) >= (status.vertexes[0].started ?? Infinity));
  });

  it('rejects a truncated message instead of reading past it', () => {
    assert.throws(() => readFields(Buffer.from([0x0a, 0x05, 0x61])), /truncated/);
  });
});

describe('BuildKit steps on Dockerfile lines', () => {
  const text = 'FROM a AS build\nENV X=1\nRUN one\nCOPY x /x\nFROM build\nARG Y\nRUN two && \\\n    three\n';

  it('names a stage by its name or stage-N, counts FROM and filesystem instructions only', () => {
    assert.deepEqual(parseVertexName('[build 3/3] COPY x /x'), { stage: 'build', index: 3, total: 3, text: 'COPY x /x' });
    assert.equal(parseVertexName('[internal] load metadata for docker.io/library/a:latest'), undefined);
    assert.deepEqual(locateVertex(text, '[build 2/3] RUN one'), { line: 3, endLine: 3, keyword: 'RUN' });
    assert.deepEqual(locateVertex(text, '[BUILD 3/3] COPY x /x'), { line: 4, endLine: 4, keyword: 'COPY' });
    assert.deepEqual(locateVertex(text, '[stage-1 2/2] RUN two &&     three'), { line: 7, endLine: 8, keyword: 'RUN' });
    assert.deepEqual(locateVertex('FROM a\nWORKDIR /w\nRUN x\n', '[3/3] RUN x'), { line: 3, endLine: 3, keyword: 'RUN' });
  });

  it('gives up rather than point at a wrong line', () => {
    assert.equal(locateVertex(text, '[build 2/3] COPY changed /x'), undefined);
    assert.equal(locateVertex(text, '[nosuch 2/3] RUN one'), undefined);
    assert.equal(locateVertex(text, '[2/2] RUN one'), undefined, 'no stage named in a file of two stages');
  });

  it('folds statuses into steps: running once started, done with times, cached; repeats are not news', () => {
    const seen: BuildStepState[] = [];
    const steps = new BuildKitSteps(text, { onStep: (s) => seen.push(s) });
    steps.apply(decodeStatus(trace({ vertexes: [vertex({ digest: 'd1', name: '[build 2/3] RUN one' })] })));
    assert.equal(seen.length, 0, 'announced, not started');
    steps.apply(decodeStatus(trace({ vertexes: [vertex({ digest: 'd1', name: '[build 2/3] RUN one', started: 1000 })] })));
    steps.apply(decodeStatus(trace({ vertexes: [vertex({ digest: 'd1', name: '[build 2/3] RUN one', started: 1000 })] })));
    steps.apply(decodeStatus(trace({ vertexes: [vertex({ digest: 'd1', name: '[build 2/3] RUN one', started: 1000, completed: 2500 }), vertex({ digest: 'd2', name: '[build 3/3] COPY x /x', cached: true, started: 2500, completed: 2500 })] })));
    assert.deepEqual(seen.map((s) => [s.state, s.location?.line, s.completed]), [['running', 3, undefined], ['done', 3, 2500], ['cached', 4, 2500]]);
    assert.equal(steps.count(), 2);
  });

  it('splits a step\'s log into lines across messages and multi-byte characters, keeping the last ten', () => {
    const lines: string[] = [];
    const steps = new BuildKitSteps(text, { onLog: (s, line) => lines.push(`${s.location?.line}:${line}`) });
    steps.apply(decodeStatus(trace({ vertexes: [vertex({ digest: 'd1', name: '[build 2/3] RUN one', started: 1 })] })));
    const word = Buffer.from('grüße\n');
    steps.apply(decodeStatus(trace({ logs: [log('d1', word.subarray(0, 3))] })));
    steps.apply(decodeStatus(trace({ logs: [log('d1', Buffer.concat([word.subarray(3), Buffer.from('a\nb')]))] })));
    assert.deepEqual(lines, ['3:grüße', '3:a']);
    steps.apply(decodeStatus(trace({ logs: [log('d1', '\n' + Array.from({ length: 12 }, (_, i) => `n${i}`).join('\n') + '\ntail')] })));
    steps.apply(decodeStatus(trace({ vertexes: [vertex({ digest: 'd1', name: '[build 2/3] RUN one', started: 1, completed: 2, error: 'exit code: 1' })] })));
    assert.equal(steps.failed()?.location?.line, 3);
    assert.deepEqual(steps.lastLines('d1'), ['n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11', 'tail']);
  });
});

describe('which builder', () => {
  const docker = (version: string, api: string, os = 'linux'): Docker.DockerVersion => ({ Version: version, ApiVersion: api, Os: os, Components: [{ Name: 'Engine', Version: version }] } as unknown as Docker.DockerVersion);

  it('BuildKit on Docker with API 1.39+, frontend 1.4+ built in from Docker 23', () => {
    assert.deepEqual(builderFor(docker('20.10.24+dfsg1', '1.41')), { kind: 'buildkit', engine: 'Docker Engine 20.10.24', frontend14: false });
    assert.deepEqual(builderFor(docker('24.0.7', '1.43')), { kind: 'buildkit', engine: 'Docker Engine 24.0.7', frontend14: true });
  });

  it('the classic builder on Podman, older APIs and Windows engines, with the reason', () => {
    const podman = { Version: '4.3.1', ApiVersion: '1.41', Os: 'linux', Components: [{ Name: 'Podman Engine', Version: '4.3.1' }] } as unknown as Docker.DockerVersion;
    assert.equal(builderFor(podman).kind, 'classic');
    assert.equal(builderFor(podman).engine, 'Podman Engine 4.3.1');
    assert.equal(builderFor(podman).frontend14, false, 'Buildah reads heredocs from Podman 4.8 on');
    assert.equal(builderFor({ ...podman, Components: [{ Name: 'Podman Engine', Version: '5.2.0' }] } as unknown as Docker.DockerVersion).frontend14, true);
    assert.match(builderFor(docker('18.06.3', '1.38')).reason ?? '', /1\.38 is older than 1\.39/);
    assert.match(builderFor(docker('20.10.7', '1.41', 'windows')).reason ?? '', /Linux engine/);
  });
});

describe('build options', () => {
  it('reads --secret as docker build does', () => {
    assert.deepEqual(parseSecretFlag('id=token,src=./token.txt'), { id: 'token', src: './token.txt' });
    assert.deepEqual(parseSecretFlag('id=npmrc,source=/home/u/.npmrc,type=file'), { id: 'npmrc', src: '/home/u/.npmrc' });
    assert.deepEqual(parseSecretFlag('id=aws'), { id: 'aws', src: 'aws' });
    assert.throws(() => parseSecretFlag('src=x'), (err) => isWharfError(err, 'badRequest'));
    assert.throws(() => parseSecretFlag('id=x,type=env'), /only file secrets/);
  });

  it('explains 1.4+ syntax the builder would reject, and lets through what it accepts', () => {
    const old = builderFor({ Version: '20.10.24', ApiVersion: '1.41', Os: 'linux' } as Docker.DockerVersion);
    const use = { requirements: [{ feature: 'RUN <<EOF', line: 3 }, { feature: 'COPY --link', line: 5 }] };
    const problem = frontendProblem(old, use, 'Dockerfile');
    assert.equal(problem?.line, 3);
    assert.equal(problem?.message, 'Dockerfile:3: RUN <<EOF (and 1 more) needs Dockerfile frontend 1.4+; Docker Engine 20.10.24\'s built-in frontend is older and rejects it.');
    assert.match(problem?.hint ?? '', /^Add "# syntax=docker\/dockerfile:1" as the first line when the engine can reach Docker Hub/);
    assert.equal(frontendProblem(old, { ...use, syntax: 'docker/dockerfile:1' }, 'Dockerfile'), undefined, 'a # syntax= line is the engine\'s to resolve');
    assert.equal(frontendProblem({ ...old, frontend14: true }, use, 'Dockerfile'), undefined);
    assert.equal(frontendProblem(old, { requirements: [] }, 'Dockerfile'), undefined);
    const podman = frontendProblem({ kind: 'classic', engine: 'Podman Engine 4.3.1', frontend14: false, reason: 'Podman builds with its own builder (Buildah)' }, { ...use, syntax: 'docker/dockerfile:1' }, 'Dockerfile');
    assert.equal(podman?.message, 'Dockerfile:3: RUN <<EOF (and 1 more) needs Dockerfile frontend 1.4+, which the builder of Podman Engine 4.3.1 does not have (Podman builds with its own builder (Buildah)).');
    assert.equal(podman?.syntaxLineHelps, false, 'a # syntax= line does not help Buildah');
    assert.equal(problem?.syntaxLineHelps, true);
  });

  it('a # syntax= image the engine cannot pull is said plainly (the message dockerd 20.10 gives offline)', () => {
    const offline = 'failed to solve with frontend dockerfile.v0: failed to solve with frontend gateway.v0: failed to do request: Head "https://registry-1.docker.io/v2/docker/dockerfile/manifests/1": dial tcp: lookup registry-1.docker.io: no such host';
    assert.match(explainFrontendError(offline, { requirements: [], syntax: 'docker/dockerfile:1' }), /^the "# syntax=docker\/dockerfile:1" frontend image could not be fetched \(failed to solve .*\)\. The engine pulls it from its registry: without one, remove the line and build on Docker Engine 23 or later\.$/);
    assert.equal(explainFrontendError(offline, { requirements: [] }), offline, 'no # syntax= line: the engine\'s words');
    assert.equal(explainFrontendError('exit code: 1', { requirements: [], syntax: 'docker/dockerfile:1' }), 'exit code: 1');
  });
});
