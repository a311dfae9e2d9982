// DL3053: labels the label-schema types as `rfc3339` must hold an RFC 3339 date-time
// (org.opencontainers.image.created is read that way).
import { labelPairs, labelsOfType, valueRangeOf, isRfc3339 } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3053', reads: ['LABEL'], severity: 'warning', source: 'hadolint', description: 'Label is not a valid time format - must conform to RFC3339.' },
  check({ dockerfile, settings, report }) {
    const names = labelsOfType(settings.labelSchema, 'rfc3339');
    if (names.size === 0) return;
    for (const pair of labelPairs(dockerfile)) {
      if (names.has(pair.name) && !isRfc3339(pair.value)) report({ range: valueRangeOf(pair), message: `Label \`${pair.name}\` is not a valid time format - must conform to RFC3339.` });
    }
  },
};
