// UndefinedArgInFrom: a FROM can only expand ARGs declared before the first FROM (plus BuildKit's
// platform arguments). Anything else expands to an empty string, often a misspelling.
import { From } from 'dockerfile-ast';
import { globalArgs, predefinedPlatformArgs, suggestName } from '../buildkit';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'UndefinedArgInFrom', reads: ['ARG', 'FROM'], severity: 'warning', source: 'buildkit', description: 'FROM command must use declared ARGs' },
  check({ dockerfile, report }) {
    const declared = new Set([...globalArgs(dockerfile).keys(), ...predefinedPlatformArgs]);
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      for (const variable of instruction.getVariables()) {
        const name = variable.getName();
        if (name === '' || declared.has(name)) continue;
        const suggestion = suggestName(name, declared);
        report({
          range: variable.getRange(),
          message: `FROM argument '${name}' is not declared` + (suggestion ? ` (did you mean ${suggestion}?)` : ''),
        });
      }
    }
  },
};
