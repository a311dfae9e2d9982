// UnterminatedHeredoc: a `<<EOF` with no line that is exactly `EOF` after it swallows the rest
// of the file, which the builder rejects.
import type { Rule } from '../rule';
import { heredocsOf, instructionsWithTriggers } from '../syntax/builder';

export const rule: Rule = {
  meta: { code: 'UnterminatedHeredoc', perInstruction: true, severity: 'error', source: 'builder', description: 'Heredoc is never terminated' },
  check({ dockerfile, report }) {
    for (const instruction of instructionsWithTriggers(dockerfile)) {
      for (const heredoc of heredocsOf(instruction)) {
        if (heredoc.getDelimiterRange() !== null) continue;
        const name = heredoc.getName();
        report({ range: heredoc.getStartRange(), message: `Unterminated heredoc: no line '${name}' ends <<${name}` });
      }
    }
  },
};
