// Deterministic mutated Dockerfiles for the fuzz and incremental-parse tests: a seeded PRNG and
// mutations of the bench corpus that aim at the parser's hard parts (continuations, quotes,
// heredocs, flags, escape directives, line ends) as well as plain byte damage.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tooLargeCode } from '../../../src/lint/lint';
import { allRules } from '../../../src/lint/rules/index';
import type { Finding, Range } from '../../../src/lint/rule';
import { hostileFragments } from '../adversarial/hostileInputs';

export const corpusDir = resolve(__dirname, '../../../../bench/corpus');

export function corpus(): { name: string; text: string }[] {
  return readdirSync(corpusDir).filter((f) => f.endsWith('.Dockerfile')).sort()
    .map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }));
}

/** mulberry32: small, fast and the same sequence on every machine for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const instructions = ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'from', 'Run', 'FORM', 'ONBUILD RUN', 'ONBUILD ONBUILD'];
const flags = ['--platform=$BUILDPLATFORM', '--from=build', '--chown=1:1', '--mount=type=cache,target=/x', '--link', '--bogus', '--interval=5s', '--retries=', '--', '--network=none', '--chmod=755', '--from=0', '--mount=from=Build,target=/b'];
const fragments = ['\\', '\\\n', ' \\\n', '`', '`\n', '"', "'", '<<EOF', '<<-EOF\n\tx\n\tEOF', '<<"EOT"', '\nEOF\n', '$', '${', '${A:-b}', '$(', '#', '# hadolint ignore=DL3006\n', '# escape=`\n', '# check=skip=all;error=true\n', '[', ']', '["a", "b"]', '&&', '|', ';', '=', ' AS ', ' as Build', ':latest', '@sha256:', '\r\n', '\r', '\t', '\u0000', '\ufeff', '\ud800', 'é', '🐳', ' ', '\n', '\n\n'];
const words = ['apt-get install -y curl', 'apt-get update', 'pip install flask', 'npm install', 'apk add --no-cache git', 'yum install -y x', 'sudo rm -rf /', 'cd /app', 'curl -fsSL x | sh', 'wget x', 'echo $HOME', '8080/tcp', '99999', 'ubuntu:latest', 'scratch', 'builder', '/app', 'root'];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const int = (rng: Rng, n: number) => Math.floor(rng() * n);

/** One mutation of `text`; `mutate` applies one to several. */
function mutateOnce(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const line = int(rng, lines.length);
  const at = int(rng, text.length + 1);
  switch (int(rng, 13)) {
    case 0: { // flip a byte (any UTF-16 unit, including control characters and surrogates)
      if (text.length === 0) return text;
      const code = rng() < 0.5 ? int(rng, 128) : int(rng, 0x10000);
      return text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
    }
    case 1: lines.splice(line, 1); return lines.join('\n');
    case 2: lines.splice(line, 0, lines[line] ?? ''); return lines.join('\n');
    case 3: { // swap two lines
      const other = int(rng, lines.length);
      [lines[line], lines[other]] = [lines[other], lines[line]];
      return lines.join('\n');
    }
    case 4: lines[line] = (lines[line] ?? '') + pick(rng, [' \\', '\\', ' `', '\\ ']); return lines.join('\n');
    case 5: return text.slice(0, at) + pick(rng, fragments) + text.slice(at);
    case 6: lines.splice(line, 0, `${pick(rng, instructions)} ${rng() < 0.4 ? `${pick(rng, flags)} ` : ''}${pick(rng, words)}`); return lines.join('\n');
    case 7: return text.slice(0, at); // truncation
    case 8: { // insert a flag right after an instruction keyword
      const match = /^(\s*\S+)/.exec(lines[line] ?? '');
      if (!match) return text;
      lines[line] = `${match[1]} ${pick(rng, flags)}${lines[line].slice(match[1].length)}`;
      return lines.join('\n');
    }
    case 9: { // a heredoc opened, maybe never closed
      lines.splice(line, 0, `RUN <<${pick(rng, ['EOF', '-EOF', '"EOF"', "'X'", 'EOF cat'])}`, pick(rng, words), ...(rng() < 0.5 ? ['EOF'] : []));
      return lines.join('\n');
    }
    case 10: return rng() < 0.5 ? text.replace(/\n/g, '\r\n') : text.replace(/\r?\n/g, '\r'); // line ends
    case 11: return text.slice(0, at) + pick(rng, hostileFragments(64 + int(rng, 1024))) + text.slice(at); // issue 16's shapes
    default: return text.slice(0, at) + pick(rng, words) + text.slice(at);
  }
}

export function mutate(text: string, rng: Rng): string {
  let result = text;
  const count = 1 + int(rng, 4);
  for (let i = 0; i < count; i++) result = mutateOnce(result, rng);
  return result;
}

/** A small document: a slice of a few lines of a corpus file (most fuzz inputs are small, which
 * keeps the run short while still reaching every rule). */
export function excerpt(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const from = int(rng, lines.length);
  return lines.slice(from, from + 1 + int(rng, 12)).join('\n');
}

// ---- What a well-formed finding is (fuzz and robustness tests) ----

const knownCodes = new Set([...allRules.map((r) => r.meta.code), tooLargeCode]);

/** Lines as an editor counts them (\n, \r\n, lone \r), each without its line break. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function rangeProblem(range: Range, lines: string[]): string | undefined {
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
    if (p.line >= lines.length) return `line ${p.line} past the last line ${lines.length - 1}`;
    if (p.character > lines[p.line].length) return `character ${p.character} past the end of line ${p.line} (${lines[p.line].length})`;
  }
  const { start, end } = range;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return 'end before start';
  return undefined;
}

export function findingProblem(finding: Finding, lines: string[]): string | undefined {
  if (!knownCodes.has(finding.code)) return `unknown code ${finding.code} (${finding.message})`;
  if (!['error', 'warning', 'info', 'style'].includes(finding.severity)) return `bad severity ${finding.severity}`;
  if (typeof finding.message !== 'string' || finding.message.length === 0) return 'empty message';
  const range = rangeProblem(finding.range, lines);
  if (range) return `range: ${range}`;
  for (const fix of finding.fixes) {
    if (!fix.title) return 'fix without a title';
    for (const edit of fix.edits) {
      const problem = rangeProblem(edit.range, lines);
      if (problem) return `fix "${fix.title}" edit range: ${problem}`;
      if (typeof edit.newText !== 'string') return `fix "${fix.title}" edit without text`;
    }
  }
  return undefined;
}

