// StageNameCasing: BuildKit lowercases stage names, so `AS Builder` and `--from=builder` are the
// same stage; writing them in lowercase keeps definitions and references visibly identical.
import { Copy, From, Run, type Dockerfile } from 'dockerfile-ast';
import type { Rule, TextEdit } from '../rule';

export const rule: Rule = {
  meta: { code: 'StageNameCasing', reads: ['FROM', 'COPY', 'RUN'], severity: 'warning', source: 'buildkit', description: 'Stage names should be lowercase' },
  check({ dockerfile, report }) {
    let references: Map<string, Reference[]> | undefined;
    let definitions: Map<string, number[]> | undefined;
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof From)) continue;
      const name = instruction.getBuildStage();
      const range = instruction.getBuildStageRange();
      if (!name || !range || name === name.toLowerCase()) continue;
      const lower = name.toLowerCase();
      references ??= stageReferences(dockerfile);
      // References up to the next stage of the same name: later ones mean that stage (and each
      // reference then belongs to one definition, which keeps a file of many stages linear).
      definitions ??= stageDefinitions(dockerfile);
      const defined = definitions.get(lower) ?? [];
      const until = defined[firstAfter(defined, (line) => line, range.start.line)] ?? Infinity;
      const named = references.get(lower) ?? [];
      const later: Reference[] = [];
      for (let k = firstAfter(named, (r) => r.line, range.start.line); k < named.length && named[k].line < until; k++) {
        if (named[k].value !== lower) later.push(named[k]);
      }
      const edits: TextEdit[] = [{ range, newText: lower }, ...later.map((r) => ({ range: r.range, newText: lower }))];
      report({
        range,
        message: `Stage name '${name}' should be lowercase`,
        fixes: [{ title: `Rename stage '${name}' to '${lower}'`, edits }],
      });
    }
  },
};

/** Index of the first item (sorted by line) whose line is after `line`. */
function firstAfter<T>(items: readonly T[], lineOf: (item: T) => number, line: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineOf(items[mid]) <= line) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The lines where each (lowercased) stage name is defined, in order. */
function stageDefinitions(dockerfile: Dockerfile): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const instruction of dockerfile.getInstructions()) {
    if (!(instruction instanceof From)) continue;
    const name = instruction.getBuildStage()?.toLowerCase();
    if (!name) continue;
    const lines = result.get(name);
    const line = instruction.getRange().start.line;
    if (lines) lines.push(line); else result.set(name, [line]);
  }
  return result;
}

interface Reference { line: number; value: string; range: TextEdit['range'] }

/**
 * Every reference to a stage by name — FROM <stage>, COPY --from, RUN --mount from= — grouped by
 * the lowercased name, collected once per document (a file with many stages would otherwise be
 * scanned once per stage).
 */
function stageReferences(dockerfile: Dockerfile): Map<string, Reference[]> {
  const result = new Map<string, Reference[]>();
  const add = (line: number, value: string | null, range: TextEdit['range'] | null) => {
    if (!value || !range) return;
    const key = value.toLowerCase();
    const list = result.get(key);
    if (list) list.push({ line, value, range }); else result.set(key, [{ line, value, range }]);
  };
  for (const instruction of dockerfile.getInstructions()) {
    const line = instruction.getRange().start.line;
    if (instruction instanceof From) {
      const image = instruction.getArguments()[0];
      if (image) add(line, image.getValue(), image.getRange());
    } else if (instruction instanceof Copy) {
      for (const flag of instruction.getFlags()) if (flag.getName() === 'from') add(line, flag.getValue(), flag.getValueRange());
    } else if (instruction instanceof Run) {
      for (const flag of instruction.getFlags()) {
        if (flag.getName() !== 'mount') continue;
        for (const option of flag.getOptions()) if (option.getName() === 'from') add(line, option.getValue(), option.getValueRange());
      }
    }
  }
  return result;
}
