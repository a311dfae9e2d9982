// OpenSSH's known_hosts, read the way ssh reads it, for ssh:// engines: dockerode's ssh client
// (ssh2) checks no host key unless it is given a verifier, so without this module anyone who can
// answer on the engine's address could pose as the engine. Pure parsing and matching here; the
// one I/O-owning piece is HostKeyChecker, which reads the files at each check and appends a key
// the user chose to trust.
//
// What is supported (the README's security section says the same):
// - ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts; plain, wildcard (* ?), negated (!) and
//   hashed (|1|salt|hash) host fields; "[host]:port" for a port other than 22; @revoked lines;
//   @cert-authority lines are skipped (ssh2 does not offer host certificates).
// - HostKeyAlias from ~/.ssh/config (Host blocks; Match blocks and Include are not read).
// - A changed key (the host is known with a key of the same type, and this one differs) is
//   refused with its SHA256 fingerprint. An unknown key is put to the user once (the UI passes
//   the question in: src/docker knows nothing of VS Code); a trusted key is appended to
//   ~/.ssh/known_hosts as `ssh -o StrictHostKeyChecking=accept-new` would, so ssh and the docker
//   CLI trust it too. A declined key is not asked again by the same checker (one engine session).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WharfError } from './errors';
import { globMatch, sshConfigFor } from './sshConfig';

export { globMatch };

export interface KnownHostLine {
  marker?: 'revoked' | 'cert-authority';
  /** The host field as written: comma-separated patterns, or one hashed entry. */
  hosts: string;
  keyType: string;
  key: Buffer;
  file: string;
  /** 1-based. */
  line: number;
}

/** Lines of a known_hosts file; comments, blank and malformed lines are skipped as ssh skips them. */
export function parseKnownHosts(text: string, file: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  let number = 0;
  for (const raw of text.split('\n')) {
    number++;
    const fields = raw.trim().split(/[ \t]+/);
    if (fields[0] === '' || fields[0].startsWith('#')) continue;
    let marker: KnownHostLine['marker'];
    if (fields[0].startsWith('@')) {
      if (fields[0] !== '@revoked' && fields[0] !== '@cert-authority') continue;
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    if (fields.length < 3) continue;
    const [hosts, keyType, base64] = fields;
    const key = Buffer.from(base64, 'base64');
    if (key.length === 0 || keyTypeOf(key) !== keyType) continue;
    lines.push({ marker, hosts, keyType, key, file, line: number });
  }
  return lines;
}

/** The name ssh looks a host up by: "host" on port 22, "[host]:port" on any other. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

function hashedMatch(entry: string, name: string): boolean {
  const parts = entry.split('|');
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2], 'base64');
  const expected = Buffer.from(parts[3], 'base64');
  const actual = createHmac('sha1', salt).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Does a known_hosts host field name this host? A matching negated pattern rules it out. */
export function hostFieldMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|')) return hashedMatch(hosts, name);
  let matched = false;
  for (const raw of hosts.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!globMatch(pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** The key type named inside an SSH public key blob ("ssh-ed25519"), or '' when it is no blob. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) return '';
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** "SHA256:…" as OpenSSH prints a key's fingerprint (base64, no padding). */
export function fingerprint(blob: Buffer): string {
  const base64 = createHash('sha256').update(blob).digest('base64');
  let end = base64.length;
  while (end > 0 && base64[end - 1] === '=') end--;
  return `SHA256:${base64.slice(0, end)}`;
}

/** "ED25519", "ECDSA", "RSA": the key kind as OpenSSH names it in its messages. */
export function keyKind(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('ecdsa-')) return 'ECDSA';
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType === 'ssh-dss') return 'DSA';
  return keyType;
}

export type HostKeyVerdict =
  | { kind: 'known'; line: KnownHostLine }
  | { kind: 'revoked'; line: KnownHostLine }
  | { kind: 'changed'; line: KnownHostLine }
  /** Not known; `otherTypes` are the key types the host is known by, if any. */
  | { kind: 'unknown'; otherTypes: string[] };

/** What the known lines say of `key` for a host looked up by `name` (ssh's check_host_key). */
export function checkHostKey(lines: readonly KnownHostLine[], name: string, key: Buffer): HostKeyVerdict {
  const forHost = lines.filter((line) => line.marker !== 'cert-authority' && hostFieldMatches(line.hosts, name));
  const revoked = forHost.find((line) => line.marker === 'revoked' && line.key.equals(key));
  if (revoked) return { kind: 'revoked', line: revoked };
  const plain = forHost.filter((line) => line.marker === undefined);
  const known = plain.find((line) => line.key.equals(key));
  if (known) return { kind: 'known', line: known };
  const type = keyTypeOf(key);
  const changed = plain.find((line) => line.keyType === type);
  if (changed) return { kind: 'changed', line: changed };
  return { kind: 'unknown', otherTypes: [...new Set(plain.map((line) => line.keyType))] };
}

/**
 * HostKeyAlias for `host` (the name as typed: an alias, before HostName) from an ssh_config text:
 * the first value in a Host block whose patterns match. The reading is sshConfig.ts's.
 */
export function hostKeyAlias(configText: string, host: string): string | undefined {
  return sshConfigFor(host, configText, '').hostKeyAlias;
}

/** The host-key algorithms ssh2 offers by default, most preferred first. */
const DEFAULT_HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Host-key algorithms with those of the key types already known first, so a known key is what the server shows. */
export function preferredHostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const first = knownTypes.flatMap((type) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]))
    .filter((algorithm) => DEFAULT_HOST_KEY_ALGORITHMS.includes(algorithm));
  return [...new Set([...first, ...DEFAULT_HOST_KEY_ALGORITHMS])];
}

/** The question put to the user about a key that is not known. */
export interface UnknownHostKey {
  host: string;
  port: number;
  /** The name the key is looked up and would be saved under: "[127.0.0.1]:2222". */
  name: string;
  keyType: string;
  fingerprint: string;
  /** Key types the host is already known by (a different one was presented). */
  otherTypes: string[];
  /** Where the key is added when trusted. */
  knownHostsFile: string;
}

/** Resolves true to trust the key (it is then saved), false to refuse it. */
export type AskHostKey = (question: UnknownHostKey) => Promise<boolean>;

export interface HostKeyCheckerOptions {
  /** The host connected to (after ~/.ssh/config's HostName). */
  host: string;
  port: number;
  /** The name as typed (a ~/.ssh/config alias), which Host patterns match; default: host. */
  alias?: string;
  /** The user's home: ~/.ssh/known_hosts and ~/.ssh/config are read there. */
  homedir: string;
  /** Reads a file, undefined when it cannot. */
  readFile: (file: string) => string | undefined;
  /** Asked about an unknown key; without it an unknown key is refused. */
  ask?: AskHostKey;
}

/** The known_hosts that ssh reads besides the user's own. */
export const GLOBAL_KNOWN_HOSTS = '/etc/ssh/ssh_known_hosts';

/**
 * Checks an ssh:// engine's host key for one engine session. Files are read at every check (a
 * key added meanwhile counts); an unknown key is asked about once, however many connections
 * (dockerode opens one per request) present it at the same time.
 */
export class HostKeyChecker {
  /** Why the last refused key was refused, for the connection error; cleared by an accepted key. */
  refusal: WharfError | undefined;
  private readonly answers = new Map<string, Promise<boolean>>();
  private readonly options: HostKeyCheckerOptions;

  constructor(options: HostKeyCheckerOptions) {
    this.options = options;
  }

  get userKnownHosts(): string {
    return path.join(this.options.homedir, '.ssh', 'known_hosts');
  }

  /** The name this host's keys are looked up by: its HostKeyAlias, else host or [host]:port. */
  lookupName(): string {
    const config = this.options.readFile(path.join(this.options.homedir, '.ssh', 'config'));
    const alias = config === undefined ? undefined : hostKeyAlias(config, this.options.alias ?? this.options.host);
    return alias ? alias.toLowerCase() : knownHostName(this.options.host, this.options.port);
  }

  knownLines(): KnownHostLine[] {
    return [this.userKnownHosts, GLOBAL_KNOWN_HOSTS].flatMap((file) => {
      const text = this.options.readFile(file);
      return text === undefined ? [] : parseKnownHosts(text, file);
    });
  }

  /** Host-key algorithms for ssh2, the known key types first. */
  preferredAlgorithms(): string[] {
    const name = this.lookupName();
    const types = this.knownLines().filter((line) => line.marker === undefined && hostFieldMatches(line.hosts, name)).map((line) => line.keyType);
    return preferredHostKeyAlgorithms(types);
  }

  /** ssh2's hostVerifier: answers through `verify` once the key is judged (possibly after asking the user). */
  readonly verifier = (key: Buffer, verify: (accepted: boolean) => void): void => {
    // The answer may come after the connection gave up waiting (a question left open): ssh2 then
    // has nothing to resume, and that is not an error.
    const answer = (accepted: boolean): void => { try { verify(accepted); } catch { /* connection gone */ } };
    this.check(key).then(answer, (err: unknown) => {
      this.refusal = err instanceof WharfError ? err : new WharfError('unreachable', `Could not check the host key of ${this.options.host}: ${String(err)}.`, { cause: err });
      answer(false);
    });
  };

  /** True when the key may be used; false (with `refusal` set) when not. */
  async check(key: Buffer): Promise<boolean> {
    const name = this.lookupName();
    const verdict = checkHostKey(this.knownLines(), name, key);
    const type = keyTypeOf(key);
    const shown = `${keyKind(type)} key ${fingerprint(key)}`;
    const where = (line: KnownHostLine): string => `${line.file}:${line.line}`;
    switch (verdict.kind) {
      case 'known':
        this.refusal = undefined;
        return true;
      case 'revoked':
        return this.refuse(`The host key of ${name} is revoked: it presented ${shown}, which ${where(verdict.line)} marks @revoked. Wharf does not connect.`,
          'Ask the engine host\'s administrator which key it should have.');
      case 'changed':
        return this.refuse(`The host key of ${name} has changed: it presented ${shown}, but ${where(verdict.line)} holds another ${keyKind(type)} key for it. Someone could be intercepting the connection, so Wharf does not connect.`,
          `If the key was changed on purpose, remove the old one (ssh-keygen -R "${name}") and connect again.`);
      case 'unknown':
        return this.askOnce(key, name, type, verdict.otherTypes, shown);
    }
  }

  private askOnce(key: Buffer, name: string, keyType: string, otherTypes: string[], shown: string): Promise<boolean> {
    const id = fingerprint(key);
    let answer = this.answers.get(id);
    if (!answer) {
      const ask = this.options.ask;
      const question: UnknownHostKey = { host: this.options.host, port: this.options.port, name, keyType, fingerprint: id, otherTypes, knownHostsFile: this.userKnownHosts };
      answer = ask ? ask(question).then((trusted) => {
        if (trusted) this.remember(name, keyType, key);
        return trusted;
      }) : Promise.resolve(false);
      // A failed question (or a failed save) is not an answer: the next connection asks again.
      answer.catch(() => this.answers.delete(id));
      this.answers.set(id, answer);
    }
    return answer.then((trusted) => {
      if (trusted) { this.refusal = undefined; return true; }
      return this.refuse(`The host key of ${name} (${shown}) is not known${otherTypes.length ? ` (only its ${otherTypes.map(keyKind).join(', ')} key is)` : ''}, and it was not trusted.`,
        this.options.ask ? 'Reconnect to be asked again, or add the key with ssh first.' : `Connect once with ssh to check the key and add it to ${this.userKnownHosts}.`);
    });
  }

  private refuse(message: string, hint: string): false {
    this.refusal = new WharfError('unreachable', message, { hint });
    return false;
  }

  /** Appends the key to ~/.ssh/known_hosts, as ssh's accept-new does (folder 0700, file 0600 when created). */
  private remember(name: string, keyType: string, key: Buffer): void {
    const file = this.userKnownHosts;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    let before = '';
    try { before = fs.readFileSync(file, 'utf8'); } catch { /* a new file */ }
    const separator = before && !before.endsWith('\n') ? '\n' : '';
    fs.appendFileSync(file, `${separator}${name} ${keyType} ${key.toString('base64')}\n`, { mode: 0o600 });
  }
}
