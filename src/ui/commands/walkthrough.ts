// The walkthrough's buttons (package.json contributes.walkthroughs). They add no engine logic of
// their own: each hands over to the regular Run flow or container command, so a newcomer meets
// the same prompts and confirmations as in the tree, and that command's result is what checks the
// step off (src/ui/walkthrough.ts).
import * as vscode from 'vscode';
import { reportError, type WharfContext } from '../context';
import { isDangling } from '../display/imageText';
import { WALKTHROUGH_ID } from '../walkthrough';
import { askRunSpec, referenceProblem, runWithProgress } from './images';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** What the walkthrough's buttons may do to "the container you ran". */
const ON_RUN_CONTAINER = new Set(['wharf.container.shell', 'wharf.container.stop', 'wharf.container.start', 'wharf.container.remove']);

export function walkthroughCommands(ctx: WharfContext): Record<string, Handler> {
  return {
    'wharf.walkthrough.open': async () => {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ctx.extension.extension.id}#${WALKTHROUGH_ID}`, false);
    },
    'wharf.walkthrough.run': async (image?: unknown) => {
      const hasLocal = ctx.sessions.current.store.images().some((i) => !isDangling(i));
      if (typeof image !== 'string' && hasLocal) return vscode.commands.executeCommand('wharf.image.run');
      // Nothing local to pick from, or a reference given: Run creates the container from it and
      // pulls the image first when the engine does not have it (that is the lesson of this step).
      const reference = typeof image === 'string' ? image : (await ctx.prompts.input({
        prompt: vscode.l10n.t('Image to run: there is none on this engine yet, so Run pulls it from its registry first'),
        value: 'nginx:alpine',
        validateInput: referenceProblem,
      }))?.trim();
      if (!reference) return undefined;
      try {
        const spec = await askRunSpec(ctx, reference);
        return spec ? await runWithProgress(ctx, spec) : undefined;
      } catch (err) {
        reportError(ctx, `run ${reference}`, err);
        return undefined;
      }
    },
    // Steps 3 and 4 act on the container step 2 ran; once it is gone, the command asks as usual.
    'wharf.walkthrough.onRunContainer': async (command?: unknown) => {
      if (typeof command !== 'string' || !ON_RUN_CONTAINER.has(command)) throw new Error(`wharf.walkthrough.onRunContainer: not a walkthrough action: ${String(command)}`);
      const id = ctx.walkthrough.runContainer;
      return id ? vscode.commands.executeCommand(command, id) : vscode.commands.executeCommand(command);
    },
  };
}
