// DL3007: `:latest` is a moving target, just like no tag at all.
import { From } from 'dockerfile-ast';
import { hadolintImage } from '../packages';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    code: 'DL3007', reads: ['FROM'], severity: 'warning', source: 'hadolint',
    description: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
  },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      // The tag as written (build arguments are not expanded); a digest pins the image anyway.
      const image = hadolintImage(instruction.getArguments()[0]?.getValue() ?? '');
      const range = instruction.getImageTagRange();
      if (image.tag === 'latest' && image.digest === undefined && range) report({ range });
    }
  },
};
