// The Outline and folding from Wharf's parse: stages (FROM up to the next FROM) as the top
// level with their instructions inside, global ARGs before them; folds for each stage and each
// instruction that spans lines (continuations, heredocs), on top of the comment and heredoc folds
// dockerfile-language-service finds.
import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind, type Range } from 'vscode-languageserver-types';
import type { EditingDocument } from './document';

const detailLength = 60;

/** The document's symbols: global instructions, then one per stage holding its instructions. */
export function outline(doc: EditingDocument): DocumentSymbol[] {
  return doc.memo('outline', () => {
    const result: DocumentSymbol[] = [];
    const firstFrom = doc.stages[0]?.from;
    for (const instruction of doc.instructions) {
      if (firstFrom && instruction === firstFrom) break;
      result.push(instructionSymbol(doc, instruction));
    }
    for (const [index, stage] of doc.stages.entries()) {
      const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
      const range: Range = { start: stage.from.getRange().start, end: last.getRange().end };
      const image = stage.from.getArguments()[0];
      const nameRange = stage.from.getBuildStageRange() ?? image?.getRange() ?? stage.from.getInstructionRange();
      const name = stage.from.getBuildStage() ?? `stage ${index}`;
      const symbol = DocumentSymbol.create(name, `FROM ${image?.getValue() ?? ''}`.trim(), SymbolKind.Class, range, nameRange,
        stage.instructions.map((instruction) => instructionSymbol(doc, instruction)));
      result.push(symbol);
    }
    return result;
  });
}

function instructionSymbol(doc: EditingDocument, instruction: Instruction): DocumentSymbol {
  const range = instruction.getRange();
  const children = instruction instanceof Arg || instruction instanceof Env
    ? instruction.getProperties().map((p) => DocumentSymbol.create(p.getName(), p.getValue() ?? '', instruction instanceof Arg ? SymbolKind.Variable : SymbolKind.Constant, p.getRange(), p.getNameRange()))
    : undefined;
  return DocumentSymbol.create(instruction.getKeyword(), detailOf(doc, instruction), SymbolKind.Function, range, instruction.getInstructionRange(), children);
}

/** The instruction's arguments on one line, shortened: what the Outline shows beside the keyword. */
function detailOf(doc: EditingDocument, instruction: Instruction): string {
  const range = instruction.getRange();
  const start = doc.offsetAt(instruction.getInstructionRange().end);
  const lineEnd = doc.text.indexOf('\n', start);
  const firstLine = doc.text.slice(start, lineEnd < 0 || lineEnd > doc.offsetAt(range.end) ? doc.offsetAt(range.end) : lineEnd);
  const flat = firstLine.replace(/\s+/g, ' ').trim().replace(new RegExp(`\\s*${escapeRegExp(doc.escape)}$`), '');
  return flat.length > detailLength ? `${flat.slice(0, detailLength - 1)}…` : flat;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Folds for stages and multi-line instructions, merged with the library's (comments, heredocs). */
export function foldingRanges(doc: EditingDocument, library: readonly FoldingRange[]): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  const put = (range: FoldingRange): void => {
    if (range.endLine <= range.startLine) return;
    // One fold per start line (the editor keeps one): the larger one.
    const known = byStart.get(range.startLine);
    if (!known || known.endLine < range.endLine) byStart.set(range.startLine, range);
  };
  for (const range of library) put(range);
  for (const stage of doc.stages) {
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    put(FoldingRange.create(stage.from.getRange().start.line, last.getRange().end.line, undefined, undefined, FoldingRangeKind.Region));
  }
  for (const instruction of doc.instructions) {
    const range = instruction.getRange();
    if (range.end.line > range.start.line && !byStart.has(range.start.line)) put(FoldingRange.create(range.start.line, range.end.line));
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
