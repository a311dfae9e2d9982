// DL1001: inline `# hadolint ignore=` pragmas hide findings where reviewers don't look; teams that
// want every exception in the config file turn this rule on (hadolint ships it switched off).
import type { Rule } from '../rule';

const ignorePragma = /^#\s*hadolint\s+ignore\s*=/i;

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
      const start = content.indexOf('#');
      if (start >= 0 && ignorePragma.test(content.slice(start))) {
        report({ range: { start: { line, character: start }, end: { line, character: content.length } } });
      }
    }
  },
};
