// DL3009: `apt-get update` leaves ~tens of MB of package lists in the layer unless the same RUN
// removes /var/lib/apt/lists (or they live on a cache mount). Like hadolint, only stages that
// end up in an image count: the last stage and stages another FROM builds on.
import { From, Run } from 'dockerfile-ast';
import { commandsNamed, hasArg, runScripts, spanRange } from '../shell';
import type { Range, Rule } from '../rule';

function cachesAptLists(run: Run): boolean {
  const targets = run.getFlags()
    .filter((f) => f.getName() === 'mount' && /(?:^|,)type=cache(?:,|$)/.test(f.getValue() ?? ''))
    .map((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.getValue() ?? '')?.[1] ?? '');
  const covers = (dir: string) => targets.some((t) => t.startsWith(dir));
  return covers('/var/lib/apt/lists') || (covers('/var/lib/apt') && covers('/var/cache/apt'));
}

export const rule: Rule = {
  meta: { code: 'DL3009', severity: 'info', source: 'hadolint', description: 'Delete the apt-get lists after installing something' },
  check({ dockerfile, text, report }) {
    const scripts = new Map(runScripts(dockerfile, text).map((s) => [s.instruction.getRange().start.line, s]));
    const stages: { alias?: string; findings: Range[] }[] = [{ findings: [] }];
    const baseImages = new Set<string>();
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        stages.push({ alias: instruction.getBuildStage()?.toLowerCase(), findings: [] });
        const image = instruction.getImageName();
        if (image) baseImages.add(image.toLowerCase());
        continue;
      }
      const entry = scripts.get(instruction.getRange().start.line);
      if (!entry) continue;
      const updates = commandsNamed(entry.script, 'apt-get').filter((c) => hasArg(c, 'update'));
      if (updates.length === 0) continue;
      const cleans = commandsNamed(entry.script, 'rm').some((c) => c.args.some((a) => a.value.startsWith('/var/lib/apt/lists')));
      if (cleans || (entry.instruction instanceof Run && cachesAptLists(entry.instruction))) continue;
      const update = updates[0];
      const word = update.args.find((a) => a.value === 'update');
      if (update.name && word) stages[stages.length - 1].findings.push(spanRange(update.name, word));
    }
    stages.forEach((stage, index) => {
      const kept = index === stages.length - 1 || (stage.alias !== undefined && baseImages.has(stage.alias));
      if (kept) for (const range of stage.findings) report({ range });
    });
  },
};
