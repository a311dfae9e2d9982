// The editing service's own parts beside the library: stage names where a stage can be named,
// the Outline and folds from Wharf's parse, what a FROM image is and which local image it names.
import * as assert from 'node:assert/strict';
import type { ImageModel } from '../../../src/docker/model';
import { EditingService } from '../../../src/editing/service';
import { normalizeReference } from '../../../src/editing/fromImage';

const service = new EditingService();

const MULTI = [
  'ARG BASE=alpine:3.19',
  'FROM golang:1.22 AS build',
  'RUN go build -o /out/app',
  'FROM $BASE AS test',
  'RUN --mount=type=bind,from=,target=/src ls',
  'FROM ',
  'COPY --from= /out/app /app',
  'RUN <<EOF',
  'echo one',
  'echo two',
  'EOF',
  'CMD ["/app"]',
].join('\n');

const labels = (items: { label: string }[]) => items.map((i) => i.label);

function image(id: string, tags: string[], createdAt: number, size = 1000): ImageModel {
  return { id, repoTags: tags, repoDigests: [], createdAt, size, labels: {}, containers: -1 };
}

describe('editing: completion beyond the library', () => {
  it('offers earlier stages for a FROM image, and says a local image goes there', async () => {
    const result = await service.completion('file:///multi', MULTI, { line: 5, character: 5 });
    assert.deepEqual(labels(result.items.filter((i) => i.sortText?.startsWith('0'))), ['build', 'test']);
    assert.ok(result.image, 'the cursor is where a FROM image goes');
    assert.equal(result.image.written, '');
  });

  it('offers earlier stages in RUN --mount=from= and (through the library) COPY --from=', async () => {
    const mount = await service.completion('file:///multi', MULTI, { line: 4, character: 'RUN --mount=type=bind,from='.length });
    assert.deepEqual(labels(mount.items), ['build']);
    const copy = await service.completion('file:///multi', MULTI, { line: 6, character: 'COPY --from='.length });
    assert.ok(labels(copy.items).includes('build') && labels(copy.items).includes('test'), labels(copy.items).join());
  });

  it('completes instructions and variables through the library, never asking a registry in a FROM tag', async () => {
    const keywords = await service.completion('file:///multi', `${MULTI}\nEX`, { line: 12, character: 2 });
    assert.ok(labels(keywords.items).some((l) => l.startsWith('EXPOSE')), labels(keywords.items).join());
    const tag = await service.completion('file:///tag', 'FROM alpine:3', { line: 0, character: 13 });
    assert.equal(tag.image?.written, 'alpine:3');
    assert.deepEqual(tag.items, []);
  });
});

describe('editing: hover and signature help', () => {
  it('documents instructions and says which FROM image is under the cursor, ARGs resolved', () => {
    const keyword = service.hover('file:///multi', MULTI, { line: 2, character: 1 });
    assert.match(JSON.stringify(keyword.hover?.contents), /RUN/);
    assert.equal(keyword.image, undefined);
    const from = service.hover('file:///multi', MULTI, { line: 3, character: 7 });
    assert.deepEqual({ written: from.image?.written, resolved: from.image?.resolved }, { written: '$BASE', resolved: 'alpine:3.19' });
  });

  it('knows a FROM that names a stage', () => {
    const text = 'FROM alpine AS base\nFROM base';
    assert.equal(service.hover('file:///stage', text, { line: 1, character: 6 }).image?.stage, 'base');
  });

  it('gives the signature of the instruction being typed', () => {
    const help = service.signatureHelp('file:///sig', 'FROM alpine\nHEALTHCHECK ', { line: 1, character: 12 });
    assert.ok(help && help.signatures.length > 0);
  });
});

describe('editing: Outline and folding', () => {
  it('puts global instructions first, then each stage with its instructions', () => {
    const symbols = service.documentSymbols('file:///multi', MULTI);
    assert.deepEqual(symbols.map((s) => [s.name, s.detail, (s.children ?? []).map((c) => c.name)]), [
      ['ARG', 'BASE=alpine:3.19', ['BASE']],
      ['build', 'FROM golang:1.22', ['RUN']],
      ['test', 'FROM $BASE', ['RUN']],
      ['stage 2', 'FROM', ['COPY', 'RUN', 'CMD']],
    ]);
    assert.deepEqual(symbols[1].range, { start: { line: 1, character: 0 }, end: { line: 2, character: 24 } });
  });

  it('folds stages and heredocs', () => {
    const folds = service.foldingRanges('file:///multi', MULTI).map((f) => `${f.startLine}-${f.endLine}`);
    assert.deepEqual(folds, ['1-2', '3-4', '5-11', '7-10']);
  });
});

describe('editing: FROM images and the engine\'s list', () => {
  it('normalizes references the way the engine lists them', () => {
    assert.equal(normalizeReference('alpine'), 'alpine:latest');
    assert.equal(normalizeReference('docker.io/library/alpine:3'), 'alpine:3');
    assert.equal(normalizeReference('localhost:5000/app'), 'localhost:5000/app:latest');
    assert.equal(normalizeReference('alpine@sha256:abc'), 'alpine@sha256:abc');
  });

  it('finds the local image a FROM names, by tag or digest', () => {
    const images = [image('sha256:1', ['alpine:latest'], 1), { ...image('sha256:2', ['busybox:1'], 2), repoDigests: ['busybox@sha256:beef'] }];
    assert.equal(service.localImage('docker.io/alpine', images)?.id, 'sha256:1');
    assert.equal(service.localImage('busybox@sha256:beef', images)?.id, 'sha256:2');
    assert.equal(service.localImage('busybox:2', images), undefined);
  });

  it('lists every local tag, newest image first, dangling ones left out', () => {
    const images = [image('sha256:old', ['b:1', 'a:1'], 1), image('sha256:new', ['c:2'], 5), image('sha256:none', ['<none>:<none>'], 9)];
    assert.deepEqual(service.localTags(images).map((t) => t.reference), ['c:2', 'a:1', 'b:1']);
  });

  it('names the stages a build can stop at', () => {
    assert.deepEqual(service.namedStages('file:///multi', MULTI).map((s) => [s.name, s.range.start.line]), [['build', 1], ['test', 3]]);
  });
});

describe('editing: formatting through the library', () => {
  it('formats a document, a range, and the next line after a typed escape character', () => {
    const text = 'FROM alpine\n   RUN echo a \\\necho b';
    assert.deepEqual(service.format(text, { tabSize: 4, insertSpaces: true }).map((e) => [e.range.start.line, e.newText]), [[1, ''], [2, '    ']]);
    assert.deepEqual(service.formatRange(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, { tabSize: 4, insertSpaces: true }).map((e) => e.range.start.line), [1]);
    const typed = 'FROM alpine\nRUN echo a \\\necho b';
    assert.deepEqual(service.formatOnType(typed, { line: 1, character: 12 }, '\\', { tabSize: 2, insertSpaces: true }).map((e) => [e.range.start.line, e.newText]), [[2, '  ']]);
  });
});
