// DL3065: a stage is built for $TARGETPLATFORM unless told otherwise, so spelling it out in
// `FROM --platform=` is redundant and hides the stages whose platform really differs.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3065', reads: ['FROM'], severity: 'warning', source: 'hadolint', description: 'Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant as this is the default behavior' },
  check({ dockerfile, text, report }) {
    const lines = text.split('\n');
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const flag = instruction.getPlatformFlag();
      const valueRange = flag?.getValueRange();
      const value = flag?.getValue();
      if (!flag || !valueRange || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) continue;
      const flagRange = flag.getRange();
      // Remove the flag together with the blanks that separated it from the image.
      const line = lines[flagRange.end.line] ?? '';
      let end = flagRange.end.character;
      while (line[end] === ' ' || line[end] === '\t') end++;
      report({
        range: valueRange,
        fixes: [{ title: 'Remove the redundant --platform flag', edits: [{ range: { start: flagRange.start, end: { line: flagRange.end.line, character: end } }, newText: '' }] }],
      });
    }
  },
};
