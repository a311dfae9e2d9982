// DL3007: `:latest` is a moving target, just like no tag at all.
import { From } from 'dockerfile-ast';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3007', severity: 'warning', source: 'hadolint',
    description: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
  },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const range = instruction.getImageTagRange();
      if (instruction.getImageTag() === 'latest' && range) report({ range });
    }
  },
};
