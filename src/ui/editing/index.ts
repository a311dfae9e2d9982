// Dockerfile editing in VS Code: providers over the editing service (src/editing), one group per
// wharf.editing.<feature>.enable setting. Registering a provider costs nothing; the service (and
// dockerfile-language-service with it, dist/editing.js) is loaded the first time a provider is
// asked, which is when a Dockerfile is open. A group whose setting is off is not registered at
// all, so another extension's formatter or completion is the only one; a folder that turns a
// group off gets no answers from it.
import * as vscode from 'vscode';
import type { EditingService } from '../../editing/service';
import { EDITING_FEATURES, type EditingFeature } from '../config';
import type { WharfContext } from '../context';
import { DOCKERFILE_GLOB, isDockerfileName } from '../lint/findingShape';
import { fromRange, toCompletionItem, toDocumentSymbol, toFoldingRange, toHoverContents, toPosition, toRange, toSignatureHelp, toTextEdit } from './convert';
import { EngineImages } from './engineImages';

const selector: vscode.DocumentSelector = [
  { language: 'dockerfile' },
  { pattern: DOCKERFILE_GLOB },
];

export interface Editing extends vscode.Disposable {
  /** The service, loaded on first use (tests ask whether it was). */
  readonly loaded: boolean;
}

type Registrar = (service: () => Promise<EditingService>, on: (document: vscode.TextDocument) => boolean) => vscode.Disposable[];

export function createEditing(ctx: WharfContext): Editing {
  let loading: Promise<EditingService> | undefined;
  let loaded = false;
  // A separate bundle (scripts/lib/bundle.mjs): its code is read only now.
  const service = (): Promise<EditingService> => (loading ??= import('../../editing/service').then((m) => { loaded = true; return m.createEditingService(); }));
  const images = new EngineImages(ctx.sessions);
  const registrars = registrarsFor(ctx, images);
  const registered = new Map<EditingFeature, vscode.Disposable[]>();

  const sync = (): void => {
    for (const feature of EDITING_FEATURES) {
      const on = ctx.config.editingEnabled(feature);
      const current = registered.get(feature);
      if (on && !current) {
        const enabledFor = (document: vscode.TextDocument) => isDockerfile(document) && ctx.config.editingEnabled(feature, document.uri);
        registered.set(feature, registrars[feature](service, enabledFor));
      } else if (!on && current) {
        for (const d of current) d.dispose();
        registered.delete(feature);
      }
    }
  };
  sync();
  const subscriptions = [
    images,
    ctx.config.onDidChange((keys) => { if (keys.some((k) => k.startsWith('editing.'))) sync(); }),
    vscode.workspace.onDidCloseTextDocument((document) => { if (loaded) void service().then((s) => s.forget(document.uri.toString())); }),
  ];
  return {
    get loaded() { return loaded; },
    dispose: () => {
      for (const list of registered.values()) for (const d of list) d.dispose();
      for (const d of subscriptions) d.dispose();
    },
  };
}

/** The `pattern` selector also matches `.dockerignore`-like names: those are not Dockerfiles. */
function isDockerfile(document: vscode.TextDocument): boolean {
  return document.languageId === 'dockerfile' || isDockerfileName(document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1));
}

function formatting(options: vscode.FormattingOptions): { tabSize: number; insertSpaces: boolean } {
  return { tabSize: options.tabSize, insertSpaces: options.insertSpaces };
}

function registrarsFor(ctx: WharfContext, images: EngineImages): Record<EditingFeature, Registrar> {
  const uriOf = (document: vscode.TextDocument) => document.uri.toString();
  const engineOn = (document: vscode.TextDocument) => ctx.config.editingEnabled('engine', document.uri);
  /** The library's item behind each item shown, for its documentation when selected. */
  const pending = new WeakMap<vscode.CompletionItem, import('vscode-languageserver-types').CompletionItem>();

  return {
    completion: (service, on) => [vscode.languages.registerCompletionItemProvider(selector, {
      async provideCompletionItems(document, position, token) {
        if (!on(document)) return undefined;
        const s = await service();
        const result = await s.completion(uriOf(document), document.getText(), toPosition(position));
        if (token.isCancellationRequested) return undefined;
        const items = result.items.map((item) => { const converted = toCompletionItem(item); pending.set(converted, item); return converted; });
        if (result.image && engineOn(document) && !result.image.written.includes('$')) items.push(...images.completionItems(s, result.image));
        return items;
      },
      async resolveCompletionItem(item) {
        const original = pending.get(item);
        if (!original || item.documentation) return item;
        const resolved = (await service()).resolveCompletionItem(original);
        return resolved.documentation !== undefined ? toCompletionItem(resolved) : item;
      },
    }, '=', ' ', '$', '{', '-', '/', ':')],

    hover: (service, on) => [vscode.languages.registerHoverProvider(selector, {
      async provideHover(document, position, token) {
        if (!on(document)) return undefined;
        const s = await service();
        const { hover, image } = s.hover(uriOf(document), document.getText(), toPosition(position));
        const contents = hover ? toHoverContents(hover) : [];
        if (image && engineOn(document)) contents.push(await images.hover(s, image, token));
        if (contents.length === 0 || token.isCancellationRequested) return undefined;
        const range = hover?.range ?? image?.range;
        return new vscode.Hover(contents, range ? toRange(range) : undefined);
      },
    })],

    signatureHelp: (service, on) => [vscode.languages.registerSignatureHelpProvider(selector, {
      async provideSignatureHelp(document, position) {
        if (!on(document)) return undefined;
        const help = (await service()).signatureHelp(uriOf(document), document.getText(), toPosition(position));
        return help ? toSignatureHelp(help) : undefined;
      },
    }, { triggerCharacters: [' ', '-', '=', '[', ','], retriggerCharacters: [' ', ','] })],

    outline: (service, on) => [
      vscode.languages.registerDocumentSymbolProvider(selector, {
        async provideDocumentSymbols(document) {
          if (!on(document)) return undefined;
          return (await service()).documentSymbols(uriOf(document), document.getText()).map(toDocumentSymbol);
        },
      }, { label: 'Wharf' }),
      vscode.languages.registerFoldingRangeProvider(selector, {
        async provideFoldingRanges(document) {
          if (!on(document)) return undefined;
          return (await service()).foldingRanges(uriOf(document), document.getText()).map(toFoldingRange);
        },
      }),
    ],

    navigation: (service, on) => [
      vscode.languages.registerDefinitionProvider(selector, {
        async provideDefinition(document, position) {
          if (!on(document)) return undefined;
          const range = (await service()).definition(uriOf(document), document.getText(), toPosition(position));
          return range ? new vscode.Location(document.uri, toRange(range)) : undefined;
        },
      }),
      vscode.languages.registerReferenceProvider(selector, {
        async provideReferences(document, position, context) {
          if (!on(document)) return undefined;
          return (await service()).references(uriOf(document), document.getText(), toPosition(position), context.includeDeclaration)
            .map((range) => new vscode.Location(document.uri, toRange(range)));
        },
      }),
      vscode.languages.registerDocumentHighlightProvider(selector, {
        async provideDocumentHighlights(document, position) {
          if (!on(document)) return undefined;
          const s = await service();
          const prepared = s.prepareRename(uriOf(document), document.getText(), toPosition(position));
          if (typeof prepared === 'string') return undefined;
          return [
            ...prepared.symbol.declarations.map((r) => new vscode.DocumentHighlight(toRange(r), vscode.DocumentHighlightKind.Write)),
            ...prepared.symbol.uses.map((r) => new vscode.DocumentHighlight(toRange(r), vscode.DocumentHighlightKind.Read)),
          ];
        },
      }),
      vscode.languages.registerRenameProvider(selector, {
        async prepareRename(document, position) {
          if (!on(document)) return undefined;
          const prepared = (await service()).prepareRename(uriOf(document), document.getText(), toPosition(position));
          if (typeof prepared === 'string') throw new Error(renameMessage(prepared));
          return { range: toRange(prepared.range), placeholder: prepared.placeholder };
        },
        async provideRenameEdits(document, position, newName) {
          if (!on(document)) return undefined;
          const edits = (await service()).rename(uriOf(document), document.getText(), toPosition(position), newName);
          if (typeof edits === 'string') throw new Error(renameMessage(edits));
          const edit = new vscode.WorkspaceEdit();
          for (const e of edits) edit.replace(document.uri, toRange(e.range), e.newText);
          return edit;
        },
      }),
    ],

    formatting: (service, on) => [
      vscode.languages.registerDocumentFormattingEditProvider(selector, {
        async provideDocumentFormattingEdits(document, options) {
          if (!on(document)) return undefined;
          return (await service()).format(document.getText(), formatting(options)).map(toTextEdit);
        },
      }),
      vscode.languages.registerDocumentRangeFormattingEditProvider(selector, {
        async provideDocumentRangeFormattingEdits(document, range, options) {
          if (!on(document)) return undefined;
          return (await service()).formatRange(document.getText(), fromRange(range), formatting(options)).map(toTextEdit);
        },
      }),
      // The escape character at a line's end indents the next line; `#escape=` may make it a backtick.
      vscode.languages.registerOnTypeFormattingEditProvider(selector, {
        async provideOnTypeFormattingEdits(document, position, typed, options) {
          if (!on(document)) return undefined;
          return (await service()).formatOnType(document.getText(), toPosition(position), typed, formatting(options)).map(toTextEdit);
        },
      }, '\\', '`'),
    ],

    // Both engine-aware parts ride on completion and hover; the setting is read per document there.
    engine: () => [],

    codeLens: (service, on) => [vscode.languages.registerCodeLensProvider(selector, {
      async provideCodeLenses(document) {
        if (!on(document)) return undefined;
        return (await service()).namedStages(uriOf(document), document.getText()).map(({ name, range }) => new vscode.CodeLens(toRange(range), {
          title: vscode.l10n.t('$(play) Build this stage'),
          tooltip: vscode.l10n.t('Build the stage {0} of this Dockerfile (docker build --target {0})', name),
          command: 'wharf.dockerfile.build',
          arguments: [document.uri, undefined, undefined, name],
        }));
      },
    })],
  };
}

function renameMessage(problem: string): string {
  switch (problem) {
    case 'invalidStageName': return vscode.l10n.t('A stage name starts with a letter and holds only letters, digits, ".", "-" and "_".');
    case 'invalidVariableName': return vscode.l10n.t('A variable name starts with a letter or "_" and holds only letters, digits and "_".');
    default: return vscode.l10n.t('Only build stages and ARG or ENV variables can be renamed here.');
  }
}
