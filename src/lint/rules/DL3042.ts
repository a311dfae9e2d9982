// DL3042: pip keeps every downloaded wheel in ~/.cache/pip; in an image that cache is dead
// weight. As in hadolint, a pip install is fine with `--no-cache-dir`, with PIP_NO_CACHE_DIR set
// to a true value (by an ENV of the stage or a stage it builds on, or in the RUN's text), or with
// a cache or tmpfs mount on …/.cache/pip; pipx and pipenv are no pip. ONBUILD RUN is checked in
// a pass of its own, where only ONBUILD ENV counts.
import { Env, type Instruction } from 'dockerfile-ast';
import { argNamed, fromImageName, hasCacheMountWith, insertAfterWord, instructionPasses, runsCommand, scriptLookup, spanTo } from '../packages';
import { type ShellCommand, type ShellWord } from '../shell';
import { isPipInstall, isPipName } from './DL3013';
import type { Rule } from '../rule';

const truthy = ['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES'];

/** The word a fix puts `--no-cache-dir` after: `install` (after `-m pip` for python). */
function installWord(command: ShellCommand): ShellWord | undefined {
  const m = command.args.findIndex((a, i) => a.value === '-m' && command.args[i + 1]?.value === 'pip' && command.args[i + 2]?.value === 'install');
  return m >= 0 ? command.args[m + 2] : argNamed(command, ['install']);
}

function isWrapper(command: ShellCommand): boolean {
  const name = command.name!.value;
  const args = command.args.map((a) => a.value);
  return ['pipx', 'pipenv'].some((w) => name.includes(w) || (name.startsWith('python') && args.some((a, i) => a === '-m' && args[i + 1] === w)));
}

/** hadolint's text test: what follows the first `PIP_NO_CACHE_DIR=` starts with a true value. */
function setInText(text: string): boolean {
  const at = text.indexOf('PIP_NO_CACHE_DIR=');
  if (at < 0) return false;
  const rest = text.slice(at + 'PIP_NO_CACHE_DIR='.length);
  return truthy.some((t) => rest.startsWith(t));
}

export const rule: Rule = {
  meta: { code: 'DL3042', perInstruction: true, context: ['ENV', 'FROM', 'ONBUILD'], severity: 'warning', source: 'hadolint', description: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`' },
  check(context) {
    // Only a pip install is ever reported.
    if (!runsCommand(context, isPipName)) return;
    const scriptOf = scriptLookup(context);
    const passes = instructionPasses(context.dockerfile);
    for (const instructions of [passes.main, passes.onbuild]) {
      // Stage (alias, or image when there is none) → PIP_NO_CACHE_DIR is on there.
      const noCache = new Map<string, boolean>();
      let stage = '';
      const visit = (run: Instruction) => {
        const script = scriptOf(run);
        if (!script || noCache.get(stage) || setInText(run.getRawArgumentsContent() ?? '')) return;
        if (hasCacheMountWith(run, '.cache/pip')) return;
        for (const command of script.commands) {
          if (!isPipInstall(command) || command.args.some((a) => a.value === '--no-cache-dir') || isWrapper(command)) continue;
          const install = installWord(command);
          if (!install) continue;
          context.report({ range: spanTo(command, install), fixes: [insertAfterWord(script, install, '--no-cache-dir', 'Add --no-cache-dir')] });
        }
      };
      for (const instruction of instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'FROM') {
          const from = instruction as Parameters<typeof fromImageName>[0];
          const image = fromImageName(from);
          const inherited = noCache.get(image) ?? false;
          stage = from.getBuildStage() ?? image;
          noCache.set(stage, inherited);
        } else if (instruction instanceof Env || keyword === 'ENV') {
          const value = (instruction as Env).getProperties().find((p) => p.getName() === 'PIP_NO_CACHE_DIR')?.getValue();
          if (value !== undefined && value !== null && truthy.includes(value)) noCache.set(stage, true);
        } else if (keyword === 'RUN') visit(instruction);
      }
    }
  },
};
