// How Swarm objects read in the Swarm view: labels, descriptions, icons. Pure apart from l10n.
import * as vscode from 'vscode';
import type { NodeModel, PublishedPort, ServiceModel, TaskModel } from '../../docker/swarm/model';

export function portsText(ports: readonly PublishedPort[]): string {
  return ports.map((p) => `${p.publishedPort ?? '*'}→${p.targetPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`).join(', ');
}

/** "2/3" for a replicated service, "global 1/1" for a global one. */
export function replicasText(service: ServiceModel): string {
  const counts = `${service.running ?? '?'}/${service.desired ?? service.replicas ?? '?'}`;
  return service.mode === 'replicated' ? counts : `${service.mode} ${counts}`;
}

/** The update in progress or its outcome, as `docker service inspect` names it. */
export function updateText(service: ServiceModel): string {
  switch (service.updateState) {
    case 'updating': return vscode.l10n.t('updating');
    case 'paused': return vscode.l10n.t('update paused');
    case 'completed': return vscode.l10n.t('updated');
    case 'rollback_started': return vscode.l10n.t('rolling back');
    case 'rollback_paused': return vscode.l10n.t('rollback paused');
    case 'rollback_completed': return vscode.l10n.t('rolled back');
    default: return '';
  }
}

export function serviceDescription(service: ServiceModel): string {
  return [replicasText(service), service.image, portsText(service.ports), updateText(service)].filter(Boolean).join(' · ');
}

export function serviceIcon(service: ServiceModel): vscode.ThemeIcon {
  if (service.updateState === 'paused' || service.updateState === 'rollback_paused') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow'));
  if (service.updateState === 'updating' || service.updateState === 'rollback_started') return new vscode.ThemeIcon('sync~spin');
  const ok = service.running !== undefined && service.running === service.desired;
  return new vscode.ThemeIcon('server-process', new vscode.ThemeColor(ok ? 'charts.green' : 'charts.yellow'));
}

export function taskLabel(service: ServiceModel | undefined, task: TaskModel): string {
  const name = service?.name ?? task.serviceId.slice(0, 12);
  return `${name}.${task.slot ?? (task.nodeId ?? task.id).slice(0, 12)}`;
}

export function taskDescription(task: TaskModel, node: NodeModel | undefined): string {
  const state = task.state === task.desiredState ? task.state : vscode.l10n.t('{0} (desired {1})', task.state, task.desiredState);
  return [node?.hostname ?? (task.nodeId ?? '').slice(0, 12), state, task.exitCode !== undefined ? vscode.l10n.t('exit {0}', task.exitCode) : '', task.error ?? ''].filter(Boolean).join(' · ');
}

export function taskIcon(task: TaskModel): vscode.ThemeIcon {
  if (task.error || task.state === 'failed' || task.state === 'rejected') return new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red'));
  if (task.state === 'running') return new vscode.ThemeIcon('debug-start', new vscode.ThemeColor('charts.green'));
  if (task.desiredState !== 'running') return new vscode.ThemeIcon('debug-stop');
  return new vscode.ThemeIcon('loading~spin');
}

export function nodeDescription(node: NodeModel): string {
  return [
    node.role === 'manager' ? (node.leader ? vscode.l10n.t('manager (leader)') : vscode.l10n.t('manager')) : vscode.l10n.t('worker'),
    node.availability, node.status, node.engineVersion ? `Engine ${node.engineVersion}` : '', node.address ?? '',
  ].filter(Boolean).join(' · ');
}
