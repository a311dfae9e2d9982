// CopyIgnoredFile: a COPY/ADD source that .dockerignore excludes is not in the build context, so
// the instruction fails or silently copies less than it says. Needs settings.dockerignore.
import ignore from '@balena/dockerignore';
import { Add, Copy } from 'dockerfile-ast';
import type { Range, Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'CopyIgnoredFile', severity: 'warning', source: 'buildkit', description: 'Attempting to Copy file that is excluded by .dockerignore' },
  check({ dockerfile, settings, report }) {
    const patterns = settings.dockerignore ?? [];
    if (patterns.length === 0) return;
    const matcher = ignore().add(patterns);
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Copy || instruction instanceof Add)) continue;
      if (instruction.getFlags().some((f) => f.getName() === 'from')) continue;
      const keyword = instruction.getKeyword() === 'ADD' ? 'Add' : 'Copy';
      for (const { path, range } of sources(instruction)) {
        const normalized = normalize(path);
        if (normalized === undefined || !matcher.ignores(normalized)) continue;
        report({ range, message: `Attempting to ${keyword} file "${path}" that is excluded by .dockerignore` });
      }
    }
  },
};

function sources(instruction: Copy | Add): { path: string; range: Range }[] {
  if (instruction.getOpeningBracket() !== null) {
    const strings = instruction.getJSONStrings();
    return strings.slice(0, -1).map((s) => ({ path: s.getJSONValue(), range: s.getRange() }));
  }
  const args = instruction.getArguments();
  if (args.some((a) => a.getValue().startsWith('<<'))) return [];
  return args.slice(0, -1).map((a) => ({ path: a.getValue(), range: a.getRange() }));
}

/** A context-relative path to match, or undefined for sources that are not local literal paths. */
function normalize(path: string): string | undefined {
  if (/[$*?[]/.test(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@')) return undefined;
  const relative = path.replace(/^["']|["']$/g, '').replace(/^(?:\.\/|\/)+/, '').replace(/\/+$/, '');
  return relative === '' || relative === '.' ? undefined : relative;
}
