// DL1001: inline `# hadolint ignore=` pragmas hide findings where reviewers don't look; teams that
// want every exception in the config file turn this rule on (hadolint ships it switched off).
import { parseHadolintPragma } from '../pragmas';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL1001', severity: 'style', source: 'hadolint', enabledByDefault: false,
    description: 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.',
  },
  check({ dockerfile, text, report }) {
    const lines = text.split('\n');
    // A pragma on the first lines can be read as a parser directive (`# hadolint=…`): look at both.
    const candidates = [...dockerfile.getDirectives(), ...dockerfile.getComments()].map((c) => c.getRange().start.line);
    for (const line of new Set(candidates)) {
      const content = (lines[line] ?? '').replace(/\r$/, '').trimEnd();
      const pragma = parseHadolintPragma(content);
      if (pragma?.kind === 'ignore') report({ range: { start: { line, character: pragma.hash }, end: { line, character: content.length } } });
    }
  },
};
