// Tokenises sample Dockerfiles with syntaxes/dockerfile.tmLanguage.json and asserts the scopes of
// specific tokens: what a theme colours is what these scopes say.
import * as assert from 'node:assert/strict';
import { scopeName, scopesOf, tokenize, type Token } from './grammarHarness';

const keyword = 'keyword.other.special-method.dockerfile';
const embeddedShell = 'meta.embedded.block.shell';

function has(scopes: string[], scope: string): void {
  assert.ok(scopes.includes(scope), `expected ${scope} in ${JSON.stringify(scopes)}`);
}
function lacks(scopes: string[], scope: string): void {
  assert.ok(!scopes.includes(scope), `did not expect ${scope} in ${JSON.stringify(scopes)}`);
}

describe('Dockerfile grammar', () => {
  describe('instructions', () => {
    it('scopes keywords in any case', async () => {
      const t = await tokenize('FROM alpine:3\nrun echo hi\nWorkDir /app\n');
      has(scopesOf(t, 1, 'FROM'), keyword);
      has(scopesOf(t, 2, 'run'), keyword);
      has(scopesOf(t, 3, 'WorkDir'), keyword);
      assert.equal(scopesOf(t, 1, 'FROM')[0], scopeName);
    });

    it('scopes ONBUILD and the instruction it wraps', async () => {
      const t = await tokenize('FROM alpine:3\nONBUILD COPY . /src\nonbuild RUN make\n');
      has(scopesOf(t, 2, 'ONBUILD'), keyword);
      has(scopesOf(t, 2, 'COPY'), keyword);
      has(scopesOf(t, 3, 'onbuild'), keyword);
      has(scopesOf(t, 3, 'RUN'), keyword);
      has(scopesOf(t, 3, 'make'), embeddedShell);
    });

    it('does not take a keyword-like word inside arguments for an instruction', async () => {
      const t = await tokenize('FROM alpine:3\nLABEL description=RUN\n');
      lacks(scopesOf(t, 2, 'RUN'), keyword);
    });

    it('scopes the image, AS and the stage name of FROM', async () => {
      const t = await tokenize('FROM golang:1.22 AS build\n');
      has(scopesOf(t, 1, 'golang:1.22'), 'entity.name.type.image.dockerfile');
      has(scopesOf(t, 1, 'AS'), keyword);
      has(scopesOf(t, 1, 'build'), 'entity.name.type.stage.dockerfile');
    });

    it('scopes exec-form JSON strings', async () => {
      const t = await tokenize('FROM alpine:3\nCMD ["nginx", "-g"]\n');
      has(scopesOf(t, 2, 'nginx'), 'string.quoted.double.dockerfile');
      has(scopesOf(t, 2, 'nginx'), 'meta.exec-form.dockerfile');
    });
  });

  describe('flags', () => {
    it('scopes --from=stage on COPY', async () => {
      const t = await tokenize('FROM alpine:3\nCOPY --from=build /out /app\n');
      has(scopesOf(t, 2, 'from'), 'entity.other.attribute-name.flag.dockerfile');
      has(scopesOf(t, 2, '--'), 'punctuation.definition.flag.dockerfile');
      has(scopesOf(t, 2, '='), 'keyword.operator.assignment.dockerfile');
      has(scopesOf(t, 2, 'build'), 'string.unquoted.flag-value.dockerfile');
    });

    it('scopes FROM --platform with a variable value', async () => {
      const t = await tokenize('FROM --platform=$BUILDPLATFORM alpine:3\n');
      has(scopesOf(t, 1, 'platform'), 'entity.other.attribute-name.flag.dockerfile');
      has(scopesOf(t, 1, 'BUILDPLATFORM'), 'variable.other.dockerfile');
      has(scopesOf(t, 1, 'alpine:3'), 'entity.name.type.image.dockerfile');
    });

    it('scopes RUN --mount before the shell script starts', async () => {
      const t = await tokenize('FROM alpine:3\nRUN --mount=type=cache,target=/root/.cache pip install x\n');
      has(scopesOf(t, 2, 'mount'), 'entity.other.attribute-name.flag.dockerfile');
      lacks(scopesOf(t, 2, 'mount'), embeddedShell);
      has(scopesOf(t, 2, 'pip install x'), embeddedShell);
    });
  });

  describe('parser directives', () => {
    it('scopes # syntax=, # escape= and # check= at the top of the file', async () => {
      const t = await tokenize('# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=JSONArgsRecommended\nFROM alpine:3\n');
      has(scopesOf(t, 1, 'syntax'), 'keyword.other.directive.dockerfile');
      has(scopesOf(t, 1, 'docker/dockerfile:1'), 'string.unquoted.directive-value.dockerfile');
      has(scopesOf(t, 2, 'escape'), 'keyword.other.directive.dockerfile');
      has(scopesOf(t, 3, 'check'), 'keyword.other.directive.dockerfile');
      has(scopesOf(t, 3, 'skip=JSONArgsRecommended'), 'string.unquoted.directive-value.dockerfile');
      has(scopesOf(t, 4, 'FROM'), keyword);
    });

    it('treats a directive after an instruction, a comment or a blank line as a comment', async () => {
      const afterInstruction = await tokenize('FROM alpine:3\n# syntax=docker/dockerfile:1\n');
      has(scopesOf(afterInstruction, 2, ' syntax=docker/dockerfile:1'), 'comment.line.number-sign.dockerfile');
      lacks(scopesOf(afterInstruction, 2, ' syntax=docker/dockerfile:1'), 'meta.directive.dockerfile');
      const afterComment = await tokenize('# a comment\n# escape=`\n');
      has(scopesOf(afterComment, 2, ' escape=`'), 'comment.line.number-sign.dockerfile');
      const afterBlank = await tokenize('# syntax=docker/dockerfile:1\n\n# check=error=true\n');
      has(scopesOf(afterBlank, 1, 'syntax'), 'keyword.other.directive.dockerfile');
      has(scopesOf(afterBlank, 3, ' check=error=true'), 'comment.line.number-sign.dockerfile');
    });
  });

  describe('variables and strings', () => {
    it('scopes $VAR and ${VAR:-default}', async () => {
      const t = await tokenize('FROM alpine:3\nENV PATH=$HOME/bin:${EXTRA:-/opt/bin}\n');
      has(scopesOf(t, 2, 'HOME'), 'variable.other.dockerfile');
      has(scopesOf(t, 2, '$'), 'punctuation.definition.variable.dockerfile');
      has(scopesOf(t, 2, 'EXTRA'), 'variable.other.dockerfile');
      has(scopesOf(t, 2, ':-'), 'keyword.operator.expansion.dockerfile');
      has(scopesOf(t, 2, '/opt/bin'), 'meta.variable.bracket.dockerfile');
      has(scopesOf(t, 2, '='), 'keyword.operator.assignment.dockerfile');
    });

    it('expands variables in double quotes but not in single quotes', async () => {
      const t = await tokenize('FROM alpine:3\nLABEL a="v $X" b=\'$Y\'\n');
      has(scopesOf(t, 2, 'X'), 'variable.other.dockerfile');
      has(scopesOf(t, 2, 'X'), 'string.quoted.double.dockerfile');
      has(scopesOf(t, 2, '$Y'), 'string.quoted.single.dockerfile');
      lacks(scopesOf(t, 2, '$Y'), 'variable.other.dockerfile');
    });

    it('ends an unterminated string at the end of its line', async () => {
      const t = await tokenize('FROM alpine:3\nLABEL a="open\nUSER app\n');
      has(scopesOf(t, 3, 'USER'), keyword);
      lacks(scopesOf(t, 3, 'USER'), 'string.quoted.double.dockerfile');
    });
  });

  describe('comments and continuations', () => {
    it('scopes full-line comments, also inside a continued instruction', async () => {
      const t = await tokenize('# build it\nFROM alpine:3\nRUN apk add \\\n# inner comment\n    curl\n');
      has(scopesOf(t, 1, '#'), 'punctuation.definition.comment.dockerfile');
      has(scopesOf(t, 1, ' build it'), 'comment.line.number-sign.dockerfile');
      has(scopesOf(t, 3, '\\'), 'constant.character.escape.line-continuation.dockerfile');
      has(scopesOf(t, 4, ' inner comment'), 'comment.line.number-sign.dockerfile');
      has(scopesOf(t, 5, 'curl'), embeddedShell);
    });

    it('ends RUN at a line without a continuation', async () => {
      const t = await tokenize('FROM alpine:3\nRUN echo a && \\\n    echo b\nUSER app\n');
      has(scopesOf(t, 2, '&&'), 'keyword.operator.list.stub.shell');
      has(scopesOf(t, 3, '    '), 'meta.instruction.run.dockerfile');
      has(scopesOf(t, 4, 'USER'), keyword);
      lacks(scopesOf(t, 4, 'USER'), 'meta.instruction.run.dockerfile');
    });
  });

  describe('shell embedding', () => {
    it('embeds source.shell in RUN scripts', async () => {
      const t = await tokenize('FROM alpine:3\nRUN if [ -f /x ]; then echo "$HOME"; fi\n');
      has(scopesOf(t, 2, 'if'), 'keyword.control.stub.shell');
      has(scopesOf(t, 2, 'if'), embeddedShell);
      has(scopesOf(t, 2, '$HOME'), 'string.quoted.double.stub.shell');
      has(scopesOf(t, 2, '$HOME'), embeddedShell);
    });

    it('embeds source.shell in shell-form CMD, ENTRYPOINT and HEALTHCHECK CMD', async () => {
      const t = await tokenize('FROM alpine:3\nCMD nginx && sleep 1\nENTRYPOINT ["tini", "--"]\nHEALTHCHECK --interval=5s CMD wget -q localhost || exit 1\nHEALTHCHECK NONE\n');
      has(scopesOf(t, 2, '&&'), embeddedShell);
      has(scopesOf(t, 3, 'tini'), 'string.quoted.double.dockerfile');
      lacks(scopesOf(t, 3, 'tini'), embeddedShell);
      has(scopesOf(t, 4, 'interval'), 'entity.other.attribute-name.flag.dockerfile');
      has(scopesOf(t, 4, 'CMD'), keyword);
      has(scopesOf(t, 4, '||'), embeddedShell);
      has(scopesOf(t, 5, 'NONE'), keyword);
    });

    it('does not embed shell in exec-form RUN', async () => {
      const t = await tokenize('FROM alpine:3\nRUN ["echo", "hi"]\n');
      has(scopesOf(t, 2, 'echo'), 'string.quoted.double.dockerfile');
      lacks(scopesOf(t, 2, 'echo'), embeddedShell);
    });
  });

  describe('heredocs', () => {
    it('scopes a RUN heredoc: opener, delimiter, shell body, terminator', async () => {
      const t = await tokenize('FROM alpine:3\nRUN <<EOF\nset -e && echo hi\nEOF\nUSER app\n');
      has(scopesOf(t, 2, '<<'), 'keyword.operator.heredoc.dockerfile');
      has(scopesOf(t, 2, 'EOF'), 'entity.name.tag.heredoc.dockerfile');
      has(scopesOf(t, 3, '&&'), 'keyword.operator.list.stub.shell');
      has(scopesOf(t, 3, '&&'), embeddedShell);
      has(scopesOf(t, 4, 'EOF'), 'entity.name.tag.heredoc.dockerfile');
      lacks(scopesOf(t, 4, 'EOF'), embeddedShell);
      has(scopesOf(t, 5, 'USER'), keyword);
    });

    it('scopes <<-EOF and a heredoc after a command on the RUN line', async () => {
      const t = await tokenize('FROM alpine:3\nRUN cat <<-END > /etc/motd\n\thello && bye\n\tEND\nUSER app\n');
      has(scopesOf(t, 2, 'cat '), embeddedShell);
      has(scopesOf(t, 2, '<<-'), 'keyword.operator.heredoc.dockerfile');
      has(scopesOf(t, 2, 'END'), 'entity.name.tag.heredoc.dockerfile');
      has(scopesOf(t, 3, '&&'), embeddedShell);
      has(scopesOf(t, 4, 'END'), 'entity.name.tag.heredoc.dockerfile');
      has(scopesOf(t, 5, 'USER'), keyword);
    });

    it('scopes a quoted COPY heredoc as text with no expansion', async () => {
      const t = await tokenize('FROM alpine:3\nCOPY <<"EOF" /app/config\nname=$NAME && more\nEOF\n');
      has(scopesOf(t, 2, '"'), 'punctuation.definition.string.begin.dockerfile');
      has(scopesOf(t, 2, 'EOF'), 'entity.name.tag.heredoc.dockerfile');
      const body = scopesOf(t, 3, 'name=$NAME && more');
      has(body, 'string.unquoted.heredoc.dockerfile');
      lacks(body, embeddedShell);
      has(scopesOf(t, 4, 'EOF'), 'entity.name.tag.heredoc.dockerfile');
    });

    it('expands variables in a COPY heredoc with a bare delimiter', async () => {
      const t = await tokenize('FROM alpine:3\nCOPY <<EOF /app/config\nname=$NAME\nEOF\n');
      has(scopesOf(t, 3, 'NAME'), 'variable.other.dockerfile');
      has(scopesOf(t, 3, 'NAME'), 'string.unquoted.heredoc.dockerfile');
    });

    it('keeps instruction-like lines inside a heredoc body as body', async () => {
      const t = await tokenize('FROM python:3.12\nRUN <<EOF\nFROM = 1\n# not a Dockerfile comment\nEOF\n');
      lacks(scopesOf(t, 3, 'FROM = 1'), keyword);
      has(scopesOf(t, 3, 'FROM = 1'), embeddedShell);
      has(scopesOf(t, 4, '# not a Dockerfile comment'), 'comment.line.number-sign.stub.shell');
    });
  });

  describe('escape directive', () => {
    it('continues lines with a backtick after # escape=` and keeps \\ literal', async () => {
      const text = [
        '# escape=`',
        '# syntax=docker/dockerfile:1',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base',
        'WORKDIR C:\\app\\',
        'RUN powershell -Command `',
        '    Write-Host hi && exit 0',
        'COPY --from=base C:\\app C:\\out',
      ].join('\n');
      const t = await tokenize(text);
      has(scopesOf(t, 1, 'escape'), 'keyword.other.directive.dockerfile');
      has(scopesOf(t, 2, 'syntax'), 'keyword.other.directive.dockerfile');
      has(scopesOf(t, 3, 'base'), 'entity.name.type.stage.dockerfile');
      has(scopesOf(t, 5, '`'), 'constant.character.escape.line-continuation.dockerfile');
      has(scopesOf(t, 6, '&&'), embeddedShell);
      has(scopesOf(t, 6, '&&'), 'meta.instruction.run.dockerfile');
      has(scopesOf(t, 7, 'COPY'), keyword);
      lacks(scopesOf(t, 7, 'COPY'), 'meta.instruction.run.dockerfile');
      has(scopesOf(t, 7, 'from'), 'entity.other.attribute-name.flag.dockerfile');
    });

    it('does not treat a trailing backtick as a continuation without the directive', async () => {
      const t = await tokenize('FROM alpine:3\nRUN echo `\nUSER app\n');
      has(scopesOf(t, 3, 'USER'), keyword);
      lacks(scopesOf(t, 3, 'USER'), 'meta.instruction.run.dockerfile');
    });
  });

  describe('a realistic file', () => {
    it('tokenises a multi-stage Dockerfile and returns to top level after each instruction', async () => {
      const text = [
        '# syntax=docker/dockerfile:1.7',
        'ARG GO_VERSION=1.22',
        'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build',
        'WORKDIR /src',
        'RUN --mount=type=cache,target=/go/pkg/mod \\',
        '    go mod download && \\',
        '    go build -o /out/app ./cmd/app',
        '',
        'FROM gcr.io/distroless/static:nonroot',
        'COPY --from=build /out/app /app',
        'ENTRYPOINT ["/app"]',
      ].join('\n');
      const t: Token[] = await tokenize(text);
      has(scopesOf(t, 1, 'syntax'), 'keyword.other.directive.dockerfile');
      has(scopesOf(t, 3, 'GO_VERSION'), 'variable.other.dockerfile');
      has(scopesOf(t, 3, 'build'), 'entity.name.type.stage.dockerfile');
      has(scopesOf(t, 6, '&&'), embeddedShell);
      has(scopesOf(t, 9, 'FROM'), keyword);
      lacks(scopesOf(t, 9, 'FROM'), 'meta.instruction.run.dockerfile');
      has(scopesOf(t, 10, 'build'), 'string.unquoted.flag-value.dockerfile');
      has(scopesOf(t, 11, '/app'), 'string.quoted.double.dockerfile');
    });
  });
});
