// DL3056: labels the label-schema types as `semver` must hold a Semantic Versioning 2.0
// version, which tools can compare.
import { labelPairs, labelsOfType, valueRangeOf, isSemver } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3056', reads: ['LABEL'], severity: 'warning', source: 'hadolint', description: 'Label does not conform to semantic versioning.' },
  check({ dockerfile, settings, report }) {
    const names = labelsOfType(settings.labelSchema, 'semver');
    if (names.size === 0) return;
    for (const pair of labelPairs(dockerfile)) {
      if (names.has(pair.name) && !isSemver(pair.value)) report({ range: valueRangeOf(pair), message: `Label \`${pair.name}\` does not conform to semantic versioning.` });
    }
  },
};
