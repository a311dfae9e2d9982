// Registry commands: add, log in and out (checked with the registry, stored as docker does), open a
// repository by name, page on, pull, copy the reference of, and delete a tag; Push's choice of the
// registries you are signed in to. Registry failures come as RegistryErrors already written for
// people; they are shown as such.
import * as vscode from 'vscode';
import { pullImage, splitReference, tagImage } from '../../docker/images';
import { RegistryClient, RegistryError } from '../../docker/registry';
import { logIn, logOut, registryEndpoint } from '../../docker/registryAccess';
import { registryOf, registryOfKey } from '../../docker/registryAuth';
import { reportError, requireDocker, UserFacingError, type WharfContext } from '../context';
import { pushTarget, registryLabel } from '../display/registryText';
import { withCancellableProgress } from './progress';
import type { MoreNode, RegistryTagNode } from '../tree/registriesTree';

type Handler = (...args: unknown[]) => Promise<unknown>;

const REGISTRY_ADDRESS = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** "https://Reg.Example:5000/v2/" → "reg.example:5000"; undefined when it is no registry address. */
export function registryAddress(text: string): string | undefined {
  const registry = registryOfKey(text.trim()).toLowerCase();
  return REGISTRY_ADDRESS.test(registry) ? registry : undefined;
}

function asUserError(err: unknown): unknown {
  return err instanceof RegistryError && err.code !== 'cancelled' ? new UserFacingError(err.message, err.hint) : err;
}

function isTagNode(arg: unknown): arg is RegistryTagNode {
  return typeof arg === 'object' && arg !== null && (arg as { type?: unknown }).type === 'registryTag';
}

export function registryCommands(ctx: WharfContext): Record<string, Handler> {
  const { registries } = ctx;

  /** The registry a command is about: a row, a name, or asked for. */
  async function registryArg(arg: unknown, placeHolder: string, filter: (signedIn: boolean) => boolean = () => true): Promise<string | undefined> {
    if (typeof arg === 'string') return registryAddress(arg) ?? arg;
    if (typeof arg === 'object' && arg !== null && typeof (arg as { registry?: unknown }).registry === 'string') return (arg as { registry: string }).registry;
    const entries = (await registries.tree.registries()).filter((e) => filter(e.account !== undefined));
    if (entries.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('No registry to pick for this action.')); return undefined; }
    const picked = await ctx.prompts.pick(entries.map((e) => ({ label: registryLabel(e.registry), description: e.account, registry: e.registry })), { placeHolder });
    return picked?.registry;
  }

  async function tagArg(arg: unknown): Promise<RegistryTagNode | undefined> {
    if (isTagNode(arg)) return arg;
    const selected = registries.view.selection.find(isTagNode);
    return selected;
  }

  async function login(registry: string): Promise<{ registry: string; stored: string } | undefined> {
    const entry = (await registries.tree.registries()).find((e) => e.registry === registry);
    const username = (await ctx.prompts.input({
      title: vscode.l10n.t('Log in to {0}', registryLabel(registry)),
      prompt: vscode.l10n.t('User name'),
      value: entry?.account && entry.account !== '<token>' ? entry.account : undefined,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a user name.')),
    }))?.trim();
    if (!username) return undefined;
    const password = await ctx.prompts.input({
      title: vscode.l10n.t('Log in to {0}', registryLabel(registry)),
      prompt: vscode.l10n.t('Password or access token for {0}', username),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the password or an access token.')),
    });
    if (!password) return undefined;
    return withCancellableProgress(vscode.l10n.t('Logging in to {0}', registryLabel(registry)), async (sink) => {
      try {
        const result = await logIn(registry, { username, password }, { ...(await registries.access()), signal: sink.signal });
        registries.list.refresh();
        const where = result.stored.kind === 'helper'
          ? vscode.l10n.t('Logged in to {0} as {1}. The credentials are in the credential helper docker-credential-{2}.', registryLabel(registry), username, result.stored.helper ?? '')
          : vscode.l10n.t('Logged in to {0} as {1}. The credentials are stored unencrypted (base64) in {2}: configure a credential helper ("credsStore" in that file) to keep them out of it.', registryLabel(registry), username, result.stored.file);
        ctx.log.info(`logged in to ${registry} as ${username} (${result.auth} auth, credentials in ${result.stored.kind === 'helper' ? `docker-credential-${result.stored.helper}` : result.stored.file})`);
        void ctx.prompts.notify(where, [], result.stored.kind === 'helper' ? 'info' : 'warning');
        return { registry, stored: result.stored.kind };
      } catch (err) {
        reportError(ctx, `log in to ${registry}`, asUserError(err));
        return undefined;
      }
    });
  }

  return {
    'wharf.registry.add': async (arg) => {
      const given = typeof arg === 'string' ? arg : await ctx.prompts.input({
        prompt: vscode.l10n.t('Registry address, e.g. ghcr.io or registry.example.com:5000'),
        ignoreFocusOut: true,
        validateInput: (v) => (registryAddress(v) ? undefined : vscode.l10n.t('Enter a host name or address, with a port if it has one.')),
      });
      const registry = given ? registryAddress(given) : undefined;
      if (!registry) return undefined;
      await registries.list.add(registry);
      // Whether it is a registry, whether the engine will speak to it, and whether it wants a login.
      let auth: string;
      try {
        auth = (await new RegistryClient(await registryEndpoint(registry, undefined, await registries.access())).ping()).auth;
      } catch (err) {
        reportError(ctx, `reach ${registry}`, asUserError(err));
        return registry;
      }
      if (auth !== 'none') await login(registry);
      return registry;
    },
    'wharf.registry.login': async (arg) => {
      const registry = await registryArg(arg, vscode.l10n.t('Log in to which registry?'));
      return registry ? login(registry) : undefined;
    },
    'wharf.registry.logout': async (arg) => {
      const registry = await registryArg(arg, vscode.l10n.t('Log out of which registry?'), (signedIn) => signedIn);
      if (!registry) return undefined;
      try {
        await logOut(registry);
        registries.list.refresh();
        ctx.log.info(`logged out of ${registry}`);
        return registry;
      } catch (err) {
        reportError(ctx, `log out of ${registry}`, err);
        return undefined;
      }
    },
    'wharf.registry.remove': async (arg) => {
      const registry = await registryArg(arg, vscode.l10n.t('Remove which registry from the view?'));
      if (!registry) return undefined;
      const entry = (await registries.tree.registries()).find((e) => e.registry === registry);
      if (entry?.account !== undefined) {
        const remove = vscode.l10n.t('Log Out and Remove');
        const answer = await ctx.prompts.confirm(vscode.l10n.t('Remove {0} from the view?', registryLabel(registry)),
          vscode.l10n.t('You are signed in to it: its credentials are forgotten too, as Log Out does. Its images stay where they are.'), vscode.l10n.t('Keep Registry'), [remove]);
        if (answer !== remove) return undefined;
        try { await logOut(registry); } catch (err) { reportError(ctx, `log out of ${registry}`, err); return undefined; }
      }
      await registries.list.remove(registry);
      return registry;
    },
    'wharf.registry.refresh': async () => { registries.list.refresh(); },
    'wharf.registry.openRepository': async (arg) => {
      const registry = await registryArg(arg, vscode.l10n.t('Open a repository of which registry?'));
      if (!registry) return undefined;
      const repository = (await ctx.prompts.input({
        prompt: vscode.l10n.t('Repository on {0}, e.g. {1}', registryLabel(registry), registry === 'docker.io' ? 'library/busybox' : 'team/app'),
        validateInput: (v) => (REPOSITORY.test(v.trim()) ? undefined : vscode.l10n.t('Enter a repository name: lower-case words separated by /, for example team/app.')),
      }))?.trim();
      if (!repository) return undefined;
      // Docker Hub's official images live under library/.
      const name = registry === 'docker.io' && !repository.includes('/') ? `library/${repository}` : repository;
      await registries.list.rememberRepository(registry, name);
      return name;
    },
    'wharf.registry.loadMore': async (node) => {
      try {
        await registries.tree.loadMore(node as MoreNode);
      } catch (err) {
        reportError(ctx, 'load more', asUserError(err));
      }
    },
    'wharf.registry.pullTag': async (arg) => {
      const node = await tagArg(arg);
      if (!node) return undefined;
      return withCancellableProgress(vscode.l10n.t('Pulling {0}', node.reference), async (sink) => {
        try {
          await pullImage(requireDocker(ctx), node.reference, { signal: sink.signal, onProgress: sink.report });
          return node.reference;
        } catch (err) {
          reportError(ctx, `pull ${node.reference}`, err);
          return undefined;
        }
      });
    },
    'wharf.registry.copyReference': async (arg) => {
      const node = await tagArg(arg);
      if (!node) return undefined;
      await vscode.env.clipboard.writeText(node.reference);
      return node.reference;
    },
    'wharf.registry.deleteTag': async (arg) => {
      const node = await tagArg(arg);
      if (!node) return undefined;
      try {
        const client = await registries.open(node.registry);
        const digest = await client.digestOf(node.repository, node.tag);
        const siblings = (await registries.tree.getChildren({ type: 'repository', registry: node.registry, repository: node.repository }))
          .filter((n): n is RegistryTagNode => isTagNode(n) && n.tag !== node.tag && registries.tree.detailsOf(n)?.digest === digest)
          .map((n) => n.tag);
        const remove = vscode.l10n.t('Delete');
        const detail = [
          vscode.l10n.t('A registry deletes by digest: manifest {0} goes, and with it every tag that points at it.', digest),
          siblings.length ? vscode.l10n.t('These tags point at it too and go with it: {0}.', siblings.join(', ')) : '',
          vscode.l10n.t('Pulled copies are not affected. The registry frees the layers at its next garbage collection.'),
        ].filter(Boolean).join('\n\n');
        const answer = await ctx.prompts.confirm(vscode.l10n.t('Delete {0} from {1}?', `${node.repository}:${node.tag}`, registryLabel(node.registry)), detail, vscode.l10n.t('Keep Tag'), [remove]);
        if (answer !== remove) return undefined;
        const deleted = await client.deleteTag(node.repository, node.tag);
        registries.tree.refreshRepository(node.registry, node.repository);
        ctx.log.info(`deleted ${node.reference} (${deleted}) from ${node.registry}`);
        return deleted;
      } catch (err) {
        reportError(ctx, `delete ${node.reference}`, asUserError(err));
        return undefined;
      }
    },
  };
}

/**
 * Push's destination: the image's own reference, or (when you are signed in to registries) one of
 * them, which tags the image for it first. Returns the reference to push, or undefined if cancelled.
 */
export async function choosePushTarget(ctx: WharfContext, reference: string): Promise<string | undefined> {
  const signedIn = (await ctx.registries.tree.registries()).filter((e) => e.account !== undefined && e.registry !== registryOf(reference));
  if (signedIn.length === 0) return reference;
  const asTagged = { label: vscode.l10n.t('As tagged: {0}', reference), description: registryLabel(registryOf(reference)), registry: undefined as string | undefined };
  const items = [asTagged, ...signedIn.map((e) => ({
    label: registryLabel(e.registry),
    description: e.account === '<token>' ? vscode.l10n.t('signed in with a token') : vscode.l10n.t('signed in as {0}', e.account ?? ''),
    registry: e.registry as string | undefined,
  }))];
  const picked = await ctx.prompts.pick(items, { placeHolder: vscode.l10n.t('Push {0} to which registry?', reference) });
  if (!picked) return undefined;
  if (!picked.registry) return reference;
  const account = signedIn.find((e) => e.registry === picked.registry)?.account;
  const target = (await ctx.prompts.input({
    prompt: vscode.l10n.t('Push as (the image is tagged with this reference first)'),
    value: pushTarget(reference, picked.registry, account === '<token>' ? undefined : account),
    validateInput: (v) => (registryOf(v.trim()) === picked.registry ? undefined : vscode.l10n.t('The reference must start with {0}/.', picked.registry ?? '')),
  }))?.trim();
  if (!target) return undefined;
  await tagImage(requireDocker(ctx), reference, target);
  return target;
}

/** After a push: the registry's view of that repository is fetched again. */
export function pushed(ctx: WharfContext, reference: string): void {
  const registry = registryOf(reference);
  const { repository } = splitReference(reference);
  const path = registry === 'docker.io'
    ? (repository.includes('/') ? repository.replace(/^(?:docker\.io|index\.docker\.io)\//, '') : `library/${repository}`)
    : repository.slice(registry.length + 1);
  ctx.registries.tree.refreshRepository(registry, path);
}
