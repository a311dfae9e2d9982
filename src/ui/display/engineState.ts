// An engine's connection state as the root of its rows says it (several engines at once).
import * as vscode from 'vscode';
import type { ConnectionState } from '../../docker/model';

/** An engine root's state in words: connected (what it is), reconnecting, or unreachable with why. */
export function engineStateText(connection: ConnectionState): { state: 'connected' | 'connecting' | 'reconnecting' | 'unreachable'; description: string; tooltip: string } {
  if (connection.status === 'connected') {
    const kind = connection.engine.kind === 'podman' ? 'Podman' : 'Docker';
    return { state: 'connected', description: `${kind} ${connection.engine.version}`, tooltip: vscode.l10n.t('Connected: {0} {1}, API {2}', kind, connection.engine.version, connection.engine.apiVersion) };
  }
  if (connection.status === 'connecting') {
    return connection.attempt > 1
      ? { state: 'reconnecting', description: vscode.l10n.t('reconnecting…'), tooltip: vscode.l10n.t('Reconnecting (attempt {0})', connection.attempt) }
      : { state: 'connecting', description: vscode.l10n.t('connecting…'), tooltip: vscode.l10n.t('Connecting to the container engine…') };
  }
  // The store keeps retrying an unreachable engine (retryAt): it says why, and that it retries.
  const why = connection.hint ? `${connection.message} ${connection.hint}` : connection.message;
  return { state: 'unreachable', description: vscode.l10n.t('unreachable: {0}', connection.message), tooltip: connection.retryAt !== undefined ? vscode.l10n.t('Unreachable, trying again: {0}', why) : why };
}
