// CopyIgnoredFile: a COPY/ADD source that .dockerignore excludes is not in the build context, so
// the instruction fails or silently copies less than it says. Needs settings.dockerignore: the
// lines of the ignore file that applies to this Dockerfile's build (src/workspace/buildContext.ts
// says which), matched with the engine's semantics by the same matcher the build uses.
import { Add, Copy } from 'dockerfile-ast';
import { cleanPath, parseDockerignore, readIgnorePatterns, trimSpace } from '../../workspace/dockerignore';
import type { Range, Rule } from '../rule';

/** The longest path Linux accepts (PATH_MAX): a longer source cannot be a file in the context. */
const MAX_PATH_LENGTH = 4096;

export const rule: Rule = {
  meta: { code: 'CopyIgnoredFile', reads: ['COPY', 'ADD'], severity: 'warning', source: 'buildkit', description: 'Attempting to Copy file that is excluded by .dockerignore' },
  check({ dockerfile, settings, report }) {
    const lines = settings.dockerignore ?? [];
    if (lines.length === 0) return;
    const text = lines.join('\n');
    // As BuildKit: with any exception (`!pattern`) in the file no source is checked (an excluded
    // folder may have an included file), and the context root (`.`, `/`) only when a pattern
    // excludes everything (`*`, `**`, `**/*`).
    const patterns = readIgnorePatterns(text).map((p) => cleanPath(trimSpace(p.pattern))).filter((p) => p !== '' && p !== '.');
    if (patterns.some((p) => p.startsWith('!'))) return;
    const rootIgnored = patterns.some((p) => p === '*' || p === '**' || p === '**/*');
    const matcher = parseDockerignore(text);
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Copy || instruction instanceof Add)) continue;
      if (instruction.getFlags().some((f) => f.getName() === 'from')) continue;
      const keyword = instruction.getKeyword() === 'ADD' ? 'Add' : 'Copy';
      for (const { path, range } of sources(instruction)) {
        const normalized = normalize(path);
        const root = normalized === undefined && isRoot(path);
        if (!(root ? rootIgnored : normalized !== undefined && matcher.ignores(normalized))) continue;
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
  const unquoted = path.replace(/^["']|["']$/g, '');
  if (unquoted.length > MAX_PATH_LENGTH) return undefined;
  // Relative to the context whether written `./x`, `/x` or `x`; `..` cannot leave it.
  const cleaned = cleanPath(unquoted).replace(/^\//, '');
  return cleaned === '' || cleaned === '.' || cleaned === '..' || cleaned.startsWith('../') ? undefined : cleaned;
}

/** `.`, `/`, `./` and the like: the whole build context. */
function isRoot(path: string): boolean {
  const cleaned = cleanPath(path.replace(/^["']|["']$/g, ''));
  return cleaned === '.' || cleaned === '/';
}
