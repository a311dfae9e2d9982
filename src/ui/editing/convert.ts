// The editing service answers in LSP shapes (vscode-languageserver-types); VS Code's API wants its
// own classes. LSP kinds count from 1 where VS Code's enums count from 0.
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';

export function toRange(range: lsp.Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toPosition(position: vscode.Position): lsp.Position {
  return { line: position.line, character: position.character };
}

export function fromRange(range: vscode.Range): lsp.Range {
  return { start: toPosition(range.start), end: toPosition(range.end) };
}

const SNIPPET = 2;
const DEPRECATED = 1;

function markdown(content: lsp.MarkupContent | lsp.MarkedString | string): vscode.MarkdownString {
  if (typeof content === 'string') return new vscode.MarkdownString(content);
  if ('kind' in content) return content.kind === 'markdown' ? new vscode.MarkdownString(content.value) : new vscode.MarkdownString().appendText(content.value);
  return new vscode.MarkdownString().appendCodeblock(content.value, content.language);
}

export function toCompletionItem(item: lsp.CompletionItem): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, item.kind !== undefined ? item.kind - 1 : undefined);
  result.detail = item.detail;
  if (item.documentation !== undefined) result.documentation = markdown(item.documentation);
  result.sortText = item.sortText;
  result.filterText = item.filterText;
  const edit = item.textEdit;
  const text = edit?.newText ?? item.insertText ?? item.label;
  result.insertText = item.insertTextFormat === SNIPPET ? new vscode.SnippetString(text) : text;
  if (edit) result.range = 'range' in edit ? toRange(edit.range) : { inserting: toRange(edit.insert), replacing: toRange(edit.replace) };
  if (item.tags?.includes(DEPRECATED) || item.deprecated) result.tags = [vscode.CompletionItemTag.Deprecated];
  if (item.command) result.command = { title: item.command.title, command: item.command.command, arguments: item.command.arguments };
  return result;
}

export function toHoverContents(hover: lsp.Hover): vscode.MarkdownString[] {
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return contents.map(markdown);
}

export function toSignatureHelp(help: lsp.SignatureHelp): vscode.SignatureHelp {
  const result = new vscode.SignatureHelp();
  result.signatures = help.signatures.map((signature) => {
    const info = new vscode.SignatureInformation(signature.label, signature.documentation !== undefined ? markdown(signature.documentation) : undefined);
    info.parameters = (signature.parameters ?? []).map((p) => new vscode.ParameterInformation(p.label, p.documentation !== undefined ? markdown(p.documentation) : undefined));
    if (signature.activeParameter !== undefined && signature.activeParameter !== null) info.activeParameter = signature.activeParameter;
    return info;
  });
  result.activeSignature = help.activeSignature ?? 0;
  result.activeParameter = help.activeParameter ?? 0;
  return result;
}

export function toDocumentSymbol(symbol: lsp.DocumentSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(symbol.name, symbol.detail ?? '', symbol.kind - 1, toRange(symbol.range), toRange(symbol.selectionRange));
  result.children = (symbol.children ?? []).map(toDocumentSymbol);
  return result;
}

const foldingKinds: Record<string, vscode.FoldingRangeKind> = {
  comment: vscode.FoldingRangeKind.Comment,
  region: vscode.FoldingRangeKind.Region,
  imports: vscode.FoldingRangeKind.Imports,
};

export function toFoldingRange(range: lsp.FoldingRange): vscode.FoldingRange {
  return new vscode.FoldingRange(range.startLine, range.endLine, range.kind ? foldingKinds[range.kind] : undefined);
}

export function toTextEdit(edit: lsp.TextEdit): vscode.TextEdit {
  return vscode.TextEdit.replace(toRange(edit.range), edit.newText);
}
