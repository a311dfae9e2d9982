// DL3055: labels the label-schema types as `hash` must hold a short (7) or full (40)
// lowercase git commit hash.
import { labelPairs, labelsOfType, valueRangeOf, isGitHash } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3055', reads: ['LABEL'], severity: 'warning', source: 'hadolint', description: 'Label is not a valid git hash.' },
  check({ dockerfile, settings, report }) {
    const names = labelsOfType(settings.labelSchema, 'hash');
    if (names.size === 0) return;
    for (const pair of labelPairs(dockerfile)) {
      if (names.has(pair.name) && !isGitHash(pair.value)) report({ range: valueRangeOf(pair), message: `Label \`${pair.name}\` is not a valid git hash.` });
    }
  },
};
