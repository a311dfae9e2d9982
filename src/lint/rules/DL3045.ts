// DL3045: a relative COPY destination depends on the base image's WORKDIR, which the
// Dockerfile does not show and which can change when the base image is updated. hadolint has no
// ONBUILD variant of this rule: ONBUILD COPY is not checked and ONBUILD WORKDIR sets nothing.
import { Copy, From } from 'dockerfile-ast';
import { dropQuotes, fromImageName, instructionPasses } from '../packages';
import type { Rule } from '../rule';
import { heredocsOf } from '../syntax/builder';

export const rule: Rule = {
  meta: { code: 'DL3045', reads: ['FROM', 'WORKDIR', 'COPY'], severity: 'warning', source: 'hadolint', description: '`COPY` to a relative destination without `WORKDIR` set.' },
  check({ dockerfile, report }) {
    // Stage name (alias, or image when there is none) → a WORKDIR is set in it or its parent.
    const workdirSet = new Map<string, boolean>();
    let current = '';
    for (const instruction of instructionPasses(dockerfile).main) {
      if (instruction instanceof From) {
        const image = fromImageName(instruction);
        const parent = workdirSet.get(image) ?? false;
        current = instruction.getBuildStage() ?? image;
        workdirSet.set(current, parent);
      } else if (instruction.getKeyword() === 'WORKDIR') {
        workdirSet.set(current, true);
      } else if (instruction instanceof Copy) {
        if (workdirSet.get(current) || heredocsOf(instruction).length > 0) continue;
        const json = instruction.getJSONStrings();
        const args = json.length > 0 ? json : instruction.getArguments();
        const target = args[args.length - 1];
        if (args.length < 2 || !target) continue;
        const dest = dropQuotes(target.getValue());
        // `C:` and the like are absolute on Windows images (hadolint needs no separator after it).
        if (dest.startsWith('/') || dest.startsWith('$') || /^\p{L}:/u.test(dest)) continue;
        report({ range: target.getRange() });
      }
    }
  },
};
