// What ~/.ssh/config says about an ssh:// engine's host, read as OpenSSH reads it for the keywords
// an engine connection needs: `Host` blocks (patterns with * and ?, negation with !), `HostName`,
// `User`, `Port`, `IdentityFile` (each listed file, ~ and %d, %h, %r, %u expanded). The first value
// obtained wins, except IdentityFile, which accumulates. `Match` blocks are skipped: their
// conditions (exec, canonical, …) are beyond what Wharf evaluates, and applying one wrongly would
// be worse than not applying it. And which identity file holds a key ssh2 can use unprompted.
// The one home of ssh_config reading: known_hosts checks (knownHosts.ts) ask it for HostKeyAlias.
import * as path from 'node:path';

export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  /** The name known_hosts holds this host's keys under, instead of the host's own. */
  hostKeyAlias?: string;
  identityFiles: string[];
}

/** Names, patterns and hosts longer than this never match (they bound the glob matcher's work). */
const MAX_NAME = 1024;

/** OpenSSH's glob: `*` any run, `?` one character; the whole text must match. Case-sensitive: callers lower-case. */
export function globMatch(pattern: string, text: string): boolean {
  if (pattern.length > MAX_NAME || text.length > MAX_NAME) return false;
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) { p++; t++; continue; }
    if (p < pattern.length && pattern[p] === '*') { star = p++; resume = t; continue; }
    if (star < 0) return false;
    p = star + 1;
    t = ++resume;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A `Host` line's patterns: matches when one pattern does and no negated one does. */
function hostLineMatches(patterns: readonly string[], name: string): boolean {
  const alias = name.toLowerCase();
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) { if (globMatch(pattern.slice(1).toLowerCase(), alias)) return false; } else if (globMatch(pattern.toLowerCase(), alias)) matched = true;
  }
  return matched;
}

/** A line's keyword and arguments ("Key value", "Key=value", quoted arguments). */
function splitLine(line: string): { keyword: string; args: string[] } | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  const eq = trimmed.search(/[\s=]/);
  if (eq < 0) return { keyword: trimmed.toLowerCase(), args: [] };
  const keyword = trimmed.slice(0, eq).toLowerCase();
  const rest = trimmed.slice(eq).replace(/^\s*=?\s*/, '');
  const args: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of rest) {
    if (ch === '"') { quoted = !quoted; continue; }
    if (!quoted && (ch === ' ' || ch === '\t')) { if (current) args.push(current); current = ''; continue; }
    current += ch;
  }
  if (current) args.push(current);
  return { keyword, args };
}

/** The settings ~/.ssh/config gives `alias` (`text`: the file's content, undefined when there is none). */
export function sshConfigFor(alias: string, text: string | undefined, home: string, localUser = ''): SshHostConfig {
  const found: SshHostConfig = { identityFiles: [] };
  if (!text) return found;
  let applies = true; // lines before the first Host apply to every host
  const rawIdentities: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const parsed = splitLine(line);
    if (!parsed) continue;
    const { keyword, args } = parsed;
    if (keyword === 'host') { applies = hostLineMatches(args, alias); continue; }
    if (keyword === 'match') { applies = false; continue; }
    if (!applies || args.length === 0) continue;
    if (keyword === 'hostname') found.hostName ??= args[0];
    else if (keyword === 'user') found.user ??= args[0];
    else if (keyword === 'hostkeyalias') found.hostKeyAlias ??= args[0];
    else if (keyword === 'port') { const port = Number(args[0]); if (found.port === undefined && Number.isInteger(port) && port > 0 && port < 65536) found.port = port; } else if (keyword === 'identityfile') rawIdentities.push(args[0]);
  }
  const hostName = found.hostName ?? alias;
  const user = found.user ?? localUser;
  found.identityFiles = rawIdentities.map((file) => {
    const expanded = file.replace(/%[dhru%]/g, (token) => ({ '%d': home, '%h': hostName, '%r': user, '%u': localUser, '%%': '%' })[token] ?? token);
    const tilde = expanded.startsWith('~/') ? path.join(home, expanded.slice(2)) : expanded;
    return path.isAbsolute(tilde) ? tilde : path.join(home, '.ssh', tilde);
  });
  if (found.hostName) found.hostName = found.hostName.replace(/%h/g, alias);
  return found;
}

/** OpenSSH's default identities, tried when the config names none. */
export function defaultIdentityFiles(home: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => path.join(home, '.ssh', name));
}

/**
 * Whether a private key file can be used without a passphrase (Wharf never asks for one: an
 * encrypted key belongs in the agent). Old PEM keys say so in a header; OpenSSH's own format
 * names its cipher ("none" when unencrypted) right after its magic.
 */
export function isUnencryptedKey(text: string): boolean {
  if (/Proc-Type:\s*4,ENCRYPTED/.test(text) || text.includes('BEGIN ENCRYPTED PRIVATE KEY')) return false;
  const body = text.match(/-----BEGIN OPENSSH PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END OPENSSH PRIVATE KEY-----/);
  if (!body) return /-----BEGIN (?:RSA |EC |DSA )?PRIVATE KEY-----/.test(text);
  const bytes = Buffer.from(body[1].replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.subarray(0, magic.length).toString('latin1') !== magic || bytes.length < magic.length + 4) return false;
  const length = bytes.readUInt32BE(magic.length);
  return bytes.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1') === 'none';
}
