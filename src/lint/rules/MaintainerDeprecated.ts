// MaintainerDeprecated: MAINTAINER is deprecated; the OCI label org.opencontainers.image.authors
// carries the same information and is what registries and tools read.
import type { Fix, Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'MaintainerDeprecated', severity: 'warning', source: 'buildkit', description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const whole = instruction.getRange();
      const author = instruction.getRawArgumentsContent()?.trim();
      const fixes: Fix[] = [];
      if (author && whole.start.line === whole.end.line) {
        const label = instruction.getInstruction() === instruction.getInstruction().toLowerCase() ? 'label' : 'LABEL';
        // Inside double quotes a LABEL value still expands $ and honours \ and ": escape them.
        const quoted = author.replace(/[\\"$]/g, (c) => '\\' + c);
        fixes.push({ title: 'Replace with LABEL org.opencontainers.image.authors', edits: [{ range: whole, newText: `${label} org.opencontainers.image.authors="${quoted}"` }] });
      }
      report({ range: instruction.getInstructionRange(), fixes });
    }
  },
};
