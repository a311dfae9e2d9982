// DL3060: yarn keeps every downloaded package in its global cache; unless the same RUN runs
// `yarn cache clean` after `yarn install`, the cache is baked into the layer next to
// node_modules. As in hadolint: a `yarn` with `cache` or `clean` cleans, but only when it comes
// after the first install; a cache or tmpfs mount on …/.cache/yarn exempts a RUN without any
// clean; a top-level RUN counts only in the last stage or in a stage some FROM builds on, and an
// ONBUILD RUN is always reported.
import type { Instruction } from 'dockerfile-ast';
import { argNamed, chainAfter, cmdHasArgs, findingsInKeptStages, hasCacheMountWith, instructionPasses, runsCommand, runsOf, spanTo } from '../packages';
import type { RunScript, ShellCommand } from '../shell';
import type { ReportInput, Rule } from '../rule';

const isInstall = (c: ShellCommand) => cmdHasArgs(c, ['yarn'], ['install']);
const isClean = (c: ShellCommand) => cmdHasArgs(c, ['yarn'], ['cache', 'clean']);

function finding({ script, instruction }: RunScript): ReportInput | undefined {
  const install = script.commands.findIndex(isInstall);
  if (install < 0) return undefined;
  const clean = script.commands.findIndex(isClean);
  if (clean < 0 && hasCacheMountWith(instruction, '.cache/yarn')) return undefined;
  if (clean > install) return undefined;
  const command = script.commands[install];
  // A clean-up before the install: chaining another after it would still leave the first one first.
  const fix = clean < 0 ? chainAfter(script, command, 'yarn cache clean', 'Add `yarn cache clean` after the install') : undefined;
  return { range: spanTo(command, argNamed(command, ['install'])!), fixes: fix ? [fix] : [] };
}

export const rule: Rule = {
  meta: { code: 'DL3060', perInstruction: true, context: ['FROM'], severity: 'info', source: 'hadolint', description: '`yarn cache clean` missing after `yarn install` was run.' },
  check(context) {
    // Only a yarn install is ever reported.
    if (!runsCommand(context, ['yarn'])) return;
    const runs = new Map<Instruction, RunScript>(runsOf(context, false).map((r) => [r.instruction, r]));
    const kept = findingsInKeptStages(instructionPasses(context.dockerfile).main, (instruction) => {
      const run = runs.get(instruction);
      return run && finding(run);
    });
    for (const input of kept) context.report(input);
    for (const run of runsOf(context, true)) {
      const input = run.onbuild ? finding(run) : undefined;
      if (input) context.report(input);
    }
  },
};
