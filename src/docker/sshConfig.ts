// What ~/.ssh/config says about an ssh:// engine's host, read as OpenSSH reads it for the keywords
// an engine connection needs: `Host` blocks (patterns with * and ?, negation with !), `HostName`,
// `User`, `Port`, `IdentityFile` (each listed file, ~ and %d, %h, %r, %u expanded). The first value
// obtained wins, except IdentityFile, which accumulates. `Match` blocks are skipped: their
// conditions (exec, canonical, …) are beyond what Wharf evaluates, and applying one wrongly would
// be worse than not applying it. And which identity file holds a key ssh2 can use unprompted.
import * as path from 'node:path';

export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
}

/** OpenSSH's wildcard match: * any run, ? one character. Greedy two-pointer walk, no backtracking blow-up. */
export function sshPatternMatches(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) { pi++; ti++; } else if (pi < p.length && p[pi] === '*') { star = pi++; mark = ti; } else if (star >= 0) { pi = star + 1; ti = ++mark; } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** A `Host` line's patterns: matches when one pattern does and no negated one does. */
function hostLineMatches(patterns: readonly string[], alias: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) { if (sshPatternMatches(pattern.slice(1), alias)) return false; } else if (sshPatternMatches(pattern, alias)) matched = true;
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
