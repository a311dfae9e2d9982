// The one list of Wharf's UI commands: each family returns its handlers, registered in one loop
// by activate(). Handlers return what they did (ids, tags) so tests can assert on real results.
import * as vscode from 'vscode';
import type { WharfContext } from '../context';
import { containerCommands } from './containers';
import { dockerfileCommands } from './dockerfile';
import { imageCommands } from './images';
import { systemCommands } from './system';

export function registerCommands(ctx: WharfContext): vscode.Disposable[] {
  const dockerfile = dockerfileCommands(ctx);
  const table = { ...containerCommands(ctx), ...imageCommands(ctx), ...systemCommands(ctx), ...dockerfile.commands };
  return [dockerfile, ...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler))];
}
