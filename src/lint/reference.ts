// Image references as the engine parses them (the distribution project's grammar):
//   [domain[:port]/]path[/path…][:tag][@algorithm:hex]
// checked by a scanner that reads each part once. The one home of this grammar: the linter checks
// FROM images with it (InvalidDefaultArgInFrom) and the Pull and Tag input boxes check what users
// paste, as they type (a pattern with nested repetition took minutes on 130 characters there).

/** The longest repository name (domain and path) the engine accepts. */
const MAX_NAME_LENGTH = 255;
const MAX_TAG_LENGTH = 128;

export function isImageReference(text: string): boolean {
  let rest = text;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!isDigest(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  // A tag follows the last colon when no slash comes after it (`host:5000/app` has no tag).
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    if (!isTag(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  return rest.length <= MAX_NAME_LENGTH && isName(rest);
}

/** `[domain/]component[/component…]`; the first part may be read either way. */
function isName(name: string): boolean {
  const parts = name.split('/');
  if (!parts.slice(1).every(isPathComponent)) return false;
  return isPathComponent(parts[0]) || (parts.length > 1 && isDomain(parts[0]));
}

const isLowerAlnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
const isAlnum = (c: string) => isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
const isWord = (c: string) => isAlnum(c) || c === '_';
const isHex = (c: string) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/** Lowercase letters and digits in runs joined by `.`, `_`, `__` or any number of `-`. */
function isPathComponent(part: string): boolean {
  if (part === '' || !isLowerAlnum(part[0]) || !isLowerAlnum(part[part.length - 1])) return false;
  for (let i = 0; i < part.length;) {
    if (isLowerAlnum(part[i])) { i++; continue; }
    let end = i;
    while (end < part.length && !isLowerAlnum(part[end])) end++;
    const separator = part.slice(i, end);
    if (separator !== '.' && separator !== '_' && separator !== '__' && !/^-+$/.test(separator)) return false;
    i = end;
  }
  return true;
}

/** A host name, or an IPv6 address in brackets, with an optional port. */
function isDomain(domain: string): boolean {
  let host = domain;
  const close = domain.lastIndexOf(']');
  const colon = domain.lastIndexOf(':');
  if (colon > close) {
    const port = domain.slice(colon + 1);
    if (!/^\d+$/.test(port)) return false;
    host = domain.slice(0, colon);
  }
  if (host.startsWith('[')) return host.endsWith(']') && /^[0-9A-F:]+$/i.test(host.slice(1, -1));
  return host.split('.').every(isDomainComponent);
}

function isDomainComponent(label: string): boolean {
  if (label === '' || !isAlnum(label[0]) || !isAlnum(label[label.length - 1])) return false;
  for (const c of label) if (!isAlnum(c) && c !== '-') return false;
  return true;
}

function isTag(tag: string): boolean {
  if (tag.length === 0 || tag.length > MAX_TAG_LENGTH || !isWord(tag[0])) return false;
  for (const c of tag) if (!isWord(c) && c !== '.' && c !== '-') return false;
  return true;
}

/** `algorithm:hex`, the algorithm letters and digits joined by `-_+.`, at least 32 hex digits. */
function isDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  if (colon < 0) return false;
  const hex = digest.slice(colon + 1);
  if (hex.length < 32) return false;
  for (const c of hex) if (!isHex(c)) return false;
  return digest.slice(0, colon).split(/[-_+.]/).every((part) => /^[A-Z][A-Z0-9]*$/i.test(part));
}
