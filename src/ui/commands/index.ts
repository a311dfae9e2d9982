// The one list of Wharf's UI commands: each family returns its handlers, registered in one loop
// by activate(). Handlers return what they did (ids, tags) so tests can assert on real results,
// and so the walkthrough checks a step off only when the engine really did it.
import * as vscode from 'vscode';
import type { WharfContext } from '../context';
import { containerCommands } from './containers';
import { dockerfileCommands } from './dockerfile';
import { imageCommands } from './images';
import { systemCommands } from './system';
import { walkthroughCommands } from './walkthrough';

export function registerCommands(ctx: WharfContext): vscode.Disposable[] {
  const dockerfile = dockerfileCommands(ctx);
  const table = { ...containerCommands(ctx), ...imageCommands(ctx), ...systemCommands(ctx), ...dockerfile.commands, ...walkthroughCommands(ctx) };
  return [dockerfile, ...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    const result = await handler(...args);
    await ctx.walkthrough.record(id, result);
    return result;
  }))];
}
