// Dockerfile editing features without VS Code: dockerfile-language-service (rcjsuen's, which the
// Microsoft extension's language server is built on) for completion, hover docs, signature help,
// comment/heredoc folds and formatting; Wharf's own parse for what the library does not do or
// does differently — the Outline with stages, stage folds, and definition, references and rename
// with the expansion rules of references.ts. Plain Node: the benchmark and the unit tier call it
// directly, and the extension loads it (dist/editing.js) only when a Dockerfile feature is asked for.
// Positions and results are LSP-shaped (vscode-languageserver-types); the UI converts them.
import { DockerfileLanguageServiceFactory, type Capabilities, type FormatterSettings } from 'dockerfile-language-service';
import { DockerAssist } from 'dockerfile-language-service/lib/dockerAssist';
import type { DockerRegistryClient } from 'dockerfile-language-service/lib/dockerRegistryClient';
import { Run } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind, MarkupKind, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover, type Position, type Range,
  type SignatureHelp, type TextEdit,
} from 'vscode-languageserver-types';
import { DocumentCache, type EditingDocument } from './document';
import { focusText } from './focus';
import { fromImageAt, localImageFor, localTags, namedStages, type FromImage, type LocalTag } from './fromImage';
import type { ImageModel } from '../docker/model';
import { foldingRanges, outline } from './outline';
import { compare, contains, definitionOf, occurrenceAt, referencesOf, renameEdits, renameProblem, symbolTable, type EditingSymbol, type RenameProblem } from './references';

export type { FromImage, RenameProblem, EditingSymbol, LocalTag };

export interface Completion {
  items: CompletionItem[];
  /** Set when the cursor is on a FROM image: the caller adds the engine's local images there. */
  image?: FromImage;
}

export interface Formatting { tabSize: number; insertSpaces: boolean }

const capabilities: Capabilities = {
  completion: { completionItem: { snippetSupport: true, deprecatedSupport: true, documentationFormat: [MarkupKind.Markdown, MarkupKind.PlainText] } },
  hover: { contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] },
};

/**
 * The library's FROM tag completion asks Docker Hub over HTTPS on every keystroke in a tag. Wharf
 * answers from the engine's local images instead (the caller's store), so the library gets a
 * client that knows no tags and never touches the network.
 */
const noRegistry = { getTags: () => Promise.resolve([]) } as unknown as DockerRegistryClient;

export class EditingService {
  private readonly library = DockerfileLanguageServiceFactory.createLanguageService();
  private readonly documents = new DocumentCache();

  constructor() {
    this.library.setCapabilities(capabilities);
  }

  /** The parse of `text` (kept while the document's text stays the same). */
  document(uri: string, text: string): EditingDocument {
    return this.documents.get(uri, text);
  }

  forget(uri: string): void {
    this.documents.forget(uri);
  }

  async completion(uri: string, text: string, position: Position): Promise<Completion> {
    const doc = this.document(uri, text);
    const image = fromImageAt(doc, position);
    const focused = TextDocument.create(uri, 'dockerfile', 0, focusText(doc, position.line));
    const items = [...await new DockerAssist(focused, noRegistry, capabilities.completion!.completionItem!).computeProposals(position)];
    if (image) items.push(...this.stageItems(doc, position, image.range));
    const mountFrom = mountFromAt(doc, position);
    if (mountFrom) items.push(...this.stageItems(doc, position, mountFrom));
    return { items, image };
  }

  /** Fills in an item's documentation (the library leaves it for when an item is selected). */
  resolveCompletionItem(item: CompletionItem): CompletionItem {
    return this.library.resolveCompletionItem(item);
  }

  hover(uri: string, text: string, position: Position): { hover: Hover | null; image?: FromImage } {
    const doc = this.document(uri, text);
    const image = fromImageAt(doc, position);
    const hover = this.library.computeHover(focusText(doc, position.line), position);
    return { hover, image: image && image.written ? image : undefined };
  }

  signatureHelp(uri: string, text: string, position: Position): SignatureHelp | null {
    const doc = this.document(uri, text);
    const help = this.library.computeSignatureHelp(focusText(doc, position.line), position);
    return help && help.signatures.length > 0 ? help : null;
  }

  documentSymbols(uri: string, text: string): DocumentSymbol[] {
    return outline(this.document(uri, text));
  }

  foldingRanges(uri: string, text: string): FoldingRange[] {
    return foldingRanges(this.document(uri, text), this.library.computeFoldingRanges(text));
  }

  /** Where the stage or variable at `position` is declared. */
  definition(uri: string, text: string, position: Position): Range | undefined {
    const occurrence = occurrenceAt(symbolTable(this.document(uri, text)), position);
    return occurrence ? definitionOf(occurrence) : undefined;
  }

  references(uri: string, text: string, position: Position, includeDeclaration: boolean): Range[] {
    const occurrence = occurrenceAt(symbolTable(this.document(uri, text)), position);
    return occurrence ? referencesOf(occurrence.symbol, includeDeclaration) : [];
  }

  /** The name that would be renamed at `position`, or why nothing can be. */
  prepareRename(uri: string, text: string, position: Position): { range: Range; placeholder: string; symbol: EditingSymbol } | RenameProblem {
    const occurrence = occurrenceAt(symbolTable(this.document(uri, text)), position);
    if (!occurrence) return 'noSymbol';
    const doc = this.document(uri, text);
    return { range: occurrence.range, placeholder: doc.text.slice(doc.offsetAt(occurrence.range.start), doc.offsetAt(occurrence.range.end)), symbol: occurrence.symbol };
  }

  rename(uri: string, text: string, position: Position, newName: string): TextEdit[] | RenameProblem {
    const occurrence = occurrenceAt(symbolTable(this.document(uri, text)), position);
    if (!occurrence) return 'noSymbol';
    return renameProblem(occurrence.symbol, newName) ?? renameEdits(occurrence.symbol, newName);
  }

  format(text: string, options: Formatting): TextEdit[] {
    return this.library.format(text, settings(options));
  }

  formatRange(text: string, range: Range, options: Formatting): TextEdit[] {
    return this.library.formatRange(text, range, settings(options));
  }

  /** After the escape character at a line's end: the next line indented as a continuation. */
  formatOnType(text: string, position: Position, typed: string, options: Formatting): TextEdit[] {
    return this.library.formatOnType(text, position, typed, settings(options));
  }

  /** The escape character of the document (what on-type formatting reacts to). */
  escapeCharacter(uri: string, text: string): string {
    return this.document(uri, text).escape;
  }

  /** FROM … AS name lines, for a "Build this stage" lens each. */
  namedStages(uri: string, text: string): { name: string; range: Range }[] {
    return namedStages(this.document(uri, text));
  }

  /** The local image a FROM names, from the store's list (the caller's; no engine request). */
  localImage(reference: string, images: readonly ImageModel[]): ImageModel | undefined {
    return localImageFor(reference, images);
  }

  /** Every local repository:tag, newest first, for FROM completion. */
  localTags(images: readonly ImageModel[]): LocalTag[] {
    return localTags(images);
  }

  /** The stages before the one at `position` (a stage can only build on or copy from those). */
  private stageItems(doc: EditingDocument, position: Position, range: Range): CompletionItem[] {
    const typed = doc.text.slice(doc.offsetAt(range.start), doc.offsetAt(position)).toLowerCase();
    const seen = new Set<string>();
    const items: CompletionItem[] = [];
    let current = 0;
    while (current < doc.stages.length && compare(doc.stages[current].from.getRange().start, position) <= 0) current++;
    current--;
    for (const stage of doc.stages.slice(0, Math.max(0, current))) {
      const name = stage.from.getBuildStage();
      if (!name || seen.has(name.toLowerCase()) || !name.toLowerCase().startsWith(typed)) continue;
      seen.add(name.toLowerCase());
      items.push({
        label: name,
        kind: CompletionItemKind.Reference,
        detail: `FROM ${stage.from.getArguments()[0]?.getValue() ?? ''} AS ${name}`,
        textEdit: { range, newText: name },
        // Stages first: in a FROM they are what a multi-stage file most often builds on.
        sortText: `0${name}`,
      });
    }
    return items;
  }
}

/** The value range of `from=` in a RUN --mount flag at `position` (also while it is still empty). */
function mountFromAt(doc: EditingDocument, position: Position): Range | undefined {
  const instruction = doc.instructionAt(position.line);
  if (!(instruction instanceof Run)) return undefined;
  for (const flag of instruction.getFlags()) {
    if (flag.getName() !== 'mount' || !contains(flag.getRange(), position)) continue;
    for (const option of flag.getOptions()) {
      if (option.getName() !== 'from') continue;
      const value = option.getValueRange();
      if (value && contains(value, position)) return value;
      const name = option.getNameRange();
      // `from=` typed, nothing after it yet.
      if (!value && name.end.line === position.line && name.end.character + 1 === position.character) return { start: position, end: position };
    }
  }
  return undefined;
}

function settings(options: Formatting): FormatterSettings {
  return { tabSize: options.tabSize, insertSpaces: options.insertSpaces };
}

export function createEditingService(): EditingService {
  return new EditingService();
}
