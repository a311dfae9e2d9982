// Every finding inside an instruction's arguments must point at real text of that instruction,
// however the instruction is split over lines. Continuation-heavy Dockerfiles (splits inside a
// command and at token boundaries, comment and blank lines inside a continuation, CRLF line ends,
// the backtick escape directive, heredocs) are linted with every rule, and each finding's range
// is checked: non-empty, inside its instruction, not starting or ending on a line continuation,
// and covering the offending token where the rule names one (the package for the pinning rules,
// the command for the command rules, the flag for the flag rules).
import * as assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { lint } from '../../../src/lint/lint';
import { allRules } from '../../../src/lint/rules/index';
import type { Finding, Position } from '../../../src/lint/rule';

/** Findings that mark a place rather than a token, by design. */
const pointRules = new Set([
  // The empty line itself, which has no text to cover.
  'NoEmptyContinuation',
]);

/** Rules that report one word (a package, a command, a flag …): the covered text is that word. */
const tokenOf: Record<string, (covered: string) => boolean> = {};
const packageNames = /^["']?(?:curl|git|wget|flask|express|rails|vim|nano|jq|ca-certificates|requests|lodash|bundler|htop|golang\.org\/x\/tools\/cmd\/stringer)["']?$/;
for (const code of ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041', 'DL3062']) tokenOf[code] = (t) => packageNames.test(t);
tokenOf.DL3003 = (t) => t === 'cd';
tokenOf.DL3004 = (t) => t === 'sudo';
tokenOf.DL3047 = (t) => t === 'wget';
tokenOf.DL4001 = (t) => t === 'curl' || t === 'wget';
tokenOf.DL3046 = (t) => /^(?:-u|--uid=)?\d{6,}$/.test(t);
tokenOf.DL4006 = (t) => t === '|';
tokenOf.DL3044 = (t) => /^\$\{?[A-Z_]+\}?$/i.test(t);
tokenOf.UndefinedVar = tokenOf.DL3044;
tokenOf.DL3064 = (t) => /^[A-Z_]+$/.test(t);
tokenOf.SecretsUsedInArgOrEnv = tokenOf.DL3064;
tokenOf.ExposeProtoCasing = (t) => t === 'TCP';
tokenOf.DL3023 = (t) => t === 'build' || t === 'b2';
// UnknownFlag names the flag without its dashes, the others cover `--flag=value`.
for (const code of ['DuplicateFlag', 'UnknownFlag', 'DL3029']) tokenOf[code] = (t) => /^[a-z-]+(?:=\S*)?$/.test(t);

/** Rules that report a command from its name to a later word: the span's ends are words. */
const spanEnds: Record<string, [RegExp, RegExp]> = {};
for (const code of ['DL3014', 'DL3015', 'DL3030', 'DL3032', 'DL3034', 'DL3036', 'DL3038', 'DL3040', 'DL3042', 'DL3060']) {
  spanEnds[code] = [/^(apt-get|yum|zypper|dnf|microdnf|pip3?|yarn)\b/, /\b(install|in|add|remove|rm|upgrade)$/];
}
spanEnds.DL3019 = [/^apk\b/, /\badd$/];
spanEnds.DL3009 = [/^apt-get\b/, /\b(update|install)$/];
spanEnds.DL4005 = [/^ln\b/, /\/bin\/sh$/];

/** Written with `\` continuations and LF; variants derive the other spellings. */
const documents: Record<string, string> = {
  // The reported case: pinned packages around a continuation.
  pinnedAcrossContinuation:
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n' +
    '    ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*\n',
  midCommand:
    'FROM debian:12\nRUN apt-get \\\n  install \\\n  -y curl \\\n  git && pip \\\n  install flask && npm install \\\n' +
    '  express && apk add \\\n  jq && gem install \\\n  rails && yum \\\n  install htop && zypper \\\n  install vim && dnf \\\n  install nano\n',
  tokenBoundaries:
    'FROM debian:12\nRUN apt-get install -y curl\\\n  git\\\n  wget \\\n\\\n  jq\nRUN pip install flask\\\n  requests && cd\\\n  /tmp\n',
  commentsInside:
    'FROM debian:12\nRUN apt-get update \\\n# a comment\n  && apt-get install -y \\\n  # an indented comment\n  curl \\\n\n  git \\\n' +
    '  # a comment with a | pipe and a \\\n  && wget -O- http://example.com/x | tar x\n',
  flagsAndCommands:
    'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --network=none \\\n    apt-get install -y \\\n    curl && cd \\\n' +
    '  /tmp && sudo \\\n  make && curl -o x http://x \\\n  && wget http://y && ln -s \\\n  /bin/bash /bin/sh && useradd \\\n  -u 1000000 app\n' +
    'RUN \\\n  --mount=type=cache,target=/x \\\n  --mount=type=cache,target=/x \\\n  --bogus=1 \\\n  go install \\\n  golang.org/x/tools/cmd/stringer\n' +
    'COPY \\\n  --chown=1:1 \\\n  --chown=1:1 \\\n  a /b/\n',
  execForm:
    'FROM debian:12\nRUN ["apt-get", \\\n  "install", "-y", \\\n  "curl"]\nRUN [ \\\n  "pip", "install", "flask" \\\n  ]\n',
  pipes:
    'FROM debian:12\nRUN curl -fsSL http://example.com/x \\\n  # not | this one \\\n  | tar x\nRUN wget -q -O- http://example.com/y\\\n|sh\n',
  onbuild:
    'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n' +
    '    ca-certificates=20230311 git && rm -rf /var/lib/apt/lists/*\nONBUILD RUN npm install \\\n  lodash\n',
  otherInstructions:
    'FROM \\\n  --platform=linux/amd64 \\\n  debian:latest \\\n  AS \\\n  Build\nENV A=1 \\\n  B=$A\nLABEL \\\n  maintainer=x \\\n' +
    '  org.opencontainers.image.created=now\nEXPOSE 80 \\\n  99999\nWORKDIR \\\n  relative\nUSER \\\n  app\nMAINTAINER \\\n  me\n' +
    'CMD echo \\\n  hi\nHEALTHCHECK \\\n  --interval=5s \\\n  CMD curl -f http://x/\nADD \\\n  --chown=1:1 \\\n  a.tar /x\n',
  otherArguments:
    'ARG \\\n  GITHUB_TOKEN=x\nFROM \\\n  --platform=$BUILDPLATFORM \\\n  debian:12 \\\n  AS build\n' +
    'ENV A=1 \\\n  # c\n  B="${A}-x" \\\n  AWS_SECRET_KEY=$UNDEFINED_THING\nENV LEGACY \\\n  value\n' +
    'EXPOSE \\\n  80/TCP \\\n  127.0.0.1:80:80\nCOPY \\\n  --from=build \\\n  a.txt b.txt \\\n  /dest\nCOPY --from=build \\\n  a \\\n  rel/dir\n' +
    'LABEL \\\n  "bad key!"=x \\\n  ok=\\\n"y"\nCMD \\\n  ["a", \\\n  "b"\nFROM build AS b2\nCOPY --from=b2 \\\n  x /y\n',
};

/** Documents whose RUN scripts are heredocs (only line ends vary for them). */
const heredocDocuments: Record<string, string> = {
  heredocScript:
    'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y \\\n  curl\\\n  git\npip install flask\nEOF\n' +
    'RUN cat <<EOF > /x && apt-get install \\\n  wget\nhello \\\nEOF\n',
};

/**
 * How many findings of these codes each document gets in every spelling, so that the checks above
 * cannot pass by the rules going quiet (a script no longer read, a package no longer seen).
 */
const expected: Record<string, Record<string, number>> = {
  pinnedAcrossContinuation: { DL3008: 0, DL3009: 0, DL3015: 0 },
  midCommand: {
    DL3008: 2, DL3013: 1, DL3016: 1, DL3018: 1, DL3028: 1, DL3033: 1, DL3037: 1, DL3041: 1,
    DL3015: 1, DL3019: 1, DL3030: 1, DL3032: 1, DL3034: 1, DL3036: 1, DL3038: 1, DL3040: 1, DL3042: 1,
  },
  tokenBoundaries: { DL3008: 4, DL3013: 2, DL3003: 1 },
  commentsInside: { DL3008: 2, DL3009: 1, DL3047: 1, DL4006: 1 },
  flagsAndCommands: { DL3008: 1, DL3003: 1, DL3004: 1, DL4001: 1, DL3047: 1, DL4005: 1, DL3046: 1, DL3062: 1, UnknownFlag: 1, DuplicateFlag: 1 },
  execForm: { DL3008: 1, DL3013: 1, DL3015: 1, DL3042: 1 },
  pipes: { DL4006: 2 },
  onbuild: { DL3008: 1, DL3016: 1 },
  otherInstructions: { DL3000: 1, DL3011: 1, DL3029: 1, DL3044: 1, DL3066: 1, StageNameCasing: 1 },
  otherArguments: {
    DL3021: 1, DL3023: 3, DL3025: 1, DL3044: 1, DL3045: 1, DL3048: 1, DL3064: 2, ExposeInvalidFormat: 1,
    ExposeProtoCasing: 1, LegacyKeyValueFormat: 1, SecretsUsedInArgOrEnv: 2, UndefinedVar: 2,
  },
  heredocScript: { DL3008: 3, DL3013: 1, DL3014: 1 },
};

interface Variant { name: string; document: string; text: string; escape: string }

function variants(): Variant[] {
  const result: Variant[] = [];
  for (const [document, lf] of Object.entries(documents)) {
    result.push({ name: document, document, text: lf, escape: '\\' });
    result.push({ name: `${document} (CRLF)`, document, text: lf.replace(/\n/g, '\r\n'), escape: '\\' });
    const backtick = '# escape=`\n' + lf.replace(/\\(?=[ \t]*\n)/g, '`');
    result.push({ name: `${document} (escape=\`)`, document, text: backtick, escape: '`' });
    result.push({ name: `${document} (escape=\`, CRLF)`, document, text: backtick.replace(/\n/g, '\r\n'), escape: '`' });
    // Blanks after the escape character still continue the line.
    result.push({ name: `${document} (blanks after the escape)`, document, text: lf.replace(/\\\n/g, '\\ \t\n'), escape: '\\' });
  }
  for (const [document, lf] of Object.entries(heredocDocuments)) {
    result.push({ name: document, document, text: lf, escape: '\\' });
    result.push({ name: `${document} (CRLF)`, document, text: lf.replace(/\n/g, '\r\n'), escape: '\\' });
  }
  return result;
}

function offsetOf(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** The covered text as the builder joins it: continuations and the comment lines in them removed. */
function joined(covered: string, escape: string): string {
  const e = escape === '\\' ? '\\\\' : escape;
  return covered.replace(new RegExp(`${e}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, 'g'), '');
}

function problemOf(finding: Finding, variant: Variant, instructions: { start: number; end: number }[]): string | undefined {
  const { text, escape } = variant;
  const start = offsetOf(text, finding.range.start);
  const end = offsetOf(text, finding.range.end);
  const owner = instructions.find((i) => i.start <= start && start <= i.end);
  if (!owner) return undefined; // comments and directives are not instruction arguments
  if (end > owner.end) return `ends after its instruction (${owner.end})`;
  if (pointRules.has(finding.code)) return undefined;
  if (end <= start) return 'empty range';
  const covered = text.slice(start, end);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (lineStart > owner.start && /^[ \t]*#/.test(text.slice(lineStart, start + 1))) return 'on a comment line inside the continuation';
  if (/^\s/.test(covered)) return 'starts on a blank or a line break';
  if (/\s$/.test(covered)) return 'ends on a blank or just after a line break';
  if (covered.startsWith(escape)) return 'starts on the escape character';
  if (new RegExp(`${escape === '\\' ? '\\\\' : escape}[ \\t]*\\r?$`).test(covered) && /\r?\n/.test(text.slice(end, end + 2))) return 'ends on a line continuation';
  const word = joined(covered, escape);
  const token = tokenOf[finding.code];
  if (token && !token(word)) return `does not cover the offending word: ${JSON.stringify(word)}`;
  const span = spanEnds[finding.code];
  if (span) {
    // An exec-form span covers JSON strings: `"apt-get", "install"`.
    const flat = (word.startsWith('"') ? word.replace(/[",]/g, ' ') : word).trim().replace(/\s+/g, ' ');
    if (!span[0].test(flat) || !span[1].test(flat)) return `does not span the command: ${JSON.stringify(flat)}`;
  }
  return undefined;
}

describe('finding ranges across line continuations', () => {
  for (const variant of variants()) {
    for (const incremental of [false, true]) {
      it(`${variant.name}${incremental ? ', incremental' : ''}`, () => {
        const dockerfile = DockerfileParser.parse(variant.text);
        const instructions = dockerfile.getInstructions().map((i) => ({
          start: offsetOf(variant.text, i.getRange().start),
          end: offsetOf(variant.text, i.getRange().end),
        }));
        // Each family on its own: merged, a BuildKit finding's range would not be checked.
        const findings = [...lint(variant.text, { rules: allRules, incremental, ruleSet: 'hadolint' }), ...lint(variant.text, { rules: allRules, incremental, ruleSet: 'buildkit' }).filter((f) => f.source !== 'builder')];
        const problems: string[] = [];
        for (const finding of findings) {
          const problem = problemOf(finding, variant, instructions);
          if (problem) problems.push(`${finding.code} ${JSON.stringify(finding.range)}: ${problem}`);
        }
        assert.deepEqual(problems, []);
        const counts = Object.fromEntries(Object.keys(expected[variant.document]).map((code) => [code, findings.filter((f) => f.code === code).length]));
        assert.deepEqual(counts, expected[variant.document]);
        assert.ok(!findings.some((f) => f.code === 'WharfInternal'));
      });
    }
  }
});
