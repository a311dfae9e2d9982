// RedundantTargetPlatform: a stage already builds for $TARGETPLATFORM; saying so with
// `FROM --platform=$TARGETPLATFORM` adds nothing and suggests a difference that is not there.
import { From } from 'dockerfile-ast';
import { offsetAt } from '../syntax/text';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'RedundantTargetPlatform', reads: ['FROM'], severity: 'warning', source: 'buildkit', description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior' },
  check({ dockerfile, text, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const flag = instruction.getPlatformFlag();
      const value = flag?.getValue();
      const valueRange = flag?.getValueRange();
      if (!flag || !valueRange || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) continue;
      // Remove the flag and the blanks after it.
      const flagRange = flag.getRange();
      let end = offsetAt(text, flagRange.end);
      let character = flagRange.end.character;
      while (text[end] === ' ' || text[end] === '\t') { end++; character++; }
      report({
        range: valueRange,
        message: `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
        fixes: [{ title: 'Remove the redundant --platform flag', edits: [{ range: { start: flagRange.start, end: { line: flagRange.end.line, character } }, newText: '' }] }],
      });
    }
  },
};
