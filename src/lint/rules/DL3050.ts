// DL3050: with strict-labels on, only the labels named in the label-schema are allowed, so an
// image carries exactly the metadata the team agreed on.
import { labelPairs } from '../labelSchema';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'DL3050', reads: ['LABEL'], severity: 'info', source: 'hadolint', description: 'Superfluous label(s) present.' },
  check({ dockerfile, settings, report }) {
    if (!settings.strictLabels) return;
    for (const pair of labelPairs(dockerfile)) {
      if (!Object.prototype.hasOwnProperty.call(settings.labelSchema, pair.name)) {
        report({ range: pair.nameRange, message: `Superfluous label \`${pair.name}\` present.` });
      }
    }
  },
};
