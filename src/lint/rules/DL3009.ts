// DL3009: `apt-get update` leaves ~tens of MB of package lists in the layer unless the same RUN
// removes them (or they live on a cache or tmpfs mount). As in hadolint, a top-level RUN counts
// only in the last stage or in a stage whose name a FROM uses as its image; an ONBUILD RUN is
// always reported (it runs in whatever image builds on this one).
import type { Instruction } from 'dockerfile-ast';
import { cmdHasArgs, findingsInKeptStages, hasCacheMountWith, instructionPasses, runsCommand, runsOf } from '../packages';
import type { RunScript, ShellCommand } from '../shell';
import type { Range, Rule } from '../rule';
import { spanRange } from '../shell';

const isUpdate = (c: ShellCommand) => cmdHasArgs(c, ['apt', 'apt-get', 'aptitude'], ['update']);
// hadolint's test: an `rm` with any of these arguments (so `rm -rf /tmp/x` counts as a clean-up).
const isCleanup = (c: ShellCommand) => cmdHasArgs(c, ['rm'], ['-rf', '/var/lib/apt/lists/*']);

/** Where the RUN leaves the lists behind: its first update, or nothing when it cleans up. */
function forgotten(run: RunScript): Range | undefined {
  const { script, instruction } = run;
  const update = script.commands.find(isUpdate);
  if (!update?.name || script.commands.some(isCleanup)) return undefined;
  if (cachesLists(instruction)) return undefined;
  const word = update.args.find((a) => a.value === 'update')!;
  return spanRange(update.name, word);
}

function cachesLists(run: Instruction): boolean {
  return hasCacheMountWith(run, '/var/lib/apt/lists')
    || (hasCacheMountWith(run, '/var/lib/apt') && hasCacheMountWith(run, '/var/cache/apt'));
}

export const rule: Rule = {
  meta: { code: 'DL3009', perInstruction: true, context: ['FROM'], severity: 'info', source: 'hadolint', description: 'Delete the apt-get lists after installing something' },
  check(context) {
    // Only an apt update is ever reported.
    if (!runsCommand(context, ['apt', 'apt-get', 'aptitude'])) return;
    const runs = new Map<Instruction, RunScript>(runsOf(context, false).map((r) => [r.instruction, r]));
    const kept = findingsInKeptStages(instructionPasses(context.dockerfile).main, (instruction) => {
      const run = runs.get(instruction);
      return run && forgotten(run);
    });
    for (const range of kept) context.report({ range });
    for (const run of runsOf(context, true)) {
      const range = run.onbuild ? forgotten(run) : undefined;
      if (range) context.report({ range });
    }
  },
};
