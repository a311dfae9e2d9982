// How images are shown: grouped by repository, a row per tag. Pure functions of the model.
import type { ImageModel } from '../../docker/model';
import { maskText } from '../../docker/secrets';
import { escapeMarkdown, formatAge, formatSize, markdownCode, shortId } from './format';

export interface ImageRef { repository: string; tag: string }

/** "registry:5000/a/b:tag" → { repository: "registry:5000/a/b", tag: "tag" } (a port is not a tag). */
export function splitReference(reference: string): ImageRef {
  const at = reference.indexOf('@');
  const withoutDigest = at >= 0 ? reference.slice(0, at) : reference;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > withoutDigest.lastIndexOf('/')) return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { repository: withoutDigest, tag: at >= 0 ? reference.slice(at + 1) : 'latest' };
}

/** Tags that are real names ("<none>:<none>" is what some engines report for dangling). */
export function usableTags(image: ImageModel): string[] {
  return image.repoTags.filter((t) => t && !t.startsWith('<none>'));
}

export function isDangling(image: ImageModel): boolean {
  return usableTags(image).length === 0;
}

export function imageTagDescription(image: ImageModel, now = Date.now()): string {
  return `${formatSize(image.size)} · ${formatAge(image.createdAt, now)}`;
}

export function imageTooltip(image: ImageModel, reference: string | undefined, now = Date.now()): string {
  const lines = [`**${escapeMarkdown(reference ?? '<none>')}**`, ''];
  lines.push(`ID: ${markdownCode(shortId(image.id))}  `);
  lines.push(`Size: ${escapeMarkdown(formatSize(image.size))}  `);
  lines.push(`Created: ${escapeMarkdown(formatAge(image.createdAt, now))}  `);
  if (image.containers >= 0) lines.push(`Used by ${image.containers} container(s)  `);
  const others = usableTags(image).filter((t) => t !== reference);
  if (others.length > 0) lines.push('', `Also tagged: ${others.map(markdownCode).join(', ')}`);
  return lines.join('\n');
}

/** Layer row text from one history entry: the instruction without the shell wrapper, secrets masked. */
export function layerLabel(createdBy: string): string {
  return maskText(createdBy).replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ').replace(/\s+/g, ' ').trim() || '<empty>';
}

/** A layer row's hover: the whole history entry (plain text, shown literally), secrets masked. */
export function layerTooltip(createdBy: string): string {
  return maskText(createdBy);
}
