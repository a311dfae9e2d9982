// .dockerignore with the engine's semantics (moby's patternmatcher and ignorefile packages, which
// the docker CLI and BuildKit both use), matched in bounded time. Learned from their code and
// tests; no code copied.
//
// The file: lines split at \n (a \r before it dropped), a UTF-8 BOM dropped, lines starting with
// `#` skipped, the rest trimmed; `!` marks an exception; each pattern is cleaned like Go's
// filepath.Clean and loses one leading `/`. Later lines win. A path is excluded when it or one of
// its parent directories matches.
//
// A pattern is one of four kinds, as the engine decides it: exact (no wildcard), a prefix
// (`dir/**`, wildcards only in a trailing `**`), a suffix (`**/name`, leading `**` then no
// wildcard) or a glob, in which `*` and `?` never match `/`, `**` followed by more matches any
// run of whole directories (or nothing), a trailing `**` matches anything, `[…]` is a class and
// `\` escapes. The engine compiles globs to regular expressions; here a glob runs as a set of
// positions stepped through the path one pattern token at a time: no backtracking, at most
// (path length + 1) × (tokens) steps, and usually far fewer because the set dies or stays narrow.
//
// Deliberate differences, all in patterns no real file holds: a backslash before a letter or digit
// escapes it literally (the engine's regular expression gives `\d`, `\w`… their regex meaning or
// rejects the pattern), `*` and `?` inside a class are literal, and `^` outside a class is a
// literal character.

/** A pattern the engine rejects (the build fails with a syntax error). */
export interface IgnoreProblem {
  /** 1-based line in the .dockerignore. */
  line: number;
  pattern: string;
  message: string;
}

export interface DockerIgnore {
  /** Whether a context-relative path (forward slashes) is left out of the build context. */
  ignores(path: string): boolean;
  /** Whether an excluded directory may hold paths that an exception (`!pattern`) brings back. */
  mayHoldExceptions(directory: string): boolean;
  /** Patterns the engine would reject; they never match here. */
  readonly problems: readonly IgnoreProblem[];
}

/** The patterns of a .dockerignore text, with their lines, the way the engine reads the file. */
export function readIgnorePatterns(text: string): { line: number; pattern: string }[] {
  const result: { line: number; pattern: string }[] = [];
  const lines = text.split('\n');
  // A final line break ends the last line; it does not start an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = trimSpace(line);
    if (pattern === '') return;
    const exception = pattern.startsWith('!');
    if (exception) pattern = trimSpace(pattern.slice(1));
    if (pattern !== '') {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    result.push({ line: index + 1, pattern: exception ? `!${pattern}` : pattern });
  });
  return result;
}

/** The matcher for a .dockerignore text. */
export function parseDockerignore(text: string): DockerIgnore {
  return compilePatterns(readIgnorePatterns(text));
}

/** The matcher for patterns already read (each as the file holds it, `!` for exceptions). */
export function compilePatterns(lines: readonly { line: number; pattern: string }[]): DockerIgnore {
  const patterns: Pattern[] = [];
  const problems: IgnoreProblem[] = [];
  for (const { line, pattern: written } of lines) {
    let text = trimSpace(written);
    if (text === '') continue;
    text = cleanPath(text);
    const exclusion = text.startsWith('!');
    if (exclusion) {
      if (text.length === 1) { problems.push({ line, pattern: written, message: 'illegal exclusion pattern: "!"' }); continue; }
      text = text.slice(1);
    }
    const compiled = compile(text);
    if (typeof compiled === 'string') { problems.push({ line, pattern: written, message: compiled }); continue; }
    patterns.push({ ...compiled, exclusion });
  }
  const exceptions = patterns.filter((p) => p.exclusion);
  return {
    problems,
    ignores: (path) => {
      const cleaned = cleanPath(path);
      // The engine never excludes the context itself.
      if (cleaned === '.') return false;
      let excluded = false;
      for (const pattern of patterns) {
        // An exclusion only matters once something is excluded, an inclusion only until then.
        if (pattern.exclusion !== excluded) continue;
        if (matchesOrParent(pattern, cleaned)) excluded = !pattern.exclusion;
      }
      return excluded;
    },
    mayHoldExceptions: (directory) => {
      const prefix = `${cleanPath(directory)}/`;
      // Conservative: walking a directory the exceptions cannot reach only costs time, while
      // skipping one they reach would leave files out. The literal start of each exception
      // (before its first wildcard) decides.
      return exceptions.some((e) => {
        const literal = e.literalPrefix;
        return literal.startsWith(prefix) || prefix.startsWith(literal);
      });
    },
  };
}

// ---- Patterns ----------------------------------------------------------------------------------

/** How the engine would match a cleaned pattern (exposed for its spec), or why it is rejected. */
export function patternKind(pattern: string): Kind | { problem: string } {
  const compiled = compile(pattern);
  return typeof compiled === 'string' ? { problem: compiled } : compiled.kind;
}

export type Kind = 'exact' | 'prefix' | 'suffix' | 'glob';

/** One step of a glob, as the engine's regular expression has it. */
type Token =
  | { type: 'char'; code: number }
  | { type: 'any-but-slash' } // `?`
  | { type: 'class'; negated: boolean; ranges: [number, number][] } // `[…]`, code point ranges
  | { type: 'star' } // `*`: any run without `/`
  | { type: 'directories' } // `**` before more: nothing, or anything ending in `/`
  | { type: 'rest' }; // a trailing `**`: anything

interface Pattern {
  kind: Kind;
  /** The cleaned pattern, without `!`. */
  text: string;
  tokens: Token[];
  exclusion: boolean;
  /** The pattern up to its first wildcard or escape. */
  literalPrefix: string;
}

/** The pattern's kind and tokens, or why the engine would reject it. */
function compile(text: string): Omit<Pattern, 'exclusion'> | string {
  const chars = [...text];
  const tokens: Token[] = [];
  let kind: Kind = 'exact';
  let literalEnd = -1;
  const wildcard = (at: number) => { if (literalEnd < 0) literalEnd = at; };
  for (let i = 0, step = 0; i < chars.length; step++) {
    const at = i;
    const c = chars[i++];
    if (c === '*') {
      wildcard(at);
      if (chars[i] === '*') {
        i++;
        if (chars[i] === '/') i++;
        if (i === chars.length) {
          kind = kind === 'exact' ? 'prefix' : 'glob';
          push(tokens, { type: 'rest' });
        } else {
          kind = 'glob';
          push(tokens, { type: 'directories' });
        }
        if (step === 0) kind = 'suffix';
      } else {
        kind = 'glob';
        push(tokens, { type: 'star' });
      }
    } else if (c === '?') {
      wildcard(at);
      kind = 'glob';
      tokens.push({ type: 'any-but-slash' });
    } else if (c === '\\') {
      wildcard(at);
      if (i === chars.length) return 'syntax error in pattern (a trailing backslash escapes nothing)';
      kind = 'glob';
      tokens.push({ type: 'char', code: codePoint(chars[i++]) });
    } else if (c === '[') {
      wildcard(at);
      kind = 'glob';
      const parsed = parseClass(chars, i);
      if (typeof parsed === 'string') return parsed;
      tokens.push(parsed.token);
      i = parsed.next;
    } else if (c === ']') {
      kind = 'glob';
      tokens.push({ type: 'char', code: codePoint(c) });
    } else {
      tokens.push({ type: 'char', code: codePoint(c) });
    }
  }
  const literalPrefix = literalEnd < 0 ? text : chars.slice(0, literalEnd).join('');
  return { kind, text, tokens, literalPrefix };
}

/**
 * Adjacent `**`s mean what one does, and a trailing `**` swallows a `**` before it: folding them
 * keeps the runs of tokens that consume nothing at most two long.
 */
function push(tokens: Token[], token: Token): void {
  const last = tokens[tokens.length - 1];
  if (last?.type === 'directories' && (token.type === 'directories' || token.type === 'rest')) tokens[tokens.length - 1] = token;
  else tokens.push(token);
}

/** `[` at chars[from - 1]: a class as Go's filepath.Match reads it, or why it is malformed. */
function parseClass(chars: string[], from: number): { token: Token; next: number } | string {
  let i = from;
  const negated = chars[i] === '^';
  if (negated) i++;
  const ranges: [number, number][] = [];
  const bad = 'syntax error in pattern (malformed character class)';
  const escaped = (): string | undefined => {
    let c = chars[i];
    if (c === undefined || c === '-' || c === ']') return undefined;
    if (c === '\\') { i++; c = chars[i]; if (c === undefined) return undefined; }
    i++;
    return i < chars.length ? c : undefined;
  };
  for (;;) {
    if (chars[i] === ']' && ranges.length > 0) { i++; break; }
    const lo = escaped();
    if (lo === undefined) return bad;
    let hi = lo;
    if (chars[i] === '-') {
      i++;
      const end = escaped();
      if (end === undefined) return bad;
      hi = end;
    }
    // The engine's regular expression rejects a reversed range.
    if (codePoint(hi) < codePoint(lo)) return `syntax error in pattern (range ${lo}-${hi} is reversed)`;
    ranges.push([codePoint(lo), codePoint(hi)]);
  }
  return { token: { type: 'class', negated, ranges }, next: i };
}

const codePoint = (c: string) => c.codePointAt(0) ?? 0;

function inClass(token: Extract<Token, { type: 'class' }>, code: number): boolean {
  let found = false;
  for (const [lo, hi] of token.ranges) if (code >= lo && code <= hi) { found = true; break; }
  return found !== token.negated;
}

// ---- Matching ----------------------------------------------------------------------------------

/** Whether the pattern matches the path or one of its parent directories (the engine's rule). */
function matchesOrParent(pattern: Pattern, path: string): boolean {
  // Parents are the path's prefixes that end before a `/`.
  const ends = (at: number) => at === path.length || path[at] === '/';
  switch (pattern.kind) {
    case 'exact':
      return path.startsWith(pattern.text) && ends(pattern.text.length);
    case 'prefix':
      // The path starts with it, so the path itself matches.
      return path.startsWith(pattern.text.slice(0, -2));
    case 'suffix': {
      const suffix = pattern.text.slice(2);
      if (suffix === '') return true;
      for (let end = path.indexOf('/'); ; end = path.indexOf('/', end + 1)) {
        const at = end < 0 ? path.length : end;
        if (path.startsWith(suffix, at - suffix.length) && at >= suffix.length) return true;
        // `**/name` also matches `name` itself.
        if (suffix.startsWith('/') && at === suffix.length - 1 && path.startsWith(suffix.slice(1))) return true;
        if (end < 0) return false;
      }
    }
    case 'glob':
      return globMatchesOrParent(pattern.tokens, codePoints(path));
  }
}

/**
 * Runs the tokens over the path as a set of positions: `reached[p]` means the tokens so far can
 * match the path's first p characters. Each token maps the set to the next one in one pass over
 * the positions it holds; an empty set ends the match early. In the end the pattern matches the
 * path when its length is reached, and a parent directory when the position of a `/` is.
 */
function globMatchesOrParent(tokens: readonly Token[], path: Int32Array): boolean {
  const n = path.length;
  let reached = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  reached[0] = 1;
  // The set always lies within [lo, hi]; `next` still holds an older set within [staleLo, staleHi].
  let lo = 0;
  let hi = 0;
  let staleLo = 0;
  let staleHi = -1;
  for (const token of tokens) {
    next.fill(0, staleLo, staleHi + 1);
    let newLo = n + 1;
    let newHi = -1;
    if (token.type === 'star' || token.type === 'directories' || token.type === 'rest') {
      // A run from each reached position: `*` stops before a `/`, the others before a line break
      // (the engine's `.`); `**` before more reaches only its start (it may match nothing) and
      // the position after each `/` it passes.
      const stop = token.type === 'star' ? SLASH : NEWLINE;
      const everyPosition = token.type !== 'directories';
      let open = false;
      for (let p = lo; p <= n; p++) {
        if (reached[p]) {
          open = true;
          next[p] = 1;
          if (newLo > n) newLo = p;
          newHi = p;
        } else if (!open) {
          if (p > hi) break;
          continue;
        } else if (everyPosition) {
          next[p] = 1;
          newHi = p;
        }
        if (p === n) break;
        const c = path[p];
        if (c === stop) open = false;
        else if (!everyPosition && c === SLASH) { next[p + 1] = 1; newHi = p + 1; }
      }
    } else {
      const last = Math.min(hi, n - 1);
      for (let p = lo; p <= last; p++) {
        if (!reached[p]) continue;
        const c = path[p];
        if (token.type === 'char' ? c === token.code : token.type === 'class' ? inClass(token, c) : c !== SLASH) {
          next[p + 1] = 1;
          if (newLo > n) newLo = p + 1;
          newHi = p + 1;
        }
      }
    }
    if (newHi < 0) return false;
    [reached, next] = [next, reached];
    staleLo = lo;
    staleHi = hi;
    lo = newLo;
    hi = newHi;
  }
  if (reached[n]) return true;
  for (let p = lo; p <= hi && p < n; p++) if (reached[p] && path[p] === SLASH) return true;
  return false;
}

const SLASH = 0x2f;
const NEWLINE = 0x0a;

function codePoints(text: string): Int32Array {
  const codes = new Int32Array(text.length);
  let n = 0;
  for (const c of text) codes[n++] = codePoint(c);
  return codes.subarray(0, n);
}

// ---- Text helpers, as Go has them ---------------------------------------------------------------

/** Go's strings.TrimSpace: Unicode white space (JavaScript's trim differs on U+0085 and U+FEFF). */
export function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isGoSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * Go's path.Clean: one `/` between names, no `.` names, `..` cancelling the name before it, no
 * trailing `/`; "." for nothing. One pass over the names.
 */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const names: string[] = [];
  for (const name of path.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') {
      if (names.length > 0 && names[names.length - 1] !== '..') names.pop();
      else if (!rooted) names.push('..');
      continue;
    }
    names.push(name);
  }
  const joined = names.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}
