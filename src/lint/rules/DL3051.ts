// DL3051: a label the label-schema requires must have a value; an empty one satisfies
// DL3049 without carrying any information.
import { labelPairs, valueRangeOf } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3051', reads: ['LABEL'], severity: 'warning', source: 'hadolint', description: 'Label is empty.' },
  check({ dockerfile, settings, report }) {
    const names = new Set(Object.keys(settings.labelSchema));
    if (names.size === 0) return;
    for (const pair of labelPairs(dockerfile)) {
      if (names.has(pair.name) && pair.value === '') report({ range: valueRangeOf(pair), message: `Label \`${pair.name}\` is empty.` });
    }
  },
};
