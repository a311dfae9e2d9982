// DL3052: labels the label-schema types as `url` must hold an absolute URI (RFC 3986)
// so that tools can follow them.
import { labelPairs, labelsOfType, valueRangeOf, isUri } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3052', reads: ['LABEL'], severity: 'warning', source: 'hadolint', description: 'Label is not a valid URL.' },
  check({ dockerfile, settings, report }) {
    const names = labelsOfType(settings.labelSchema, 'url');
    if (names.size === 0) return;
    for (const pair of labelPairs(dockerfile)) {
      if (names.has(pair.name) && !isUri(pair.value)) report({ range: valueRangeOf(pair), message: `Label \`${pair.name}\` is not a valid URL.` });
    }
  },
};
