// Typed engine errors. Everything that fails in src/docker reaches callers as a WharfError: a
// stable `code` the UI can branch on, a plain-English `message` (the UI wraps or translates it)
// and an optional `hint` saying what the user can do about it. The mapping works on the shapes
// dockerode/docker-modem really produce, never on guessed ones: captured from dockerd 20.10,
// Podman 4.3, distribution 2.8 and Node 20's sockets and TLS into test/unit/docker/errors.test.ts,
// and checked live against the real engines in test/engine/errors.test.ts.
import { registryOf } from './registryAuth';

export type WharfErrorCode =
  | 'unreachable'
  | 'permission'
  | 'notFound'
  | 'conflictName'
  | 'imageInUse'
  | 'inUse'
  | 'containerRunning'
  | 'authRequired'
  | 'timeout'
  | 'registryNotFound'
  | 'badRequest'
  | 'cancelled'
  | 'malformedAnswer'
  // Swarm (src/docker/swarm/swarmErrors.ts)
  | 'notSwarmManager'
  | 'noQuorum'
  | 'imageUnreachable'
  | 'portInUse'
  | 'noSuitableNode'
  | 'engine';

export interface WharfErrorOptions {
  hint?: string;
  /** HTTP status the engine answered with, when it answered. */
  statusCode?: number;
  /** The engine's own words (its JSON `message`), for logs and "details". */
  engineMessage?: string;
  cause?: unknown;
  /** Why an engine address was refused before any connection (diagnosis.ts tells the UI). */
  reason?: 'badAddress' | 'noContext';
}

export class WharfError extends Error {
  readonly hint?: string;
  readonly statusCode?: number;
  readonly engineMessage?: string;
  readonly reason?: 'badAddress' | 'noContext';

  constructor(readonly code: WharfErrorCode, message: string, options: WharfErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WharfError';
    this.hint = options.hint;
    this.statusCode = options.statusCode;
    this.engineMessage = options.engineMessage;
    this.reason = options.reason;
  }
}

/**
 * The engine answered, but not with what the API defines: a body that is not JSON, one cut off
 * before its end, or JSON of the wrong shape (an object where a list belongs). Said plainly, with a
 * few characters of what came, because the usual cause is something between Wharf and the engine
 * (a proxy, a crashing engine, a socket that is not an engine's).
 */
export function malformedAnswer(action: string, problem: string, received?: string): WharfError {
  const sample = received === undefined ? '' : ` (it began ${JSON.stringify(received.slice(0, 40))}${received.length > 40 ? '…' : ''})`;
  return new WharfError('malformedAnswer', capitalize(`the engine's answer to "${action}" could not be read: ${problem}${sample}.`),
    { hint: 'The engine, or something between it and Wharf, sent what the Docker API does not define. Check the engine\'s log; Wharf asks again on the next change or reconnect.' });
}

export function isWharfError(err: unknown, code?: WharfErrorCode): err is WharfError {
  return err instanceof WharfError && (code === undefined || err.code === code);
}

/** What the failing request was about; each field sharpens the message when given. */
export interface ErrorContext {
  /** What Wharf was doing, e.g. "start container web" (lower case, no final period). */
  action?: string;
  /** Where the engine is, for display: "unix:///var/run/docker.sock". */
  endpoint?: string;
  /** The image reference a pull/run/remove was about. */
  image?: string;
  /** The object the request named (container name or id, volume name…). */
  object?: string;
  /** Platform for the hints; defaults to process.platform. */
  platform?: NodeJS.Platform;
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  syscall?: unknown;
  address?: unknown;
  statusCode?: unknown;
  json?: unknown;
}

/** Maps anything thrown by dockerode, the modem, Node's sockets or a deadline to a WharfError. */
export function toWharfError(err: unknown, context: ErrorContext = {}): WharfError {
  if (err instanceof WharfError) return err;
  const shape: ErrorShape = typeof err === 'object' && err !== null ? (err as ErrorShape) : { message: String(err) };
  const statusCode = typeof shape.statusCode === 'number' ? shape.statusCode : undefined;
  const engineMessage = engineWords(shape);
  const doing = context.action ? `Could not ${context.action}: ` : '';
  const where = context.endpoint ? ` at ${context.endpoint}` : '';
  const options = (hint?: string): WharfErrorOptions => ({ hint, statusCode, engineMessage, cause: err });

  // Deadlines and cancellation come first: an aborted request may also carry a socket code.
  // dockerode rejects an aborted request with Node's AbortError whose `cause` is the signal's
  // reason: a deadline (ours, or AbortSignal.timeout's TimeoutError) is a timeout, not a cancel.
  const reason = shape.name === 'AbortError' && typeof (err as { cause?: unknown }).cause === 'object' ? (err as { cause: ErrorShape | null }).cause : undefined;
  const isDeadline = (s?: ErrorShape | null): boolean => !!s && (s.name === 'DeadlineExceeded' || s.name === 'TimeoutError' || s.code === 'ETIMEDOUT' || s.code === 'ESOCKETTIMEDOUT');
  const timedOut = isDeadline(shape) || isDeadline(reason);
  if (timedOut) {
    return new WharfError('timeout', capitalize(`${doing}the engine${where} did not answer in time.`), options('The engine may be overloaded or hung. Check that it responds (for example `docker info` in a terminal), or restart it.'));
  }
  if (shape.name === 'AbortError' || shape.code === 'ABORT_ERR') {
    return new WharfError('cancelled', context.action ? `Cancelled: ${context.action}.` : 'Cancelled.', options());
  }

  const code = typeof shape.code === 'string' ? shape.code : undefined;
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'EAI_AGAIN') {
    const lost = code === 'ECONNRESET' || code === 'EPIPE';
    const message = lost ? `${doing}the connection to the engine${where} was lost.` : `${doing}no container engine is reachable${where}.`;
    return new WharfError('unreachable', capitalize(message), options(unreachableHint(context.platform ?? process.platform)));
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new WharfError('permission', capitalize(`${doing}permission denied on the engine socket${where}.`), options(permissionHint(context.platform ?? process.platform)));
  }
  // Node's TLS verification codes (DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_VERIFY_LEAF_SIGNATURE,
  // ERR_TLS_CERT_ALTNAME_INVALID, ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED, …) and OpenSSL's
  // "wrong version number" (https spoken to a plain-http port): the engine was not reached.
  // connect.ts sharpens these with where the certificates come from.
  const tlsWords = typeof shape.message === 'string' ? shape.message : '';
  if (code && (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_SSL_|^ERR_TLS_/.test(code) || (code === 'EPROTO' && /SSL routines|wrong version number/i.test(tlsWords)))) {
    const detail = code === 'EPROTO' ? 'the engine does not speak TLS there' : tlsWords.split('\n')[0].replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/, '').replace(/:\.\.\/deps\/.*$/, '').trim() || code;
    return new WharfError('unreachable', capitalize(`${doing}the TLS connection to the engine${where} failed (${detail}).`),
      options('Check the engine address and port (2376 is TLS, 2375 plain), and that ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH, or the Docker context) belong to this engine.'));
  }

  if (statusCode !== undefined) return fromStatus(statusCode, engineMessage ?? '', doing, context, options);

  const message = typeof shape.message === 'string' && shape.message ? shape.message : String(err);
  return new WharfError('engine', capitalize(`${doing}${message}`), options());
}

function fromStatus(status: number, words: string, doing: string, context: ErrorContext, options: (hint?: string) => WharfErrorOptions): WharfError {
  const said = words ? ` The engine said: ${words}` : '';
  if (/is already in use/i.test(words) && /name/i.test(words)) {
    const name = /name "\/?([^"]+)"/.exec(words)?.[1] ?? context.object;
    return new WharfError('conflictName', capitalize(`${doing}the name ${name ? `"${name}" ` : ''}is already in use by another container.`), options('Choose another name, or remove or rename the container that has it.'));
  }
  // dockerd: "You cannot remove a running container <id>. Stop the container before attempting
  // removal or force remove" (or "a paused container … Unpause and then stop …"); Podman: "cannot
  // remove container <id> as it is running - running or paused containers cannot be removed
  // without force" (Podman 4.3 answers 500 with it, dockerd 409). The UI's remove confirmation
  // offers Force Remove on this code.
  const running = /cannot remove a (running|paused) container|as it is (running|paused)|running or paused containers cannot be removed/i.exec(words);
  if ((status === 409 || status === 500) && running) {
    const paused = /paused/i.test(running[1] ?? running[2] ?? '');
    return new WharfError('containerRunning', capitalize(`${doing}the container ${context.object ? `${context.object} ` : ''}is ${paused ? 'paused' : 'running'}.`),
      options(paused ? 'Unpause and stop it first, or remove it with force (which kills it).' : 'Stop it first, or remove it with force (which kills it).'));
  }
  // dockerd: "conflict: unable to delete <id> (must be forced) - image is being used by stopped
  // container <id>", "… (cannot be forced) - image is being used by running container <id>",
  // "conflict: unable to remove repository reference "<ref>" (must force) - container <id> is using
  // its referenced image <id>"; Podman: "image <ref> is in use: image used by <id>: image is in
  // use by a container: consider listing external containers and force-removing image".
  if (status === 409 && /image is being used by|is using its referenced image|image is referenced in multiple repositories|image used by|image is in use by/i.test(words)) {
    const multi = /referenced in multiple repositories/i.test(words);
    return new WharfError('imageInUse', capitalize(multi
      ? `${doing}the image has several tags; remove the tags one by one.`
      : `${doing}the image ${context.image ? `${context.image} ` : ''}is used by a container.`), options(multi ? 'Remove each tag, or remove by tag instead of by id.' : 'Remove the containers that use it first (stopped ones too).'));
  }
  // A volume or network a container still uses. dockerd: 409 "remove <name>: volume is in use -
  // [<ids>]" and 403 "error while removing network: network <name> id <id> has active endpoints";
  // Podman: 409 "volume <name> is being used by the following container(s): <ids>: volume is
  // being used" (Podman 4.3 removes a network with attached containers instead of refusing).
  if ((status === 409 || status === 403) && /volume is in use|volume is being used|has active endpoints/i.test(words)) {
    const volume = /volume/i.test(words) && !/has active endpoints/i.test(words);
    return new WharfError('inUse', capitalize(`${doing}the ${volume ? 'volume' : 'network'} is in use by a container.`), options(volume
      ? 'Remove the containers that use it first (stopped ones too); the volume keeps its data until it is removed.'
      : 'Disconnect or remove the containers attached to it first.'));
  }
  // A 404 from a pull is dockerd's translation of the registry's answer (distribution/errors.go):
  // "manifest for <ref> not found: manifest unknown: …", "repository <name> not found: name
  // unknown: …", or for DENIED "pull access denied for <name>, repository does not exist or may
  // require 'docker login': denied: requested access to the resource is denied". The last one
  // also says "denied", so this comes before the authentication check: the registry did not say
  // whether the repository is missing or private, and the hint covers both.
  if (status === 404 && /manifest unknown|manifest for .* not found|repository does not exist|pull access denied|not found: manifest|repository \S+ not found|name unknown/i.test(words)) {
    const image = context.image ?? /manifest for (\S+) not found|pull access denied for ([^,\s]+)|repository (\S+) not found/.exec(words)?.slice(1).find(Boolean);
    const registry = image ? registryOf(image) : undefined;
    const message = image ? `Image ${image} not found in registry ${registry}.` : 'Image not found in the registry.';
    const denied = /pull access denied|may require 'docker login'/i.test(words);
    return new WharfError('registryNotFound', message, options(denied
      ? 'Check the image name and tag; if the repository is private, log in to the registry (docker login <registry>) and try again.'
      : 'Check the image name and tag, and that you may read that repository.'));
  }
  if (status === 401 || /unauthorized|authentication required|no basic auth credentials|denied: requested access/i.test(words)) {
    return new WharfError('authRequired', capitalize(`${doing}the registry requires authentication${context.image ? ` for ${context.image}` : ''}.`), options('Log in to the registry (docker login <registry>), then try again.'));
  }
  if (status === 404) {
    const what = words ? lowerFirst(words).replace(/\.$/, '') : `${context.object ?? 'it'} was not found`;
    return new WharfError('notFound', capitalize(`${doing}${what}.`), options('It may have been removed meanwhile.'));
  }
  if (status === 400) {
    return new WharfError('badRequest', capitalize(`${doing}the engine rejected the request.${said}`), options());
  }
  return new WharfError('engine', capitalize(`${doing}the engine answered with an error (HTTP ${status}).${said}`), options());
}

/** The engine's own message: its JSON body, else the modem's "(HTTP code N) reason - text". */
function engineWords(shape: ErrorShape): string | undefined {
  const json = shape.json;
  if (json && typeof json === 'object' && !Buffer.isBuffer(json) && typeof (json as { message?: unknown }).message === 'string') {
    return ((json as { message: string }).message).trim();
  }
  if (typeof shape.message === 'string') {
    const match = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(shape.message);
    if (match) return match[1].trim() || undefined;
  }
  return undefined;
}

export function unreachableHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32': return 'Start Docker Desktop (or Podman Desktop), or set wharf.engine.host to your engine.';
    case 'darwin': return 'Start Docker Desktop (or Colima, or `podman machine start`), or set wharf.engine.host to your engine.';
    default: return 'Start the engine (`sudo systemctl start docker`, or `systemctl --user start podman.socket` for Podman), or set wharf.engine.host to your engine.';
  }
}

export function permissionHint(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'Run VS Code as a user in the docker-users group (then sign out and in again).';
  if (platform === 'darwin') return 'Check the permissions of the socket, or restart Docker Desktop.';
  return 'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log out and in again), or use a rootless engine (rootless Docker or `systemctl --user start podman.socket`).';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
