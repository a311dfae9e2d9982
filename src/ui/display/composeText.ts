// How a Compose project and a service are shown: description, context value and tooltip, as
// pure functions of the project derived from the store and the files found in the workspace.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeProjectView, ComposeServiceView } from '../../docker/composeModel';
import { markdownCode } from './format';

/** What the tree knows of a project: from the engine, from the workspace's files, or both. */
export interface ProjectFacts {
  name: string;
  engine?: ComposeProjectView;
  /** The files it is driven with (the workspace's, else those the labels name, when they exist). */
  files: string[];
  workingDir?: string;
}

/** "~/shop" for a folder in the home folder: the sidebar is narrow. */
export function shortFolder(folder: string, home = os.homedir()): string {
  return home && (folder === home || folder.startsWith(home + path.sep)) ? `~${folder.slice(home.length)}` : folder;
}

export function projectDescription(facts: ProjectFacts): string {
  const running = facts.engine?.running ?? 0;
  const total = facts.engine?.total ?? 0;
  const count = total === 0 ? vscode.l10n.t('no containers') : vscode.l10n.t('{0}/{1} running', running, total);
  return facts.workingDir ? `${count} · ${shortFolder(facts.workingDir)}` : count;
}

/**
 * Tokens that menus match: `composeProject`, then `running` when a container runs, `stopped` when
 * one does not, and `files` when its compose files are at hand (Up, Down, Pull need them).
 */
export function projectContextValue(facts: ProjectFacts): string {
  const tokens = ['composeProject'];
  if ((facts.engine?.running ?? 0) > 0) tokens.push('running');
  if ((facts.engine?.total ?? 0) > (facts.engine?.running ?? 0)) tokens.push('stopped');
  if (facts.files.length > 0) tokens.push('files');
  return tokens.join(' ');
}

export function projectTooltip(facts: ProjectFacts): string {
  const lines = [`**${vscode.l10n.t('Compose project {0}', markdownCode(facts.name))}**`, ''];
  if (facts.workingDir) lines.push(vscode.l10n.t('Working directory: {0}', markdownCode(facts.workingDir)), '');
  if (facts.files.length > 0) lines.push(vscode.l10n.t('Files: {0}', facts.files.map((f) => markdownCode(facts.workingDir ? path.relative(facts.workingDir, f) || f : f)).join(', ')), '');
  else lines.push(vscode.l10n.t('Its compose files are not in reach: Up, Down and Pull need them.'), '');
  lines.push(vscode.l10n.t('{0} of {1} containers running', facts.engine?.running ?? 0, facts.engine?.total ?? 0));
  return lines.join('\n');
}

export function serviceDescription(service: ComposeServiceView | undefined): string {
  if (!service || service.containers.length === 0) return vscode.l10n.t('not created');
  return vscode.l10n.t('{0}/{1} running', service.running, service.containers.length);
}

export function serviceContextValue(service: ComposeServiceView | undefined, hasFiles: boolean): string {
  const tokens = ['composeService'];
  if (service && service.running > 0) tokens.push('running');
  if (!service || service.containers.length > service.running) tokens.push('stopped');
  if (hasFiles) tokens.push('files');
  return tokens.join(' ');
}
