// Why no engine answers, as a class the UI can branch on (the Containers view's welcome picks
// its explanation by it) instead of one hint for every failure: a typo in an address must not be
// answered with "start the engine". Pure apart from looking at the socket path's folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EndpointSource } from './connect';
import type { WharfError } from './errors';
import { maskText } from './secrets';

export type UnreachableCause =
  /** No socket (or pipe) at the path: the engine is not running there. */
  | 'noSocket'
  /** Nothing at a path that does not look like an engine socket's (folder missing, odd name): likely a typo. */
  | 'badPath'
  /** The socket exists but this user may not use it. */
  | 'permission'
  /** Something is at the address but refuses the connection: a stopped engine, a wrong port. */
  | 'refused'
  /** The TLS handshake or a certificate failed. */
  | 'tls'
  /** The address cannot be parsed: no or an unknown scheme, an empty host or path. */
  | 'badAddress'
  /** The named docker context does not exist or has no Docker endpoint. */
  | 'noContext'
  /** The host name does not resolve (or the host is unreachable). */
  | 'hostNotFound'
  | 'timeout'
  /** Something answered, but not a container engine's API. */
  | 'notEngine'
  | 'other';

export const UNREACHABLE_CAUSES: readonly UnreachableCause[] = ['noSocket', 'badPath', 'permission', 'refused', 'tls', 'badAddress', 'noContext', 'hostNotFound', 'timeout', 'notEngine', 'other'];

/** What the UI says about an unreachable engine besides the message: the address and its origin. */
export interface UnreachableDiagnosis {
  cause: UnreachableCause;
  /** The address tried (as the user would write it), when one was resolved. */
  address?: string;
  source?: EndpointSource;
  /** The docker context the address came from, if any. */
  context?: string;
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_SSL_|^ERR_TLS_|ALERT_/;

/** The first Node error code (ENOENT, ECONNREFUSED, ERR_TLS_…) on the error's cause chain. */
function systemCode(err: unknown): string | undefined {
  for (let at: unknown = err, depth = 0; at && typeof at === 'object' && depth < 6; at = (at as { cause?: unknown }).cause, depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && code !== code.toLowerCase()) return code;
  }
  return undefined;
}

/**
 * A socket path that is missing and also unlike an engine's socket: its folder does not exist, or
 * its name does not end like a socket's. Such a path was more likely mistyped than left by a
 * stopped engine.
 */
export function looksMistyped(socketPath: string, exists: (file: string) => boolean = defaultExists): boolean {
  if (/\s/.test(socketPath)) return true;
  if (!/\.(?:sock|socket)$/.test(path.basename(socketPath))) return true;
  return !exists(path.dirname(socketPath));
}

function defaultExists(file: string): boolean {
  try { fs.statSync(file); return true; } catch { return false; }
}

export interface DiagnoseInput {
  error: WharfError;
  /** The endpoint tried; undefined when the settings named none that could be used. */
  endpoint?: { url: string; source: EndpointSource; context?: string; protocol: string; socketPath?: string; tls?: unknown };
  /** Where the address (or context name) came from, when it could not be resolved. */
  unresolved?: { source: EndpointSource; name: string };
  exists?: (file: string) => boolean;
}

export function diagnoseUnreachable(input: DiagnoseInput): UnreachableDiagnosis {
  const { error, endpoint } = input;
  if (!endpoint) {
    const unresolved = input.unresolved;
    const named = unresolved && /context/i.test(unresolved.source) ? { context: unresolved.name } : { address: unresolved?.name ? maskText(unresolved.name) : undefined };
    return { cause: error.reason === 'noContext' ? 'noContext' : error.reason === 'badAddress' ? 'badAddress' : 'other', source: unresolved?.source, ...named };
  }
  const where = { address: endpoint.url, source: endpoint.source, context: endpoint.context };
  return { cause: causeOf(error, endpoint, input.exists ?? defaultExists), ...where };
}

function causeOf(error: WharfError, endpoint: NonNullable<DiagnoseInput['endpoint']>, exists: (file: string) => boolean): UnreachableCause {
  if (error.code === 'timeout') return 'timeout';
  if (error.code === 'permission') return 'permission';
  if (error.code === 'malformedAnswer' || (error.code === 'engine' && !systemCode(error))) return 'notEngine';
  const code = systemCode(error);
  if (code && TLS_CODE.test(code)) return 'tls';
  if (endpoint.tls && (code === 'ECONNRESET' || code === 'EPIPE' || code === 'EPROTO')) return 'tls';
  if (code === 'EPROTO') return 'tls';
  if (code === 'ENOENT') {
    const explicit = endpoint.source !== 'defaultSocket';
    return explicit && endpoint.socketPath && looksMistyped(endpoint.socketPath, exists) ? 'badPath' : 'noSocket';
  }
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'hostNotFound';
  return 'other';
}
