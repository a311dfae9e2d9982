// Image commands: Run (a fresh container from an image), Pull, Push, Tag, Remove, Inspect.
// Pull and push (and Run's implicit pull) report progress in a notification with Cancel.
import * as vscode from 'vscode';
import { removeContainer } from '../../docker/containers';
import type { ContainerModel } from '../../docker/model';
import * as ops from '../../docker/images';
import { reportError, requireDocker, type WharfContext } from '../context';
import { formatSize, shortId } from '../display/format';
import { forEach, withCancellableProgress } from './progress';
import { choosePushTarget, pushed } from './registries';
import { askRunSpec, referenceProblem, runWithProgress } from './runFlow';
import { imageTargets, type ImageTarget } from './targets';

type Handler = (...args: unknown[]) => Promise<unknown>;

const targetName = (t: ImageTarget): string => t.reference ?? shortId(t.image.id);

interface ImageRemoval {
  /** Targets whose removal deletes the image (its last name, or no name at all), with the containers using it. */
  usersOf: Map<ImageTarget, ContainerModel[]>;
  /** Targets that only lose a name: the image stays under its other tags. */
  untagOnly: Map<ImageTarget, string[]>;
  /** Every container that blocks the removal, once. */
  users: ContainerModel[];
}

/**
 * What removing these images does: a tag the image shares with tags that stay only loses that
 * name; the last name (or an untagged image) deletes the image, which the engine refuses while a
 * container (running or not) uses it.
 */
export function imageRemovalPlan(targets: readonly ImageTarget[], containers: readonly ContainerModel[]): ImageRemoval {
  const usersOf = new Map<ImageTarget, ContainerModel[]>();
  const untagOnly = new Map<ImageTarget, string[]>();
  const removedRefs = new Set(targets.flatMap((t) => (t.reference ? [t.reference] : [])));
  for (const t of targets) {
    const staying = t.reference ? t.image.repoTags.filter((tag) => !removedRefs.has(tag) && tag !== '<none>:<none>') : [];
    if (staying.length > 0) untagOnly.set(t, staying);
    else usersOf.set(t, containers.filter((c) => c.imageId === t.image.id));
  }
  const users = [...new Map([...usersOf.values()].flat().map((c) => [c.id, c])).values()];
  return { usersOf, untagOnly, users };
}

export function imageRemovalDetail(plan: ImageRemoval): string {
  const lines: string[] = [];
  for (const [t, users] of plan.usersOf) {
    lines.push(users.length === 0
      ? vscode.l10n.t('{0}: the image ({1}) is deleted, with the layers no other image shares.', targetName(t), formatSize(t.image.size))
      : vscode.l10n.t('{0}: the image ({1}) is deleted, with the layers no other image shares. Used by: {2}.', targetName(t), formatSize(t.image.size), users.map((c) => `${c.name} (${c.state})`).join(', ')));
  }
  for (const [t, staying] of plan.untagOnly) lines.push(vscode.l10n.t('{0}: only this name goes; the image stays as {1}.', targetName(t), staying.join(', ')));
  if (plan.users.length > 0) {
    lines.push(vscode.l10n.t('The engine refuses to delete an image a container uses. Remove Containers, Then Image removes {0} first: the files they wrote outside volumes, their logs and settings are lost, and running ones are killed. Their volumes are kept.', plan.users.map((c) => c.name).join(', ')));
  }
  return lines.join('\n\n');
}

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
      if (!target?.reference) return undefined;
      // Given as text (by a test, the walkthrough or another command): pushed as it is named.
      // From a row or the palette: the registries you are signed in to are offered too.
      let reference: string | undefined = target.reference;
      try {
        if (typeof args[0] !== 'string') reference = await choosePushTarget(ctx, reference);
      } catch (err) {
        reportError(ctx, `tag ${reference} for its registry`, err);
        return undefined;
      }
      if (!reference) return undefined;
      const destination = reference;
      return withCancellableProgress(vscode.l10n.t('Pushing {0}', destination), async (sink) => {
        try {
          const result = await ops.pushImage(requireDocker(ctx), destination, { signal: sink.signal, onProgress: sink.report });
          pushed(ctx, destination);
          return result.digest ?? destination;
        } catch (err) {
          reportError(ctx, `push ${destination}`, err);
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
      const plan = imageRemovalPlan(targets, ctx.sessions.current.store.containers());
      const keep = targets.length === 1 ? vscode.l10n.t('Keep Image') : vscode.l10n.t('Keep Images');
      const remove = vscode.l10n.t('Remove');
      const removeUsersFirst = vscode.l10n.t('Remove Containers, Then Image');
      const question = targets.length === 1 ? vscode.l10n.t('Remove image {0}?', targetName(targets[0])) : vscode.l10n.t('Remove {0} images?', targets.length);
      const answer = await ctx.prompts.confirm(question, imageRemovalDetail(plan), keep, plan.users.length > 0 ? [removeUsersFirst] : [remove]);
      if (!answer) return [];
      const docker = requireDocker(ctx);
      // Exactly the containers the dialog named; a container created since then still blocks the
      // image, and the engine's refusal is reported rather than forced.
      const usersGone = new Set<string>();
      if (answer === removeUsersFirst) {
        await forEach(vscode.l10n.t('Removing {0} container(s)', plan.users.length), plan.users, async (c) => { await removeContainer(docker, c.id, { force: true, removeVolumes: false }); usersGone.add(c.id); }, (c, err) => reportError(ctx, `remove container ${c.name}`, err));
      }
      const removable = targets.filter((t) => (plan.usersOf.get(t) ?? []).every((c) => usersGone.has(c.id)));
      const done: string[] = [];
      await forEach(vscode.l10n.t('Removing images'), removable, async (t) => { await ops.removeImage(docker, t.reference ?? t.image.id); done.push(t.reference ?? t.image.id); }, (t, err) => reportError(ctx, `remove image ${t.reference ?? t.image.id}`, err));
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
