// The walkthrough's buttons (package.json contributes.walkthroughs). They add no engine logic of
// their own: each hands over to the regular Run flow or command, so a newcomer meets the same
// prompts and confirmations as in the tree, and that command's result is what checks the step off
// (src/ui/walkthrough.ts). Each first shows the Wharf view where its result will appear. That is
// also what keeps multi-step prompts open: with the focus left on the Welcome page, the keyup of
// the Enter that answers one prompt reselects the walkthrough step, whose delayed focus then
// closes the next prompt.
import * as vscode from 'vscode';
import { reportError, type WharfContext } from '../context';
import { isDangling } from '../display/imageText';
import { WALKTHROUGH_ID } from '../walkthrough';
import { askRunSpec, referenceProblem, runWithProgress } from './runFlow';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** The commands the walkthrough's buttons run, each with the view it shows first. */
const ACTIONS: Record<string, { view: string; onRunContainer?: true }> = {
  // Steps 3 and 4 act on the container step 2 ran; once it is gone, the command asks as usual.
  'wharf.container.shell': { view: 'wharf.containers', onRunContainer: true },
  'wharf.container.stop': { view: 'wharf.containers', onRunContainer: true },
  'wharf.container.start': { view: 'wharf.containers', onRunContainer: true },
  'wharf.container.remove': { view: 'wharf.containers', onRunContainer: true },
  'wharf.dockerfile.build': { view: 'wharf.images' },
  'wharf.image.pull': { view: 'wharf.images' },
  'wharf.image.tag': { view: 'wharf.images' },
  'wharf.image.push': { view: 'wharf.images' },
};

const showView = (view: string): Thenable<unknown> => vscode.commands.executeCommand(`${view}.focus`);

export function walkthroughCommands(ctx: WharfContext): Record<string, Handler> {
  return {
    'wharf.walkthrough.open': async () => {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ctx.extension.extension.id}#${WALKTHROUGH_ID}`, false);
    },
    'wharf.walkthrough.run': async (image?: unknown) => {
      await showView('wharf.containers');
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
    'wharf.walkthrough.showAndRun': async (command?: unknown) => {
      const action = typeof command === 'string' ? ACTIONS[command] : undefined;
      if (typeof command !== 'string' || !action) throw new Error(`wharf.walkthrough.showAndRun: not a walkthrough action: ${String(command)}`);
      await showView(action.view);
      const id = action.onRunContainer ? ctx.walkthrough.runContainer : undefined;
      return id ? vscode.commands.executeCommand(command, id) : vscode.commands.executeCommand(command);
    },
  };
}
