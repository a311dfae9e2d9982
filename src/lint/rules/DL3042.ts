// DL3042: pip keeps every downloaded wheel in ~/.cache/pip; in an image that cache is dead
// weight. `--no-cache-dir` (or PIP_NO_CACHE_DIR set to a true value) avoids it.
import { Env, From, Onbuild, Run, type Instruction } from 'dockerfile-ast';
import { argNamed, imageOf, insertAfterWord, scriptLookup, spanTo } from '../packages';
import { baseName, type ShellCommand } from '../shell';
import type { Rule } from '../rule';

const truthy = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);

/** `pip install`, `pip3.12 install`, `python3 -m pip install`; not pipx or pipenv. */
export function pipInstallWord(command: ShellCommand) {
  const name = command.name ? baseName(command.name.value) : '';
  if (/^pip[0-9.]*$/.test(name)) return argNamed(command, ['install']);
  if (!/^python[0-9.]*$/.test(name)) return undefined;
  const m = command.args.findIndex((a) => a.value === '-m');
  if (m < 0 || command.args[m + 1]?.value !== 'pip') return undefined;
  return command.args.slice(m + 2).find((a) => a.value === 'install');
}

export const rule: Rule = {
  meta: { code: 'DL3042', severity: 'warning', source: 'hadolint', description: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`' },
  check(context) {
    // Stage name → PIP_NO_CACHE_DIR is on there (inherited by stages built FROM it).
    const noCache = new Map<string, boolean>();
    let stage = '';
    const scriptOf = scriptLookup(context);
    const visit = (instruction: Instruction) => {
      const script = scriptOf(instruction);
      if (!script || noCache.get(stage)) return;
      let setInRun: boolean | undefined;
      for (const command of script.commands) {
        const install = pipInstallWord(command);
        if (!install || command.args.some((a) => a.value === '--no-cache-dir')) continue;
        // `PIP_NO_CACHE_DIR=1 pip install` or `export PIP_NO_CACHE_DIR=1 && …` in the RUN itself.
        setInRun ??= /PIP_NO_CACHE_DIR=["']?(?:1|true|on|yes)\b/i.test(instruction.getRawArgumentsContent() ?? '');
        if (setInRun) return;
        context.report({ range: spanTo(command, install), fixes: [insertAfterWord(script, install, '--no-cache-dir', 'Add --no-cache-dir')] });
      }
    };
    for (const instruction of context.dockerfile.getInstructions()) {
      if (instruction instanceof From) {
        const image = imageOf(instruction);
        const inherited = noCache.get(image) ?? false;
        stage = instruction.getBuildStage() ?? image;
        noCache.set(stage, inherited);
      } else if (instruction instanceof Env) {
        const value = instruction.getProperties().find((p) => p.getName() === 'PIP_NO_CACHE_DIR')?.getValue();
        if (value !== undefined && value !== null && truthy.has(value)) noCache.set(stage, true);
      } else if (instruction instanceof Run) {
        visit(instruction);
      } else if (instruction instanceof Onbuild) {
        const trigger = instruction.getTriggerInstruction();
        if (trigger) visit(trigger);
      }
    }
  },
};
