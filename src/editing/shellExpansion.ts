// Where a shell expands a variable in a RUN script (or a CMD / ENTRYPOINT / HEALTHCHECK in shell
// form): Docker passes those to `/bin/sh -c` unexpanded, and ARG and ENV values reach the script
// through its environment, so a `$NAME` there is a use of the Dockerfile's variable exactly when
// the shell would expand it. Not inside single quotes or `$'…'`, not after a backslash, not in a
// shell comment (which, once Docker has joined the continuation lines, runs to the end of the
// whole instruction line). Inside double quotes, `$(…)` and backticks it is expanded. Positions
// are document offsets of the name alone, so a rename replaces just the name in `${NAME:-x}`.

export interface VariableUse {
  name: string;
  /** Document offsets of the name (without `$`, braces or modifiers). */
  start: number;
  end: number;
}

type Context = 'plain' | 'double' | 'substitution' | 'backtick';

const nameStart = /[A-Z_]/i;
const nameChar = /\w/;
/** Characters after which a `#` starts a shell comment (a word starts there). */
const wordBreak = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '(', ')', '<', '>']);

/**
 * Variables the shell expands in text[from, to). `joined` says Docker joins continuation lines
 * (escape + line break) first, as in a RUN line; a heredoc script body is passed as written.
 * `skip` spans (heredoc bodies fed to a command) are not shell text and are left out.
 */
export function shellVariableUses(text: string, from: number, to: number, escape: string, joined: boolean, skip: readonly [number, number][] = []): VariableUse[] {
  const uses: VariableUse[] = [];
  const stack: Context[] = ['plain'];
  const context = (): Context => stack[stack.length - 1];
  /** A continuation (escape, blanks, line break) at i: the offset after it, comment lines removed too. */
  const continuationEnd = (i: number): number | undefined => {
    if (!joined || text[i] !== escape) return undefined;
    let j = i + 1;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] === '\r') j++;
    if (text[j] !== '\n') return undefined;
    j++;
    // Docker drops comment lines inside a continued instruction before the shell sees it.
    for (;;) {
      let k = j;
      while (text[k] === ' ' || text[k] === '\t') k++;
      if (text[k] !== '#') return j;
      const eol = text.indexOf('\n', k);
      if (eol < 0 || eol >= to) return to;
      j = eol + 1;
    }
  };
  for (let i = from; i < to; i++) {
    const skipped = skip.find(([a, b]) => i >= a && i < b);
    if (skipped) { i = skipped[1] - 1; continue; }
    const joinedTo = continuationEnd(i);
    if (joinedTo !== undefined) { i = joinedTo - 1; continue; }
    const c = text[i];
    const where = context();
    if (c === '\\') { i++; continue; }
    if (where === 'double') {
      if (c === '"') { stack.pop(); continue; }
    } else {
      if (c === "'") { i = closingQuote(text, i + 1, to, false) ; continue; }
      if (c === '"') { stack.push('double'); continue; }
      if (c === '#' && (i === from || wordBreak.has(text[i - 1]))) { i = commentEnd(text, i, to, joined ? escape : undefined) - 1; continue; }
      if (c === ')' && where === 'substitution') { stack.pop(); continue; }
    }
    if (c === '`') {
      if (where === 'backtick') stack.pop(); else stack.push('backtick');
      continue;
    }
    if (c !== '$') continue;
    const next = text[i + 1];
    if (next === "'" && where !== 'double') { i = closingQuote(text, i + 2, to, true); continue; }
    if (next === '(') { stack.push('substitution'); i++; continue; }
    const use = variableAt(text, i, to);
    if (!use) continue;
    uses.push(use);
    // Whatever follows (`:-default` with its own variables, `}`) is scanned as usual.
    i = use.end - 1;
  }
  return uses;
}

/**
 * The variable a `$` at `i` expands, read as the shell reads a parameter: `$NAME`, `${NAME…}`,
 * and `${#NAME}` (length) or `${!NAME}` (indirection), which still name NAME. Undefined when no
 * name follows (`$1`, `$(`, `$$`, a lone `$`). The one reader of a name for both scanners.
 */
export function variableAt(text: string, i: number, to: number): VariableUse | undefined {
  const braced = text[i + 1] === '{';
  let start = i + (braced ? 2 : 1);
  if (braced && (text[start] === '#' || text[start] === '!') && start + 1 < to && nameStart.test(text[start + 1])) start++;
  if (start >= to || !nameStart.test(text[start])) return undefined;
  let end = start + 1;
  while (end < to && nameChar.test(text[end])) end++;
  return { name: text.slice(start, end), start, end };
}

/**
 * Variables in a heredoc body the shell expands as a here-document (its delimiter unquoted): every
 * `$NAME` and `${NAME…}` (also `${#NAME}` and `${!NAME}`) not after a backslash, whatever the
 * quotes (they are text there).
 */
export function hereDocumentUses(text: string, from: number, to: number): VariableUse[] {
  const uses: VariableUse[] = [];
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c !== '$') continue;
    const use = variableAt(text, i, to);
    if (!use) continue;
    uses.push(use);
    i = use.end - 1;
  }
  return uses;
}

/** The offset of the closing `'` (the scan resumes after it); `$'…'` honours backslashes. */
function closingQuote(text: string, i: number, to: number, backslashes: boolean): number {
  for (; i < to; i++) {
    if (backslashes && text[i] === '\\') { i++; continue; }
    if (text[i] === "'") return i;
  }
  return to;
}

/** Where a shell comment ends: the line break, or with joined lines the first one not continued. */
function commentEnd(text: string, i: number, to: number, escape: string | undefined): number {
  for (;;) {
    const eol = text.indexOf('\n', i);
    if (eol < 0 || eol >= to) return to;
    if (escape === undefined) return eol;
    let k = eol - 1;
    if (text[k] === '\r') k--;
    while (text[k] === ' ' || text[k] === '\t') k--;
    if (text[k] !== escape) return eol;
    i = eol + 1;
  }
}
