// Rename, references and definition of stages and variables (src/editing/references.ts): every
// case is asserted by the text after the rename, so what changed and what did not is in view.
import * as assert from 'node:assert/strict';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { EditingService } from '../../../src/editing/service';

const service = new EditingService();
let n = 0;

/** The position of the `nth` occurrence of `needle` in `text` (offset `shift` into it). */
function at(text: string, needle: string, nth = 0, shift = 0): Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `"${needle}" #${nth} is in the text`);
  const before = text.slice(0, index + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)), text);
}

function rename(lines: string[], needle: string, newName: string, nth = 0): string[] {
  const text = lines.join('\n');
  // The cursor on the name: after `ARG `, `ENV `, `$` or `${`.
  const shift = /^(?:ARG|ENV) /.test(needle) ? 4 : needle.startsWith('${') ? 2 : needle.startsWith('$') ? 1 : 0;
  const edits = service.rename(`file:///rename${n++}`, text, at(text, needle, nth, shift), newName);
  assert.ok(Array.isArray(edits), `a rename at ${needle}, not ${String(edits)}`);
  return apply(text, edits).split('\n');
}

describe('editing: rename', () => {
  it('renames an ARG and its uses where Docker expands them, in every form', () => {
    assert.deepEqual(rename([
      'FROM alpine',
      'ARG VERSION=1',
      'ENV A=$VERSION B=${VERSION} C=${VERSION:-none} D="$VERSION"',
      'LABEL v=$VERSION',
      'WORKDIR /opt/${VERSION}',
      'COPY app-$VERSION /app',
    ], 'ARG VERSION', 'V', 0).slice(1), [
      'ARG V=1',
      'ENV A=$V B=${V} C=${V:-none} D="$V"',
      'LABEL v=$V',
      'WORKDIR /opt/${V}',
      'COPY app-$V /app',
    ]);
  });

  it('leaves comments, single quotes, escaped dollars and exec forms alone', () => {
    assert.deepEqual(rename([
      'FROM alpine',
      'ARG NAME=x',
      '# $NAME in a comment stays',
      "LABEL a='$NAME' b=\\$NAME c=$NAME",
      'RUN ["echo", "$NAME"]',
      'CMD ["echo", "$NAME"]',
    ], 'ARG NAME', 'N').slice(1), [
      'ARG N=x',
      '# $NAME in a comment stays',
      "LABEL a='$NAME' b=\\$NAME c=$N",
      'RUN ["echo", "$NAME"]',
      'CMD ["echo", "$NAME"]',
    ]);
  });

  it('renames uses in a RUN shell script where the shell expands them', () => {
    assert.deepEqual(rename([
      'FROM alpine',
      'ARG DIR=/x',
      `RUN echo $DIR "$DIR" "\${DIR}/a" '$DIR' \\$DIR $'$DIR' && cd "$(dirname "$DIR")" \`echo $DIR\``,
      'RUN echo a # $DIR is in a shell comment',
      'RUN echo a \\',
      '  # a comment line Docker drops: $DIR',
      '  && echo $DIR',
      'RUN --mount=type=cache,target=$DIR echo ok',
    ], 'ARG DIR', 'D').slice(1), [
      'ARG D=/x',
      `RUN echo $D "$D" "\${D}/a" '$DIR' \\$DIR $'$DIR' && cd "$(dirname "$D")" \`echo $D\``,
      'RUN echo a # $DIR is in a shell comment',
      'RUN echo a \\',
      '  # a comment line Docker drops: $DIR',
      '  && echo $D',
      'RUN --mount=type=cache,target=$D echo ok',
    ]);
  });

  it('a shell comment runs to the end of the joined instruction line', () => {
    assert.deepEqual(rename([
      'FROM alpine',
      'ARG X=1',
      'RUN echo $X # comment \\',
      '  && echo $X',
    ], 'ARG X', 'Y').slice(1), [
      'ARG Y=1',
      'RUN echo $Y # comment \\',
      '  && echo $X',
    ]);
  });

  it('renames in heredocs: the script itself, a here-document with a bare delimiter, not a quoted one', () => {
    assert.deepEqual(rename([
      'FROM alpine',
      'ARG V=1',
      'RUN <<EOF',
      "echo $V '$V'",
      'EOF',
      'RUN cat <<EOF > /a',
      "value $V '$V'",
      'EOF',
      "RUN cat <<'EOF' > /b",
      'value $V',
      'EOF',
      'COPY <<EOF /c',
      'copied $V',
      'EOF',
    ], 'ARG V', 'W').slice(1), [
      'ARG W=1',
      'RUN <<EOF',
      "echo $W '$V'",
      'EOF',
      'RUN cat <<EOF > /a',
      "value $W '$W'",
      'EOF',
      "RUN cat <<'EOF' > /b",
      'value $V',
      'EOF',
      'COPY <<EOF /c',
      'copied $W',
      'EOF',
    ]);
  });

  it('a global ARG goes with FROM and with the stage ARGs that import it, not with one that sets its own value', () => {
    assert.deepEqual(rename([
      'ARG TAG=3.19',
      'FROM alpine:${TAG} AS one',
      'ARG TAG',
      'RUN echo $TAG',
      'FROM alpine:$TAG AS two',
      'ARG TAG=edge',
      'RUN echo $TAG',
    ], 'ARG TAG', 'VERSION'), [
      'ARG VERSION=3.19',
      'FROM alpine:${VERSION} AS one',
      'ARG VERSION',
      'RUN echo $VERSION',
      'FROM alpine:$VERSION AS two',
      'ARG TAG=edge',
      'RUN echo $TAG',
    ]);
  });

  it('an ARG ends with its stage; an ENV lives on in stages built FROM it', () => {
    const lines = [
      'FROM alpine AS base',
      'ARG A=1',
      'ENV E=2',
      'FROM base AS child',
      'RUN echo $A $E',
      'FROM alpine',
      'RUN echo $A $E',
    ];
    assert.deepEqual(rename(lines, 'ARG A', 'B').slice(1), ['ARG B=1', 'ENV E=2', 'FROM base AS child', 'RUN echo $A $E', 'FROM alpine', 'RUN echo $A $E']);
    assert.deepEqual(rename(lines, 'ENV E', 'F').slice(1), ['ARG A=1', 'ENV F=2', 'FROM base AS child', 'RUN echo $A $F', 'FROM alpine', 'RUN echo $A $E']);
  });

  it('ENV wins over an ARG of the same name; runtime commands see ENVs only', () => {
    const lines = [
      'FROM alpine',
      'ARG P=1',
      'RUN echo $P',
      'ENV P=$P',
      'RUN echo $P',
      'CMD echo $P',
      'HEALTHCHECK --interval=5s CMD ["test", "$P"]',
      'ARG Q=1',
      'CMD echo $Q',
      'ONBUILD RUN echo $P',
    ];
    const exec = 'HEALTHCHECK --interval=5s CMD ["test", "$P"]';
    assert.deepEqual(rename(lines, 'ARG P', 'ARGP').slice(1), ['ARG ARGP=1', 'RUN echo $ARGP', 'ENV P=$ARGP', 'RUN echo $P', 'CMD echo $P', exec, 'ARG Q=1', 'CMD echo $Q', 'ONBUILD RUN echo $P']);
    assert.deepEqual(rename(lines, 'ENV P', 'ENVP').slice(1), ['ARG P=1', 'RUN echo $P', 'ENV ENVP=$P', 'RUN echo $ENVP', 'CMD echo $ENVP', exec, 'ARG Q=1', 'CMD echo $Q', 'ONBUILD RUN echo $P']);
  });

  it('renames from a use as well as from the declaration', () => {
    assert.deepEqual(rename(['FROM alpine', 'ARG A=1', 'RUN echo ${A}'], '${A}', 'Z'), ['FROM alpine', 'ARG Z=1', 'RUN echo ${Z}']);
  });

  it('renames a stage in FROM … AS, FROM, COPY --from and RUN --mount=from=, case-insensitively', () => {
    assert.deepEqual(rename([
      'FROM golang AS Build',
      'RUN go build',
      'FROM build AS test',
      'FROM alpine',
      'COPY --from=build /out /app',
      'RUN --mount=type=bind,from=BUILD,target=/src ls /src',
      '# build stays in comments',
    ], 'Build', 'compile'), [
      'FROM golang AS compile',
      'RUN go build',
      'FROM compile AS test',
      'FROM alpine',
      'COPY --from=compile /out /app',
      'RUN --mount=type=bind,from=compile,target=/src ls /src',
      '# build stays in comments',
    ]);
  });

  it('refuses names the builder would not take, and places with nothing to rename', () => {
    const text = 'FROM golang AS build\nARG A=1\nRUN echo $A';
    assert.equal(service.rename('file:///refuse', text, at(text, 'build'), '1st'), 'invalidStageName');
    assert.equal(service.rename('file:///refuse', text, at(text, 'A='), 'A-B'), 'invalidVariableName');
    assert.equal(service.rename('file:///refuse', text, at(text, 'golang'), 'x'), 'noSymbol');
    assert.equal(service.prepareRename('file:///refuse', text, at(text, 'echo')), 'noSymbol');
    const prepared = service.prepareRename('file:///refuse', text, at(text, '$A', 0, 1));
    assert.ok(typeof prepared === 'object');
    assert.equal(prepared.placeholder, 'A');
  });
});

describe('editing: definition and references', () => {
  const text = [
    'ARG BASE=alpine',
    'FROM $BASE AS build',
    'ARG BASE',
    'RUN echo $BASE',
    'FROM build',
    'COPY --from=build /a /b',
  ].join('\n');

  it('goes from a use to the nearest declaration before it', () => {
    assert.deepEqual(service.definition('file:///def', text, at(text, '$BASE', 1, 1)), { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
    assert.deepEqual(service.definition('file:///def', text, at(text, '$BASE', 0, 1)), { start: { line: 0, character: 4 }, end: { line: 0, character: 8 } });
    assert.deepEqual(service.definition('file:///def', text, at(text, 'build', 2)), { start: { line: 1, character: 14 }, end: { line: 1, character: 19 } });
  });

  it('finds every reference, with or without the declarations', () => {
    const lines = (ranges: { start: Position }[]) => ranges.map((r) => `${r.start.line}:${r.start.character}`);
    assert.deepEqual(lines(service.references('file:///def', text, at(text, 'build'), true)), ['1:14', '4:5', '5:12']);
    assert.deepEqual(lines(service.references('file:///def', text, at(text, 'build'), false)), ['4:5', '5:12']);
    assert.deepEqual(lines(service.references('file:///def', text, at(text, 'BASE'), true)), ['0:4', '1:6', '2:4', '3:10']);
  });
});
