// Hostile inputs (issue 16): what a cloned repository or a paste can hand Wharf. The named ones
// reproduce the reports; the generated ones are worst cases up to 256 KB aimed at each pattern
// and loop over user text (long lines, deep nesting, many continuations, pathological globs and
// references). Shared by the adversarial suite, the fuzz test and bench/hostile.bench.ts.

export const MAX_HOSTILE_BYTES = 256 * 1024;

/** A Dockerfile to lint, with the .dockerignore beside it when the case needs one. */
export interface HostileDockerfile {
  name: string;
  text: string;
  dockerignore?: string;
}

/** A .dockerignore against paths to match. */
export interface HostileGlob {
  name: string;
  patterns: string;
  paths: string[];
}

/** Text pasted into the Pull or Tag input box. */
export interface HostileReference {
  name: string;
  text: string;
}

const fill = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

/** The inputs the issue reports, each slow (seconds to minutes) before the fix. */
export function reportedDockerfiles(): HostileDockerfile[] {
  return [
    { name: 'directive: "# a=" + 3,000 spaces + U+2028', text: `# a=${' '.repeat(3000)}\u2028\nFROM alpine:3.20\n` },
    { name: '.dockerignore *a*a*a*a*a*a*b, a 60-character COPY source', text: `FROM alpine:3.20\nCOPY ${'a'.repeat(60)} /dst/\n`, dockerignore: '*a*a*a*a*a*a*b\n' },
    { name: 'DL4006: SHELL with a 100,000-character option word', text: `FROM alpine:3.20\nSHELL ["/bin/bash", "-${'e'.repeat(100_000)}x", "pipefail", "-c"]\nRUN a | b\n` },
    { name: 'DL3046: useradd with a 100,000-character option word', text: `FROM alpine:3.20\nRUN useradd -${'u'.repeat(100_000)}\u2028 app\n` },
    { name: 'suggestions: a 50,000-character undefined name beside a declared one', text: `FROM alpine:3.20\nARG ${'A'.repeat(50_000)}\nWORKDIR $${'A'.repeat(49_999)}B\n` },
    { name: 'stage names of 50,000 characters', text: `FROM alpine:3.20 AS ${'s'.repeat(50_000)}\nFROM ${'s'.repeat(50_000)}\nCOPY --from=${'s'.repeat(49_999)}t /a /b\n` },
    { name: 'RUN continued over 20,000 lines', text: `FROM alpine:3.20\nRUN echo start \\\n${'  && echo step \\\n'.repeat(20_000)}  && true\n` },
    { name: 'ENV with 6,000 variables', text: `FROM alpine:3.20\nENV ${Array.from({ length: 6000 }, (_, i) => `VAR_${i}=value${i}`).join(' \\\n    ')}\n` },
    { name: 'unterminated heredoc of 8,000 lines', text: `FROM alpine:3.20\nRUN <<EOF\n${'echo line\n'.repeat(8000)}` },
  ];
}

/**
 * Generated worst cases, each at most MAX_HOSTILE_BYTES. Those that are nothing but short
 * instructions use a quarter of it: every few bytes is then an instruction with findings of its
 * own, and at full size they measure lint's linear cost per instruction (about 2 ms per KB here)
 * rather than look for a pattern that blows up.
 */
export function generatedDockerfiles(bytes = MAX_HOSTILE_BYTES): HostileDockerfile[] {
  const body = bytes - 64;
  const dense = bytes / 4 - 64;
  return [
    { name: 'one long line of spaces ending in U+2028', text: `# a=${fill(' ', body)}\u2028` },
    { name: 'one long comment line of tabs and spaces', text: `#${fill(' \t', body)}x\nFROM alpine:3.20\n` },
    { name: 'a long directive value', text: `# check=skip=${fill('A,', body)}\nFROM alpine:3.20\n` },
    { name: 'a long hadolint ignore list', text: `# hadolint ignore=${fill('DL3006, ', body)}\nFROM alpine\n` },
    { name: 'a long RUN line of words', text: `FROM alpine:3.20\nRUN ${fill('apt-get install -y curl && ', body)}\n` },
    { name: 'a long word of option letters', text: `FROM alpine:3.20\nSHELL ["/bin/bash", "-${fill('o', body)}\u2028", "-c"]\nRUN a | b\n` },
    { name: 'deeply nested command substitutions', text: `FROM alpine:3.20\nRUN ${fill('$(', body / 2)}${fill(')', body / 2)}\n` },
    { name: 'deeply nested parameter expansions', text: `FROM alpine:3.20\nWORKDIR ${fill('${A:-', body / 2)}${fill('}', body / 2)}\n` },
    { name: 'deeply nested JSON brackets', text: `FROM alpine:3.20\nCMD ${fill('[', body / 2)}${fill(']', body / 2)}\n` },
    { name: 'unbalanced quotes', text: `FROM alpine:3.20\nRUN ${fill('"\'`', body)}\n` },
    { name: 'only continuations', text: `FROM alpine:3.20\nRUN \\\n${fill('\\\n', body)}` },
    { name: 'continuations with comment lines', text: `FROM alpine:3.20\nRUN true \\\n${fill('# | x\n  && y \\\n', body)}  && z\n` },
    { name: 'empty continuation lines', text: `FROM alpine:3.20\nRUN a \\\n${fill(' \\\n\n', body)}b\n` },
    { name: 'many heredocs on one line, none closed', text: `FROM alpine:3.20\nRUN ${fill('<<E ', dense)}\n` },
    { name: 'many instructions', text: fill('FROM alpine:3.20 AS a\nCOPY --from=a /x /y\n', dense) },
    { name: 'many ENV pairs on one line', text: `FROM alpine:3.20\nENV ${fill('A=b ', body)}\n` },
    { name: 'many ARGs, one undefined use each', text: `FROM alpine:3.20\n${fill('ARG ABCDEFGH\nWORKDIR $ABCDEFGX\n', dense)}` },
    { name: 'a long escaped line', text: `# escape=\`\nFROM alpine:3.20\nRUN ${fill('a`', body)}\n` },
    { name: 'a long variable name', text: `FROM alpine:3.20\nARG ${fill('V', body / 2)}\nWORKDIR \${${fill('V', body / 2 - 8)}X}\n` },
    { name: 'CR line ends only', text: fill('FROM alpine\rRUN a \\\r', dense) },
    { name: 'long COPY sources against a pathological .dockerignore', text: `FROM alpine:3.20\nCOPY ${fill('a', body / 2 - 256)} ${fill('a/', body / 2 - 256)} /dst/\n`, dockerignore: `${'*a'.repeat(40)}*b\n${'**/'.repeat(40)}b\n` },
  ];
}

/** .dockerignore patterns a backtracking matcher explodes on. */
export function hostileGlobs(bytes = MAX_HOSTILE_BYTES): HostileGlob[] {
  const long = 'a'.repeat(bytes / 4);
  return [
    { name: '*a*a*a*a*a*a*b against a 60-character name', patterns: '*a*a*a*a*a*a*b\n', paths: ['a'.repeat(60)] },
    { name: '(*a)×200 *b against long names', patterns: `${'*a'.repeat(200)}*b\n`, paths: [long, `${long}/${long}`] },
    { name: '(**/)×200 b against a deep path', patterns: `${'**/'.repeat(200)}b\n`, paths: [fill('a/', bytes / 2)] },
    { name: '**a**a**a**b against a deep path', patterns: '**a**a**a**a**a**b\n', paths: [fill('a/', bytes / 2)] },
    { name: '?*?*?* against a long name', patterns: `${'?*'.repeat(200)}!\n`, paths: [long] },
    { name: 'classes and stars', patterns: `${'[a-z]*'.repeat(200)}b\n`, paths: [long] },
    { name: 'many patterns with exceptions', patterns: Array.from({ length: 2000 }, (_, i) => `${i % 2 ? '!' : ''}*a*a*${i}`).join('\n'), paths: ['a'.repeat(2000), fill('a/', 4000)] },
    { name: 'one pattern as long as the file', patterns: `${fill('a*', bytes - 8)}b\n`, paths: ['a'.repeat(4000)] },
  ];
}

/** Pasted references that a backtracking pattern explodes on. */
export function hostileReferences(bytes = MAX_HOSTILE_BYTES): HostileReference[] {
  return [
    { name: 'a 130-character path of a.a segments', text: `a${'/a.a'.repeat(32)}!` },
    { name: 'a 130-character path of a-a segments', text: `a${'/a-a'.repeat(32)}!` },
    { name: 'long separators', text: `a${fill('._-', bytes)}!` },
    { name: 'long host and port', text: `${fill('a.', bytes / 2)}:${fill('5', bytes / 2)}/x!` },
    { name: 'long path of segments', text: `${fill('a/', bytes)}:tag!` },
    { name: 'long tag', text: `alpine:${fill('a.', bytes)}` },
    { name: 'long digest', text: `alpine@sha256:${fill('a', bytes)}!` },
    { name: 'colons everywhere', text: fill('a:', bytes) },
  ];
}

/**
 * Small hostile pieces for the fuzz test to splice into corpus files: the shapes above, sized
 * `size` (a few KB keeps 10,000 cases quick while a super-linear step would still show).
 */
export function hostileFragments(size: number): string[] {
  const k = Math.max(1, Math.floor(size / 4));
  return [
    `# a=${' '.repeat(size)}\u2028\n`,
    `# check=skip=${'A,'.repeat(k)}\n`,
    `# hadolint ignore=${'DL3006, '.repeat(k)}\n`,
    `-${'o'.repeat(size)}!`,
    `useradd -${'u'.repeat(size)}\u2028`,
    `$${'A'.repeat(size)}`,
    `\${${'V'.repeat(size)}}`,
    `${'$('.repeat(k)}${')'.repeat(k)}`,
    `${'${A:-'.repeat(k)}${'}'.repeat(k)}`,
    `${'['.repeat(k)}${']'.repeat(k)}`,
    `${' \\\n'.repeat(k)}`,
    `${'# | x\n  && y \\\n'.repeat(k)}`,
    `${'<<E '.repeat(k)}`,
    `${'"\'`'.repeat(k)}`,
    `${' \t'.repeat(k)}`,
    ` AS ${'s'.repeat(size)}`,
    `${'a'.repeat(size)}`,
    `a${'/a.a'.repeat(k)}!`,
    `${'A=b '.repeat(k)}`,
  ];
}
