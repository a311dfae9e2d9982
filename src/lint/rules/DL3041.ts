// DL3041: an unpinned `dnf install pkg` installs whatever the repository has today, so the same
// Dockerfile builds different images over time. Pin with `pkg-<version>`; a module stream is
// pinned with `module:stream`. As in hadolint: only `install` (dnf or microdnf), group installs
// are not checked, a version may come from a variable defined by an ARG or by an ENV of the
// stage, and ONBUILD RUN is checked with the ONBUILD ARG/ENV alone.
import { argsWithoutFlags, cmdHasArgs, instructionPasses, rpmVersionPinned, runsCommand, scriptLookup, VersionVariables } from '../packages';
import type { ShellScript } from '../shell';
import type { Rule, RuleContext } from '../rule';

const dnf = ['dnf', 'microdnf'];

export function checkRpmPins(context: RuleContext, tools: string[], skipWithArgs: string[]): void {
  // Only a command named as one of the tools is ever reported.
  if (!runsCommand(context, tools)) return;
  const scriptOf = scriptLookup(context);
  const passes = instructionPasses(context.dockerfile);
  for (const instructions of [passes.main, passes.onbuild]) {
    const variables = new VersionVariables();
    for (const instruction of instructions) {
      variables.see(instruction);
      if (instruction.getKeyword() === 'RUN') checkRun(context, scriptOf(instruction), tools, skipWithArgs, variables);
    }
  }
}

function checkRun(context: RuleContext, script: ShellScript | undefined, tools: string[], skipWithArgs: string[], variables: VersionVariables): void {
  const tool = tools[0] === 'yum' ? 'yum' : 'dnf';
  for (const command of script?.commands ?? []) {
    if (!cmdHasArgs(command, tools, ['install'])) continue;
    const isModule = cmdHasArgs(command, tools, ['module']);
    if (!isModule && cmdHasArgs(command, tools, skipWithArgs)) continue;
    const packages = argsWithoutFlags(command).filter((w) => w.value !== 'install' && w.value !== 'module');
    for (const word of packages) {
      if (isModule ? word.value.includes(':') : rpmVersionPinned(word.value, variables)) continue;
      context.report({
        range: word.range,
        message: isModule ? `Specify the module stream with \`${tool} module install ${word.value}:<stream>\`.` : `Specify version with \`${tool} install -y ${word.value}-<version>\`.`,
      });
    }
  }
}

export const rule: Rule = {
  meta: { code: 'DL3041', perInstruction: true, context: ['ARG', 'ENV', 'FROM', 'ONBUILD'], severity: 'warning', source: 'hadolint', description: 'Specify version with `dnf install -y <package>-<version>`.' },
  check(context) {
    checkRpmPins(context, dnf, ['group']);
  },
};
