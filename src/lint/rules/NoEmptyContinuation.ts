// NoEmptyContinuation: a blank line inside a `\`-continued instruction is silently skipped today;
// BuildKit warns that it will become an error, and it usually hides a forgotten line.
import { Copy, Run, type Instruction } from 'dockerfile-ast';
import type { Rule } from '../rule';
import { heredocsOf } from '../syntax/builder';

export const rule: Rule = {
  meta: { code: 'NoEmptyContinuation', perInstruction: true, severity: 'warning', source: 'buildkit', description: 'Empty continuation lines will become errors in a future release' },
  check({ dockerfile, text, report }) {
    // Split only when an instruction spans lines (the incremental lint mostly checks one that does not).
    let lines: string[] | undefined;
    for (const instruction of dockerfile.getInstructions()) {
      const { start, end } = instruction.getRange();
      if (end.line === start.line) continue;
      lines ??= text.split('\n');
      const heredocLines = heredocBodyLines(instruction);
      for (let line = start.line + 1; line < end.line; line++) {
        if (heredocLines.has(line) || !/^[ \t\r]*$/.test(lines[line] ?? 'x')) continue;
        const range = { start: { line, character: 0 }, end: { line, character: lines[line].replace(/\r$/, '').length } };
        report({
          range,
          message: `Empty continuation line found in ${instruction.getKeyword()} (line ${start.line + 1})`,
          fixes: [{ title: 'Remove the empty continuation line', edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }] }],
        });
      }
    }
  },
};

/** Lines inside heredoc bodies, where blank lines are content, not continuations. */
function heredocBodyLines(instruction: Instruction): Set<number> {
  const result = new Set<number>();
  if (!(instruction instanceof Run || instruction instanceof Copy)) return result;
  for (const heredoc of heredocsOf(instruction)) {
    const content = heredoc.getContentRange();
    const delimiter = heredoc.getDelimiterRange();
    const first = heredoc.getNameRange().end.line + 1;
    const last = delimiter ? delimiter.start.line : content ? content.end.line : first - 1;
    for (let line = first; line <= last; line++) result.add(line);
  }
  return result;
}
