// The Contexts view's commands: switch (docker-wide, as `docker context use`, or for Wharf only;
// the user picks), create (unix, tcp with TLS files, ssh) and remove. Each returns what it did.
// Tests and other callers may pass the answers: a context name, a scope, a NewContext-like object
// whose TLS entries are file paths.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { NewContext } from '../../docker/contexts';
import { reportError, type WharfContext } from '../context';
import type { ContextNode } from '../contextsView';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** What Create Context accepts instead of asking: TLS entries are paths to PEM files. */
export interface ContextSpec { name: string; host: string; description?: string; ca?: string; cert?: string; key?: string; skipTlsVerify?: boolean }

function nameOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && (arg as ContextNode).type === 'context') return (arg as ContextNode).name;
  return undefined;
}

async function pickContext(ctx: WharfContext, placeHolder: string, filter: (name: string, current: boolean) => boolean): Promise<string | undefined> {
  const items = ctx.contexts.list().filter((c) => filter(c.name, c.current)).map((c) => ({ label: c.name, description: [c.current ? vscode.l10n.t('current') : undefined, c.host].filter(Boolean).join(' · ') }));
  return (await ctx.prompts.pick(items, { placeHolder }))?.label;
}

async function askNewContext(ctx: WharfContext): Promise<ContextSpec | undefined> {
  const name = await ctx.prompts.input({ prompt: vscode.l10n.t('Name of the new docker context'), placeHolder: 'build-box', validateInput: (v) => (/^[a-z0-9][\w.+-]*$/i.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, and _ . + - (not first).')) });
  if (!name) return undefined;
  const kinds = [
    { label: vscode.l10n.t('Unix socket'), detail: 'unix:///var/run/docker.sock', scheme: 'unix' },
    { label: vscode.l10n.t('TCP with TLS'), detail: 'tcp://host:2376', scheme: 'tcp' },
    { label: vscode.l10n.t('SSH'), detail: 'ssh://user@host', scheme: 'ssh' },
  ];
  const kind = await ctx.prompts.pick(kinds, { placeHolder: vscode.l10n.t('How is the engine reached?') });
  if (!kind) return undefined;
  const host = await ctx.prompts.input({ prompt: vscode.l10n.t('Engine address'), value: kind.detail, validateInput: (v) => (v.startsWith(`${kind.scheme}://`) && v.length > kind.scheme.length + 3 ? undefined : vscode.l10n.t('An address that starts with {0}://', kind.scheme)) });
  if (!host) return undefined;
  const spec: ContextSpec = { name: name.trim(), host: host.trim() };
  if (kind.scheme === 'tcp') {
    for (const [file, label] of [['ca', vscode.l10n.t('CA certificate (ca.pem)')], ['cert', vscode.l10n.t('Client certificate (cert.pem)')], ['key', vscode.l10n.t('Client key (key.pem)')]] as const) {
      const chosen = await vscode.window.showOpenDialog({ title: label, canSelectMany: false, openLabel: vscode.l10n.t('Use'), filters: { PEM: ['pem', 'crt', 'key'] } });
      if (!chosen) return undefined;
      spec[file] = chosen[0].fsPath;
    }
  }
  return spec;
}

export function contextCommands(ctx: WharfContext): Record<string, Handler> {
  return {
    'wharf.contexts.refresh': async () => { ctx.contexts.refresh(); return ctx.contexts.list().map((c) => c.name); },
    'wharf.context.switch': async (node?: unknown, scopeArg?: unknown) => {
      const name = nameOf(node) ?? await pickContext(ctx, vscode.l10n.t('Switch to which docker context?'), () => true);
      if (!name) return undefined;
      let scope: 'docker' | 'wharf' | undefined = scopeArg === 'docker' || scopeArg === 'wharf' ? scopeArg : undefined;
      if (!scope) {
        const choices = [
          { label: vscode.l10n.t('For docker and Wharf'), detail: vscode.l10n.t('As `docker context use {0}`: every docker command in every terminal uses it.', name), scope: 'docker' as const },
          { label: vscode.l10n.t('For Wharf only'), detail: vscode.l10n.t('The wharf.engine.context setting: the docker CLI keeps its current context.'), scope: 'wharf' as const },
        ];
        scope = (await ctx.prompts.pick(choices, { placeHolder: vscode.l10n.t('Switch to {0} where?', name) }))?.scope;
      }
      if (!scope) return undefined;
      try {
        await ctx.contexts.switchTo(name, scope);
      } catch (err) {
        reportError(ctx, `switch to context ${name}`, err);
        return undefined;
      }
      return { name, scope };
    },
    'wharf.context.create': async (specArg?: unknown) => {
      const spec = specArg && typeof specArg === 'object' && typeof (specArg as ContextSpec).name === 'string' ? specArg as ContextSpec : await askNewContext(ctx);
      if (!spec) return undefined;
      try {
        const read = (file?: string): string | undefined => (file ? fs.readFileSync(file, 'utf8') : undefined);
        const tls = spec.ca || spec.cert || spec.key ? { ca: read(spec.ca), cert: read(spec.cert), key: read(spec.key), skipVerify: spec.skipTlsVerify } : undefined;
        const context: NewContext = { name: spec.name, host: spec.host, description: spec.description, tls };
        ctx.contexts.create(context);
      } catch (err) {
        reportError(ctx, `create context ${spec.name}`, err);
        return undefined;
      }
      return spec.name;
    },
    'wharf.context.remove': async (node?: unknown) => {
      const name = nameOf(node) ?? await pickContext(ctx, vscode.l10n.t('Remove which docker context?'), (n, current) => n !== 'default' && !current);
      if (!name) return undefined;
      const remove = vscode.l10n.t('Remove');
      const chosen = await ctx.prompts.confirm(vscode.l10n.t('Remove docker context {0}?', name), vscode.l10n.t('The docker CLI loses it too, with its TLS files.'), vscode.l10n.t('Keep'), [remove]);
      if (chosen !== remove) return undefined;
      try {
        ctx.contexts.remove(name);
      } catch (err) {
        reportError(ctx, `remove context ${name}`, err);
        return undefined;
      }
      return name;
    },
  };
}
