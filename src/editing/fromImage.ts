// The image a FROM names, and where: for the engine-aware completion and hover (which images are
// local is the UI's store to read; this module only says what is written and what it resolves
// to), and the stages a code lens can build.
import { From } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { globalArgs } from '../lint/buildkit';
import type { ImageModel } from '../docker/model';
import type { EditingDocument } from './document';
import { compare } from './references';

export interface FromImage {
  /** The image argument as written (empty when the cursor is where it will go). */
  written: string;
  /** Where it is written (an empty range at the cursor when nothing is). */
  range: Range;
  /** With the global ARGs' default values put in for `$NAME`, `${NAME}` and `${NAME:-x}`. */
  resolved: string;
  /** The earlier stage it names, lowercased, if it names one. */
  stage?: string;
}

/**
 * The FROM image argument at `position`, or where it goes: after the keyword and its flags, in
 * the first argument or in the blank before it. Undefined anywhere else.
 */
export function fromImageAt(doc: EditingDocument, position: Position): FromImage | undefined {
  const instruction = doc.instructionAt(position.line);
  if (!(instruction instanceof From)) return undefined;
  if (compare(position, instruction.getInstructionRange().end) <= 0) return undefined;
  const flags = instruction.getFlags();
  const lastFlag = flags[flags.length - 1];
  if (lastFlag && compare(position, lastFlag.getRange().end) <= 0) return undefined;
  const image = instruction.getArguments()[0];
  if (image) {
    const range = image.getRange();
    if (compare(position, range.start) < 0 || compare(position, range.end) > 0) {
      // Before the image, in the blank after the keyword: completion replaces nothing there.
      if (compare(position, range.start) < 0) return { written: '', range: { start: position, end: position }, resolved: '' };
      return undefined;
    }
    return describe(doc, instruction, image.getValue(), range);
  }
  return { written: '', range: { start: position, end: position }, resolved: '' };
}

/** Every FROM's image, in order (for hovers on any of them and for tests). */
export function fromImages(doc: EditingDocument): FromImage[] {
  return doc.stages.flatMap((stage) => {
    const image = stage.from.getArguments()[0];
    return image ? [describe(doc, stage.from, image.getValue(), image.getRange())] : [];
  });
}

function describe(doc: EditingDocument, from: From, written: string, range: Range): FromImage {
  const resolved = written.includes('$') ? resolveGlobals(doc, written) : written;
  const lower = resolved.toLowerCase();
  const stage = doc.stages.find((s) => s.name === lower && compare(s.from.getRange().start, from.getRange().start) < 0)?.name;
  return { written, range, resolved, stage };
}

function resolveGlobals(doc: EditingDocument, written: string): string {
  const values = doc.memo('globalArgs', () => globalArgs(doc.dockerfile));
  return written.replace(/\$\{([A-Z_]\w*)(?::?-([^}]*))?\}|\$([A-Z_]\w*)/gi, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = values.get(braced ?? bare ?? '');
    return value !== undefined && value !== '' ? value : fallback ?? '';
  });
}

/** The stages a build can stop at: each FROM … AS name, with the FROM line's range. */
export function namedStages(doc: EditingDocument): { name: string; range: Range }[] {
  return doc.stages.flatMap((stage) => {
    const name = stage.from.getBuildStage();
    return name ? [{ name, range: stage.from.getRange() }] : [];
  });
}

/**
 * A reference the way the engine lists it: Docker Hub's default registry and `library/` dropped,
 * `:latest` added when there is neither tag nor digest.
 */
export function normalizeReference(reference: string): string {
  let ref = reference.trim();
  for (const prefix of ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']) {
    if (ref.toLowerCase().startsWith(prefix)) { ref = ref.slice(prefix.length); break; }
  }
  if (ref.startsWith('library/')) ref = ref.slice('library/'.length);
  const lastSlash = ref.lastIndexOf('/');
  if (!ref.includes('@') && ref.indexOf(':', lastSlash + 1) < 0) ref = `${ref}:latest`;
  return ref;
}

/** The local image a FROM reference names, from the store's list (no engine request). */
export function localImageFor(reference: string, images: readonly ImageModel[]): ImageModel | undefined {
  const wanted = normalizeReference(reference);
  const at = wanted.indexOf('@');
  if (at >= 0) {
    const digest = wanted.slice(at + 1);
    return images.find((image) => image.repoDigests.some((d) => d.endsWith(`@${digest}`)));
  }
  return images.find((image) => image.repoTags.some((tag) => normalizeReference(tag) === wanted));
}

export interface LocalTag { reference: string; image: ImageModel }

/** Every local repository:tag, newest image first (then by name), for FROM completion. */
export function localTags(images: readonly ImageModel[]): LocalTag[] {
  const tags: LocalTag[] = [];
  for (const image of images) {
    for (const reference of image.repoTags) if (reference && !reference.startsWith('<none>')) tags.push({ reference, image });
  }
  return tags.sort((a, b) => b.image.createdAt - a.image.createdAt || a.reference.localeCompare(b.reference));
}
