// UnterminatedQuote: the builder expands the words of FROM, COPY, ADD, ENV, LABEL, ARG, WORKDIR,
// USER, EXPOSE, VOLUME and STOPSIGNAL itself, and a quote left open there fails the build.
// (RUN, CMD and ENTRYPOINT are handed to the shell as they are; ShellCheck covers those.)
import type { Instruction } from 'dockerfile-ast';
import type { Rule } from '../rule';
import { offsetAt, rangeOfOffsets } from '../syntax/text';
import { heredocsOf, instructionsWithTriggers, jsonArray } from '../syntax/builder';

const expanded = new Set(['FROM', 'COPY', 'ADD', 'ENV', 'LABEL', 'ARG', 'WORKDIR', 'USER', 'EXPOSE', 'VOLUME', 'STOPSIGNAL']);

export const rule: Rule = {
  meta: { code: 'UnterminatedQuote', perInstruction: true, severity: 'error', source: 'builder', description: 'Quote is never closed' },
  check({ text, dockerfile, report }) {
    const escape = dockerfile.getEscapeCharacter();
    for (const instruction of instructionsWithTriggers(dockerfile)) {
      if (!expanded.has(instruction.getKeyword()) || heredocsOf(instruction).length > 0) continue;
      if (jsonArray(instruction.getRawArgumentsContent())) continue;
      const open = openQuote(text, instruction, escape);
      if (open === undefined) continue;
      const quote = text[open];
      report({ range: rangeOfOffsets(text, open, open + 1), message: `Unterminated ${quote === '"' ? 'double' : 'single'} quote: no matching ${quote} before the end of ${instruction.getKeyword()}` });
    }
  },
};

/** Offset of a quote still open at the end of the instruction's arguments. */
function openQuote(text: string, instruction: Instruction, escape: string): number | undefined {
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) return undefined;
  const from = offsetAt(text, argsRange.start);
  const to = offsetAt(text, argsRange.end);
  let quoteAt: number | undefined;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quoteAt !== undefined && text[quoteAt] === "'") { if (c === "'") quoteAt = undefined; continue; }
    if (c === escape) { i++; continue; }
    if (quoteAt !== undefined) { if (c === '"') quoteAt = undefined; continue; }
    if (c === '"' || c === "'") quoteAt = i;
  }
  return quoteAt;
}
