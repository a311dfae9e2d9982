// DL4000: MAINTAINER is deprecated; the OCI label org.opencontainers.image.authors carries the
// same information in a form registries and tools read.
import type { Fix, Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL4000', severity: 'error', source: 'hadolint', description: 'MAINTAINER is deprecated' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const range = instruction.getRange();
      const author = instruction.getRawArgumentsContent()?.trim();
      const fixes: Fix[] = [];
      // Only a one-line MAINTAINER is rewritten; a continued one would need its layout kept.
      if (author && range.start.line === range.end.line) {
        const keyword = instruction.getInstruction() === 'maintainer' ? 'label' : 'LABEL';
        const value = author.replace(/^"(.*)"$/s, '$1').replace(/[\\"$]/g, (c) => `\\${c}`);
        fixes.push({ title: 'Replace MAINTAINER with LABEL org.opencontainers.image.authors', edits: [{ range, newText: `${keyword} org.opencontainers.image.authors="${value}"` }] });
      }
      report({ range: instruction.getInstructionRange(), fixes });
    }
  },
};
