// What only Wharf knows while a Dockerfile is edited: which images the engine has. Completion
// lists the store's local tags and the hover reads the store's image — both from the live model,
// never a request per keystroke. The one engine request is an image's layer count for the hover
// (the list the store keeps has none): asked once per image id, which names its content, so the
// answer can never change; forgotten with the engine session.
import * as vscode from 'vscode';
import { inspectImage } from '../../docker/images';
import type { ImageModel } from '../../docker/model';
import type { EditingService, FromImage } from '../../editing/service';
import { escapeMarkdown, formatAge, formatSize, markdownCode } from '../display/format';
import { imageTooltip } from '../display/imageText';
import type { SessionHolder } from '../session';
import { toRange } from './convert';

export class EngineImages implements vscode.Disposable {
  private layers = new Map<string, Promise<number | undefined>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sessions: SessionHolder) {
    this.subscription = sessions.onDidChange(() => { this.layers = new Map(); });
  }

  private images(): readonly ImageModel[] {
    const store = this.sessions.current.store;
    return store.connection.status === 'connected' ? store.images() : [];
  }

  /** The local tags as completion items for the FROM image under the cursor, newest first. */
  completionItems(service: EditingService, image: FromImage, now = Date.now()): vscode.CompletionItem[] {
    const range = toRange(image.range);
    return service.localTags(this.images()).map(({ reference, image: model }, index) => {
      const item = new vscode.CompletionItem({ label: reference, description: `${formatSize(model.size)} · ${formatAge(model.createdAt, now)}` }, vscode.CompletionItemKind.Module);
      item.range = range;
      item.insertText = reference;
      // Newest first: the order is the engine's creation time, not the alphabet.
      item.sortText = `1${String(index).padStart(6, '0')}`;
      item.detail = vscode.l10n.t('Local image');
      item.documentation = new vscode.MarkdownString(imageTooltip(model, reference, now));
      return item;
    });
  }

  /** The hover text for a FROM image: local or not, and what the engine knows of it. */
  async hover(service: EditingService, image: FromImage, token: vscode.CancellationToken): Promise<vscode.MarkdownString> {
    const text = new vscode.MarkdownString();
    if (image.stage) {
      text.appendMarkdown(vscode.l10n.t('{0}: a build stage of this Dockerfile', markdownCode(image.written)));
      return text;
    }
    const store = this.sessions.current.store;
    if (store.connection.status !== 'connected') {
      text.appendMarkdown(vscode.l10n.t('{0}: Wharf is not connected to an engine, so it cannot tell whether this image is local.', markdownCode(image.resolved)));
      return text;
    }
    const local = service.localImage(image.resolved, store.images());
    if (!local) {
      text.appendMarkdown(vscode.l10n.t('{0}: not in the engine\'s local images; a build pulls it.', markdownCode(image.resolved)));
      return text;
    }
    const layers = await this.layerCount(local.id);
    if (token.isCancellationRequested) return text;
    const reference = local.repoTags.find((t) => t === image.resolved) ?? local.repoTags[0];
    const lines = [
      vscode.l10n.t('{0}: local image', markdownCode(image.resolved)),
      '',
      `${vscode.l10n.t('Size: {0}', escapeMarkdown(formatSize(local.size)))}  `,
      `${vscode.l10n.t('Created: {0} ({1})', escapeMarkdown(new Date(local.createdAt).toISOString().replace('T', ' ').slice(0, 16)), escapeMarkdown(formatAge(local.createdAt)))}  `,
      ...(layers !== undefined ? [`${vscode.l10n.t('Layers: {0}', layers)}  `] : []),
      '',
      `[${vscode.l10n.t('Show in the Images view')}](command:wharf.image.reveal?${encodeURIComponent(JSON.stringify([local.id, reference]))})`,
    ];
    text.appendMarkdown(lines.join('\n'));
    text.isTrusted = { enabledCommands: ['wharf.image.reveal'] };
    return text;
  }

  private layerCount(id: string): Promise<number | undefined> {
    let known = this.layers.get(id);
    if (!known) {
      const docker = this.sessions.current.docker();
      known = docker
        ? inspectImage(docker, id).then((info) => info.RootFS?.Layers?.length, () => undefined)
        : Promise.resolve(undefined);
      // A failed read is not remembered: the next hover asks again.
      void known.then((count) => { if (count === undefined) this.layers.delete(id); });
      this.layers.set(id, known);
    }
    return known;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
