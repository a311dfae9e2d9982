// DL3054: labels the label-schema types as `spdx` must hold an SPDX license identifier
// so that license scanners can read them.
import { labelPairs, labelsOfType, valueRangeOf, isSpdxLicense } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3054', reads: ['LABEL'], severity: 'warning', source: 'hadolint', description: 'Label is not a valid SPDX license identifier.' },
  check({ dockerfile, settings, report }) {
    const names = labelsOfType(settings.labelSchema, 'spdx');
    if (names.size === 0) return;
    for (const pair of labelPairs(dockerfile)) {
      if (names.has(pair.name) && !isSpdxLicense(pair.value)) report({ range: valueRangeOf(pair), message: `Label \`${pair.name}\` is not a valid SPDX license identifier.` });
    }
  },
};
