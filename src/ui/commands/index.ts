// The one list of Wharf's UI commands: each family returns its handlers, registered in one loop
// by activate(). Handlers return what they did (ids, tags) so tests can assert on real results,
// and so the walkthrough checks a step off only when the engine really did it.
import * as vscode from 'vscode';
import type { WharfContext } from '../context';
import { ensureEngine, recoveryCommands } from '../engineRecovery';
import { engineOfNode } from '../tree/engineRoots';
import { composeCommands } from '../composeCommands';
import { containerCommands } from './containers';
import { contextCommands } from './contexts';
import { dockerfileCommands } from './dockerfile';
import { imageCommands } from './images';
import { registryCommands } from './registries';
import { swarmCommands } from './swarm';
import { systemCommands } from './system';
import { walkthroughCommands } from './walkthrough';

/** Commands that act on the engine: without one they say so (with the ways out) and do nothing. */
const ENGINE_FAMILIES = ['wharf.container.', 'wharf.image.', 'wharf.volume.', 'wharf.network.', 'wharf.compose.', 'wharf.swarm.'];
const ENGINE_COMMANDS = new Set(['wharf.prune', 'wharf.refresh', 'wharf.dockerfile.build', 'wharf.dockerfile.buildAndRun', 'wharf.walkthrough.run']);

export function needsEngine(id: string): boolean {
  return ENGINE_COMMANDS.has(id) || ENGINE_FAMILIES.some((family) => id.startsWith(family));
}

export function registerCommands(ctx: WharfContext): vscode.Disposable[] {
  const dockerfile = dockerfileCommands(ctx);
  const table = { ...containerCommands(ctx), ...imageCommands(ctx), ...systemCommands(ctx), ...recoveryCommands(ctx), ...dockerfile.commands, ...walkthroughCommands(ctx), ...composeCommands(ctx), ...registryCommands(ctx), ...swarmCommands(ctx), ...contextCommands(ctx) };
  return [dockerfile, ...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    // A command on a row acts on that row's engine (several engines: wharf.engines).
    const engine = engineOfNode(args[0]);
    if (engine) ctx.engines.focus(engine);
    if (needsEngine(id) && !(await ensureEngine(ctx))) return undefined;
    const result = await handler(...args);
    await ctx.walkthrough.record(id, result);
    return result;
  }))];
}
