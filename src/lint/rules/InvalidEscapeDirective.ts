// InvalidEscapeDirective: `# escape=` may only name a backslash or a backtick; anything else
// makes the builder refuse the Dockerfile.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'InvalidEscapeDirective', severity: 'error', source: 'builder', description: 'The escape directive must be \\ or `' },
  check({ dockerfile, report }) {
    for (const directive of dockerfile.getDirectives()) {
      if (directive.getName().toLowerCase() !== 'escape') continue;
      const value = directive.getValue();
      if (value === '\\' || value === '`') continue;
      const range = directive.getValueRange();
      const where = value === '' ? directive.getNameRange() : range;
      report({ range: where, message: `Invalid escape token '${value}': use \\ or \` in the escape directive` });
    }
  },
};
