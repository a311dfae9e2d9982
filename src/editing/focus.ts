// What dockerfile-language-service is given for a completion, hover or signature help: the
// document with every line blanked that the answer cannot depend on. The library parses all of
// the text it gets on every call (about 10 ms for 1,000 lines on a busy 2-core machine, before
// any work), while an answer at one place reads only the instruction there, the parser
// directives, and the declarations in scope: FROM (stage names, image for hovers), ARG and ENV
// (variables and their values), WORKDIR (path proposals). Blank lines keep every other line at
// its number, so positions and edits in the answer are the document's own.
import type { EditingDocument } from './document';

const contextKeywords = new Set(['FROM', 'ARG', 'ENV', 'WORKDIR']);

/** Line numbers kept for every position: the header before the first instruction and the context instructions. */
function contextLines(doc: EditingDocument): Uint8Array {
  return doc.memo('focusLines', () => {
    const keep = new Uint8Array(doc.lineCount);
    const first = doc.instructions[0]?.getRange().start.line ?? keep.length;
    keep.fill(1, 0, first);
    for (const instruction of doc.instructions) {
      if (!contextKeywords.has(instruction.getKeyword())) continue;
      const range = instruction.getRange();
      keep.fill(1, range.start.line, range.end.line + 1);
    }
    return keep;
  });
}

/** The text to hand the library for a request at `line`. */
export function focusText(doc: EditingDocument, line: number): string {
  const keep = contextLines(doc);
  const instruction = doc.instructionAt(line);
  const from = instruction ? instruction.getRange().start.line : line;
  const to = instruction ? instruction.getRange().end.line : line;
  const parts: string[] = [];
  const count = doc.lineCount;
  for (let i = 0; i < count; i++) {
    parts.push(keep[i] || (i >= from && i <= to) ? doc.lineText(i) : '');
  }
  return parts.join('\n');
}
