// What a command acts on. From a tree row VS Code passes (clicked node, selected nodes); from the
// palette nothing, so we ask with a quick pick; tests and other extensions may pass an id, a name
// or a list of them. Each resolver returns the ids the command should act on.
import * as vscode from 'vscode';
import type { ContainerModel, ImageModel } from '../../docker/model';
import type { WharfContext } from '../context';
import { containerStatus } from '../display/containerText';
import { formatSize, shortId } from '../display/format';
import { usableTags } from '../display/imageText';

type Arg = unknown;

function fromArgs(args: Arg[], keyOf: (node: Record<string, unknown>) => string | undefined): string[] | undefined {
  const [first, second] = args;
  // Multi-select: VS Code passes the clicked node, then every selected node (the clicked one included).
  const list = Array.isArray(second) && second.length > 0 ? second : Array.isArray(first) ? first : first !== undefined && first !== null ? [first] : [];
  const ids = list.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (item && typeof item === 'object') { const key = keyOf(item as Record<string, unknown>); return key ? [key] : []; }
    return [];
  });
  return ids.length > 0 ? [...new Set(ids)] : undefined;
}

/** Container ids (or names) to act on; asks with a quick pick filtered by `applies` when none were given. */
export async function containerTargets(ctx: WharfContext, args: Arg[], placeHolder: string, applies: (c: ContainerModel) => boolean, canPickMany = true): Promise<ContainerModel[]> {
  const store = ctx.sessions.current.store;
  // A row's menu command that arrives without its row (undefined where the row should be): the
  // tree refreshed its root in between (src/ui/tree/focusedRow.ts). The right-click focused that
  // row, and the focus still names it once the rows are listed again.
  if (args.length > 0 && args[0] === undefined && !Array.isArray(args[1])) {
    const focused = await ctx.views.focusedContainer();
    if (focused) args = [focused];
  }
  const given = fromArgs(args, (n) => (n.type === 'container' && typeof n.id === 'string' ? n.id : typeof n.id === 'string' && !n.type ? n.id : undefined));
  if (given) {
    return given.map((key) => store.container(key) ?? store.containers().find((c) => c.name === key || c.id.startsWith(key)) ?? missing(key));
  }
  const candidates = store.containers().filter(applies);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No container to pick for this action.'));
    return [];
  }
  const items = candidates.map((c) => ({ label: c.name, description: `${c.image} · ${containerStatus(c)}`, detail: shortId(c.id), container: c }));
  if (canPickMany) {
    const picked = await ctx.prompts.pick(items, { placeHolder, canPickMany: true, matchOnDescription: true });
    return picked?.map((p) => p.container) ?? [];
  }
  const picked = await ctx.prompts.pick(items, { placeHolder, matchOnDescription: true });
  return picked ? [picked.container] : [];
}

export interface ImageTarget { image: ImageModel; reference?: string }

/** Image references to act on (tag rows give their reference; dangling rows only an id). */
export async function imageTargets(ctx: WharfContext, args: Arg[], placeHolder: string, canPickMany = true, includeDangling = true): Promise<ImageTarget[]> {
  const store = ctx.sessions.current.store;
  const given = fromArgs(args, (n) => (n.type === 'imageTag' ? (n.reference as string | undefined) ?? (n.imageId as string) : undefined));
  if (given) {
    return given.map((key) => {
      const image = store.image(key) ?? store.images().find((i) => i.repoTags.includes(key) || i.repoTags.includes(`${key}:latest`) || i.id.replace(/^sha256:/, '').startsWith(key.replace(/^sha256:/, '')));
      if (!image) return missing(key);
      const reference = image.repoTags.includes(key) ? key : image.repoTags.includes(`${key}:latest`) ? `${key}:latest` : undefined;
      return { image, reference };
    });
  }
  const items = store.images().flatMap((image) => {
    const tags = usableTags(image);
    if (tags.length === 0) return includeDangling ? [{ label: shortId(image.id), description: `<none> · ${formatSize(image.size)}`, target: { image } as ImageTarget }] : [];
    return tags.map((reference) => ({ label: reference, description: `${shortId(image.id)} · ${formatSize(image.size)}`, target: { image, reference } as ImageTarget }));
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no images.'));
    return [];
  }
  if (canPickMany) return (await ctx.prompts.pick(items, { placeHolder, canPickMany: true }))?.map((i) => i.target) ?? [];
  const picked = await ctx.prompts.pick(items, { placeHolder });
  return picked ? [picked.target] : [];
}

/** Volume names or network ids from rows, arguments or a pick. */
export async function resourceTargets(ctx: WharfContext, args: Arg[], kind: 'volume' | 'network', placeHolder: string, canPickMany = true): Promise<string[]> {
  const given = fromArgs(args, (n) => (kind === 'volume' && n.type === 'volume' ? (n.name as string) : kind === 'network' && n.type === 'network' ? (n.id as string) : undefined));
  if (given) return given;
  const store = ctx.sessions.current.store;
  const items = kind === 'volume'
    ? store.volumes().map((v) => ({ label: v.name, description: v.driver, key: v.name }))
    : store.networks().map((n) => ({ label: n.name, description: n.driver, key: n.id }));
  if (canPickMany) return (await ctx.prompts.pick(items, { placeHolder, canPickMany: true }))?.map((i) => i.key) ?? [];
  const picked = await ctx.prompts.pick(items, { placeHolder });
  return picked ? [picked.key] : [];
}

function missing(key: string): never {
  throw new Error(vscode.l10n.t('No such object: {0}', key));
}
