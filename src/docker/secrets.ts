// What in engine data is a secret, and the one way to mask it. Every place that shows, copies,
// filters or logs engine data masks through here: the inspect panel (its host and its page's
// bundle), the tree hovers and filter, and the Wharf log channel. Pure and import-free, so the
// webview bundle can take it too.
//
// Every scan is one left-to-right pass over the text (no backtracking regex): engine data and
// log lines are hostile input, and masking runs on each of them.
//
// What counts as secret (the README's security section says the same):
// - a name (an Env variable, a label key, an object key, a --flag) with a word that is or
//   contains password, passwd, passphrase, secret, token, credential(s); or is pass, pwd, cred(s),
//   dsn, key, keys, or ends in key/keys/dsn (apikey, privatekey); or contains auth that is not
//   the start of author (auth, oauth, basicauth, authorization, but not authors). Words are split
//   at every non-letter-or-digit and at a lower-to-upper case change (dbPassword → db, password).
//   A name whose last word is file, path, dir or stdin names where a secret is, not the secret
//   (MYSQL_PASSWORD_FILE, --password-stdin), so it is not masked.
// - the password of a URL's user info in any string: scheme://user:PASSWORD@host.
// - the value after a secret name in text: NAME=value, --flag=value, --flag value, "name": "value".
// - in command arrays (Cmd, Entrypoint, Args, Podman's CreateCommand, Healthcheck Test), the
//   element after a secret --flag and the value of a secret NAME=value element, whole.

/** What a masked value shows instead of itself. */
export const MASK = '••••••';

const REFERENCE_WORDS = new Set(['file', 'path', 'dir', 'stdin']);
const SECRET_PARTS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'credential'];
const SECRET_WORDS = new Set(['pass', 'pwd', 'cred', 'creds', 'dsn', 'key', 'keys']);
const SECRET_ENDINGS = ['key', 'keys', 'dsn'];

/** Object keys of engine answers that match the patterns but hold nothing secret. */
const NOT_SECRET_KEYS = new Set(['SandboxKey']);
/** Arrays of engine answers that are command lines (each element one argument). */
const COMMAND_KEYS = new Set(['Cmd', 'Entrypoint', 'Args', 'CreateCommand', 'Test']);

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}
function isLowerOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** "dbPassword_FILE" → ["db", "password", "file"]. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const code = i < name.length ? name.charCodeAt(i) : -1;
    if (code >= 0 && isAlnum(code)) {
      if (start >= 0 && isUpper(code) && isLowerOrDigit(name.charCodeAt(i - 1))) {
        words.push(name.slice(start, i).toLowerCase());
        start = i;
      } else if (start < 0) start = i;
      continue;
    }
    if (start >= 0) words.push(name.slice(start, i).toLowerCase());
    start = -1;
  }
  return words;
}

function hasAuth(word: string): boolean {
  for (let at = word.indexOf('auth'); at >= 0; at = word.indexOf('auth', at + 4)) {
    if (!word.startsWith('author', at) || word.startsWith('authoriz', at)) return true;
  }
  return false;
}

function isSecretWord(word: string): boolean {
  return SECRET_WORDS.has(word)
    || SECRET_PARTS.some((part) => word.includes(part))
    || SECRET_ENDINGS.some((ending) => word.endsWith(ending))
    || hasAuth(word);
}

/** Does this name (Env variable, label key, object key, command-line flag) name a secret? */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length > 1 && REFERENCE_WORDS.has(words[words.length - 1])) return false;
  return words.some(isSecretWord);
}

const WORD_CHARS = /^[\w.-]+$/;

function isWordChar(code: number): boolean {
  return isAlnum(code) || code === 95 /* _ */ || code === 46 /* . */ || code === 45 /* - */;
}
function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}
function isBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}
/** Where a URL's authority ends: a path, query, fragment, whitespace or quoting. */
function endsAuthority(code: number): boolean {
  return code === 47 || code === 63 || code === 35 || isSpace(code) || isBreak(code) || code === 34 || code === 39 || code === 96 || code === 60 || code === 62;
}

/**
 * Where an unquoted value that starts at `from` ends. A value after a flag runs to whitespace; a
 * NAME=value in free text also stops at , ; & (mount options, query strings).
 */
function valueEnd(text: string, from: number, listSeparators: boolean): number {
  const quote = text.charCodeAt(from);
  if (quote === 34 || quote === 39) {
    for (let i = from + 1; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 92 /* \ */ && quote === 34) { i++; continue; }
      if (code === quote) return i + 1;
    }
    return text.length;
  }
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || isBreak(code) || code === 34 || code === 39) break;
    if (listSeparators && (code === 44 || code === 59 || code === 38)) break;
  }
  return i;
}

/** The masked form of text[from, to): quotes kept, an empty value stays empty. */
function maskedValue(text: string, from: number, to: number): string {
  if (to <= from) return '';
  const first = text[from];
  if ((first === '"' || first === "'") && to - from >= 2 && text[to - 1] === first) return `${first}${MASK}${first}`;
  return MASK;
}

/** A JSON-style `"name": "value"` whose name was just read: the index where the value's opening quote is, else -1. */
function jsonValueStart(text: string, nameEnd: number): number {
  let i = nameEnd + 1;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text[i] !== ':') return -1;
  i++;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return text[i] === '"' ? i : -1;
}

/**
 * Masks the secrets in free text (a log line, an error message, a command line, any string
 * value): URL passwords, and the values after secret names (NAME=value, --flag=value,
 * --flag value, "name": "value"). Linear in the length of the text.
 */
export function maskText(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  const replace = (from: number, to: number, masked: string): void => {
    out += text.slice(copied, from) + masked;
    copied = to;
  };
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 58 /* : */ && text.startsWith('://', i)) {
      // One pass over the authority; the password is between the first ':' and the last '@'.
      let colon = -1;
      let at = -1;
      let j = i + 3;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (endsAuthority(c)) break;
        if (c === 58 && colon < 0 && at < 0) colon = j;
        else if (c === 64 /* @ */) at = j;
      }
      if (colon >= 0 && at > colon) {
        replace(colon + 1, at, at > colon + 1 ? MASK : '');
        i = at;
      } else {
        i += 3;
      }
      continue;
    }
    if (!isWordChar(code)) { i++; continue; }
    let end = i + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const word = text.slice(i, end);
    const isFlag = word.startsWith('-');
    const next = text.charCodeAt(end);
    if ((next === 61 /* = */ || (isFlag && isSpace(next)) || (next === 34 && text.charCodeAt(i - 1) === 34)) && isSecretName(word)) {
      if (next === 61) {
        const to = valueEnd(text, end + 1, !isFlag);
        replace(end + 1, to, maskedValue(text, end + 1, to));
        i = to;
        continue;
      }
      if (next === 34) {
        const open = jsonValueStart(text, end);
        if (open >= 0) {
          const to = valueEnd(text, open, false);
          replace(open, to, maskedValue(text, open, to));
          i = to;
          continue;
        }
      } else {
        let from = end;
        while (from < text.length && isSpace(text.charCodeAt(from))) from++;
        if (from < text.length && text[from] !== '-' && !isBreak(text.charCodeAt(from))) {
          const to = valueEnd(text, from, false);
          replace(from, to, maskedValue(text, from, to));
          i = to;
          continue;
        }
      }
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** "DB_PASSWORD=hunter 2" → "DB_PASSWORD=••••••" (the whole value); other entries through maskText. */
export function maskEnvEntry(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq > 0 && isSecretName(entry.slice(0, eq))) return eq + 1 < entry.length ? `${entry.slice(0, eq)}=${MASK}` : entry;
  return maskText(entry);
}

/** A label's (or any keyed string's) value as shown: whole when the key is secret, else through maskText. */
export function maskKeyedValue(key: string, value: string): string {
  if (isSecretName(key) && !NOT_SECRET_KEYS.has(key)) return value === '' ? value : MASK;
  return maskText(value);
}

/**
 * A command line given as arguments (Cmd, Entrypoint, Args, CreateCommand): the argument after a
 * secret --flag, and the value of a secret NAME=value or --flag=value argument, are masked whole
 * (they may hold spaces); every argument also goes through maskText (sh -c '… --token x').
 */
export function maskArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  let valueNext = false;
  for (const arg of args) {
    if (valueNext && !arg.startsWith('-')) {
      out.push(arg === '' ? arg : MASK);
      valueNext = false;
      continue;
    }
    valueNext = false;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (WORD_CHARS.test(name) && isSecretName(name)) {
      if (eq > 0) { out.push(eq + 1 < arg.length ? `${name}=${MASK}` : arg); continue; }
      valueNext = name.startsWith('-');
    }
    out.push(maskText(arg));
  }
  return out;
}

/**
 * A deep copy of an inspect answer (container, image, volume, network) with every secret
 * masked: Env entries, command arrays, values under secret keys (labels, options, log driver
 * options…), and URL passwords and NAME=value secrets in every other string, keys included.
 */
export function maskInspect(data: unknown, key?: string): unknown {
  if (Array.isArray(data)) {
    if (key !== undefined && data.every((item) => typeof item === 'string')) {
      if (key === 'Env') return data.map((item: string) => maskEnvEntry(item));
      if (COMMAND_KEYS.has(key)) return maskArgs(data as string[]);
    }
    return data.map((item: unknown) => maskInspect(item));
  }
  if (data !== null && typeof data === 'object') {
    return Object.fromEntries(Object.entries(data).map(([k, v]) => {
      if ((typeof v === 'string' || typeof v === 'number') && isSecretName(k) && !NOT_SECRET_KEYS.has(k)) return [maskText(k), v === '' ? v : MASK];
      return [maskText(k), maskInspect(v, k)];
    }));
  }
  return typeof data === 'string' ? maskText(data) : data;
}
