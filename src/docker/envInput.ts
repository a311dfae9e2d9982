// The environment a user types for `run`, read the way a POSIX shell reads `env A=1 B="two words"`:
// words split at unquoted blanks; '…' keeps everything literally; "…" keeps everything but a
// backslash before " \ $ ` or a newline; a backslash outside quotes keeps the next character.
// `NAME` alone passes the value NAME has where Wharf runs, like `docker run -e NAME`; a name
// unset there is left out, as the docker CLI does. What a shell would expand or treat as an
// operator ($…, `…`, ; | & < > ( )) is refused with its position rather than guessed at: the
// value would otherwise silently differ from what the same line gives in a terminal.
// Pure (the host environment is passed in), so it is unit-tested without VS Code or an engine.

export type EnvProblem =
  | { kind: 'unclosedQuote'; quote: '"' | '\''; offset: number }
  | { kind: 'trailingBackslash'; offset: number }
  | { kind: 'notAName'; word: string; offset: number }
  | { kind: 'expansion'; word: string; offset: number }
  | { kind: 'operator'; character: string; offset: number };

export interface EnvInput {
  /** NAME → value, in the order typed (a later NAME replaces an earlier one, like the CLI). */
  env: Record<string, string>;
  /** Names given without a value whose value was taken from the host. */
  fromHost: string[];
  /** Names given without a value that the host does not set: left out. */
  unsetOnHost: string[];
}

export type EnvParse = { ok: true; input: EnvInput } | { ok: false; problem: EnvProblem };

/** A variable name the engine and every shell accept. */
const NAME = /^[a-z_]\w*$/i;
const OPERATORS = new Set([';', '|', '&', '<', '>', '(', ')']);
const BLANK = new Set([' ', '\t', '\n', '\r']);

interface Word { text: string; offset: number }

export function parseEnvInput(text: string, hostValue: (name: string) => string | undefined): EnvParse {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    if (BLANK.has(text[i])) { i++; continue; }
    if (text[i] === '#') break; // a shell comment: the rest of the line is not part of any word
    const start = i;
    let value = '';
    while (i < text.length && !BLANK.has(text[i])) {
      const c = text[i];
      if (c === '\'') {
        const end = text.indexOf('\'', i + 1);
        if (end < 0) return fail({ kind: 'unclosedQuote', quote: '\'', offset: i });
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        const open = i++;
        for (;;) {
          if (i >= text.length) return fail({ kind: 'unclosedQuote', quote: '"', offset: open });
          const d = text[i];
          if (d === '"') { i++; break; }
          if (d === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
            if (text[i + 1] !== '\n') value += text[i + 1]; // backslash-newline joins lines
            i += 2;
            continue;
          }
          if (d === '$' || d === '`') return fail({ kind: 'expansion', word: text.slice(start, Math.min(text.length, i + 12)), offset: i });
          value += d;
          i++;
        }
      } else if (c === '\\') {
        if (i + 1 >= text.length) return fail({ kind: 'trailingBackslash', offset: i });
        if (text[i + 1] !== '\n') value += text[i + 1];
        i += 2;
      } else if (c === '$' || c === '`') {
        return fail({ kind: 'expansion', word: text.slice(start, Math.min(text.length, i + 12)), offset: i });
      } else if (OPERATORS.has(c)) {
        return fail({ kind: 'operator', character: c, offset: i });
      } else {
        value += c;
        i++;
      }
    }
    words.push({ text: value, offset: start });
  }

  const env: Record<string, string> = {};
  const fromHost: string[] = [];
  const unsetOnHost: string[] = [];
  const forget = (list: string[], name: string): void => { const at = list.indexOf(name); if (at >= 0) list.splice(at, 1); };
  for (const word of words) {
    // Split at the first `=` wherever it came from, quoted or not, as `docker run -e` does.
    const equals = word.text.indexOf('=');
    const name = equals < 0 ? word.text : word.text.slice(0, equals);
    if (!NAME.test(name)) return fail({ kind: 'notAName', word: word.text, offset: word.offset });
    delete env[name]; // keeps the order of the last assignment
    forget(fromHost, name);
    forget(unsetOnHost, name);
    if (equals >= 0) {
      env[name] = word.text.slice(equals + 1);
      continue;
    }
    const host = hostValue(name);
    if (host === undefined) { unsetOnHost.push(name); continue; }
    env[name] = host;
    fromHost.push(name);
  }
  return { ok: true, input: { env, fromHost, unsetOnHost } };
}

function fail(problem: EnvProblem): EnvParse {
  return { ok: false, problem };
}
