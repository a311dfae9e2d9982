// Image commands: Run (a fresh container from an image), Pull, Push, Tag, Remove, Inspect.
// Pull and push (and Run's implicit pull) report progress in a notification with Cancel.
import * as vscode from 'vscode';
import * as ops from '../../docker/images';
import { reportError, requireDocker, type WharfContext } from '../context';
import { forEach, withCancellableProgress } from './progress';
import { askRunSpec, referenceProblem, runWithProgress } from './runFlow';
import { imageTargets } from './targets';

type Handler = (...args: unknown[]) => Promise<unknown>;

export function imageCommands(ctx: WharfContext): Record<string, Handler> {
  return {
    'wharf.image.run': async (...args) => {
      try {
        requireDocker(ctx);
        // A reference given as text need not be local (the run pulls it); a row names a local image;
        // from the palette the flow's first step asks.
        let image: string | undefined;
        if (typeof args[0] === 'string') {
          const problem = referenceProblem(args[0]);
          if (problem) throw new Error(problem);
          image = args[0].trim();
        } else if (args.length > 0 && args[0] !== undefined) {
          const [target] = await imageTargets(ctx, args, vscode.l10n.t('Run which image?'), false);
          if (!target) return undefined;
          image = target.reference ?? target.image.id;
        }
        const spec = await askRunSpec(ctx, image);
        return spec ? await runWithProgress(ctx, spec) : undefined;
      } catch (err) {
        reportError(ctx, 'run an image', err);
        return undefined;
      }
    },
    'wharf.image.pull': async (...args) => {
      const given = typeof args[0] === 'string' ? args[0] : typeof (args[0] as { reference?: unknown })?.reference === 'string' ? (args[0] as { reference: string }).reference : undefined;
      const reference = given ?? (await ctx.prompts.input({ prompt: vscode.l10n.t('Image to pull, e.g. busybox:1.36'), validateInput: referenceProblem }))?.trim();
      if (!reference) return undefined;
      return withCancellableProgress(vscode.l10n.t('Pulling {0}', reference), async (sink) => {
        try {
          await ops.pullImage(requireDocker(ctx), reference, { signal: sink.signal, onProgress: sink.report });
          return reference;
        } catch (err) {
          reportError(ctx, `pull ${reference}`, err);
          return undefined;
        }
      });
    },
    'wharf.image.push': async (...args) => {
      const [target] = await imageTargets(ctx, args, vscode.l10n.t('Push which image?'), false, false);
      const reference = target?.reference;
      if (!reference) return undefined;
      return withCancellableProgress(vscode.l10n.t('Pushing {0}', reference), async (sink) => {
        try {
          const result = await ops.pushImage(requireDocker(ctx), reference, { signal: sink.signal, onProgress: sink.report });
          return result.digest ?? reference;
        } catch (err) {
          reportError(ctx, `push ${reference}`, err);
          return undefined;
        }
      });
    },
    'wharf.image.tag': async (...args) => {
      const [target] = await imageTargets(ctx, args, vscode.l10n.t('Tag which image?'), false);
      if (!target) return undefined;
      const source = target.reference ?? target.image.id;
      const newReference = (await ctx.prompts.input({ prompt: vscode.l10n.t('New reference for {0}, e.g. 127.0.0.1:5000/app:1', source), value: target.reference, validateInput: referenceProblem }))?.trim();
      if (!newReference) return undefined;
      try {
        await ops.tagImage(requireDocker(ctx), source, newReference);
        return newReference;
      } catch (err) {
        reportError(ctx, `tag ${source}`, err);
        return undefined;
      }
    },
    'wharf.image.remove': async (...args) => {
      const targets = await imageTargets(ctx, args, vscode.l10n.t('Remove which images?'));
      if (targets.length === 0) return [];
      const names = targets.map((t) => t.reference ?? t.image.id.slice(7, 19)).join(', ');
      const remove = vscode.l10n.t('Remove');
      const answer = await ctx.prompts.warningModal(vscode.l10n.t('Remove {0}?', names), vscode.l10n.t('A tag shared with other tags only loses this name; the last tag removes the image. Images used by a container are not removed.'), [remove]);
      if (answer !== remove) return [];
      const done: string[] = [];
      await forEach(vscode.l10n.t('Removing images'), targets, async (t) => { await ops.removeImage(requireDocker(ctx), t.reference ?? t.image.id); done.push(t.reference ?? t.image.id); }, (t, err) => reportError(ctx, `remove image ${t.reference ?? t.image.id}`, err));
      return done;
    },
    'wharf.image.inspect': async (...args) => {
      const [target] = await imageTargets(ctx, args, vscode.l10n.t('Inspect which image?'), false);
      if (target) await ctx.inspect.show('image', target.image.id, target.reference ?? target.image.id.slice(7, 19));
      return target?.image.id;
    },
    /** Shows an image's row (by id and one of its tags) in the Images view: the FROM hover's link. */
    'wharf.image.reveal': async (id, reference) => {
      const node = typeof id === 'string' ? ctx.views.images.tagNodeFor(id, typeof reference === 'string' ? reference : undefined) : undefined;
      if (!node) { void vscode.window.showInformationMessage(vscode.l10n.t('That image is no longer in the engine\'s local images.')); return undefined; }
      await ctx.views.imagesView.reveal(node, { select: true, focus: true, expand: false });
      return node.reference ?? node.imageId;
    },
    'wharf.images.showDangling': async () => { await ctx.config.setShowDanglingImages(true); },
    'wharf.images.hideDangling': async () => { await ctx.config.setShowDanglingImages(false); },
  };
}
