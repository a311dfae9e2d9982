// DL3058: labels the label-schema types as `email` must hold an RFC 5322 address so the
// contact can actually be reached.
import { labelPairs, labelsOfType, valueRangeOf, isEmail } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3058', reads: ['LABEL'], severity: 'warning', source: 'hadolint', description: 'Label is not a valid email format - must conform to RFC5322.' },
  check({ dockerfile, settings, report }) {
    const names = labelsOfType(settings.labelSchema, 'email');
    if (names.size === 0) return;
    for (const pair of labelPairs(dockerfile)) {
      if (names.has(pair.name) && !isEmail(pair.value)) report({ range: valueRangeOf(pair), message: `Label \`${pair.name}\` is not a valid email format - must conform to RFC5322.` });
    }
  },
};
