// InvalidArgumentCount: instructions the builder refuses for their number or shape of arguments —
// FROM without an image or with a stray word, COPY/ADD without a destination, an empty RUN,
// `ENV KEY` without a value, SHELL not in JSON form, a HEALTHCHECK that is neither NONE nor CMD,
// an ONBUILD trigger that may not be one.
import { Onbuild, type Argument, type Instruction } from 'dockerfile-ast';
import type { Range, ReportInput, Rule } from '../rule';
import { heredocsOf, isKnownInstruction, jsonArray, plainArguments, spanning } from '../syntax/builder';

const atLeastOne = new Set(['ARG', 'ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'WORKDIR', 'USER', 'STOPSIGNAL', 'MAINTAINER', 'ONBUILD', 'SHELL', 'HEALTHCHECK']);
const notTriggers = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);
const anyCount = new Set(['CMD', 'ENTRYPOINT']);

export const rule: Rule = {
  meta: { code: 'InvalidArgumentCount', perInstruction: true, severity: 'error', source: 'builder', description: 'Wrong number of arguments for this instruction' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      checkInstruction(instruction, report);
      if (instruction instanceof Onbuild) {
        const trigger = instruction.getTriggerInstruction();
        if (!trigger) continue;
        const keyword = trigger.getKeyword();
        if (notTriggers.has(keyword)) {
          report({ range: trigger.getInstructionRange(), message: keyword === 'ONBUILD' ? 'Chaining ONBUILD via ONBUILD ONBUILD is not allowed' : `${keyword} is not allowed as an ONBUILD trigger` });
        } else checkInstruction(trigger, report);
      }
    }
  },
};

function checkInstruction(instruction: Instruction, report: (input: ReportInput) => void): void {
  const keyword = instruction.getKeyword();
  // CMD and ENTRYPOINT take any number of arguments, none included.
  if (!isKnownInstruction(keyword) || anyCount.has(keyword)) return;
  const args = plainArguments(instruction);
  const at = (range: Range, message: string) => report({ range, message });
  if (args.length === 0 && (atLeastOne.has(keyword) || keyword === 'FROM' || keyword === 'COPY' || keyword === 'ADD' || keyword === 'RUN')) {
    if (keyword === 'RUN' && heredocsOf(instruction).length > 0) return;
    at(instruction.getInstructionRange(), `${keyword} requires at least one argument`);
    return;
  }
  switch (keyword) {
    case 'FROM': {
      if (args.length === 1) return;
      if (args.length === 3 && args[1].getValue().toUpperCase() === 'AS') return;
      if (args.length === 3) { at(args[1].getRange(), `FROM expects AS before the stage name, found '${args[1].getValue()}'`); return; }
      const extra = args.length === 2 ? args.slice(1) : args.slice(3);
      at(spanning(extra[0], extra[extra.length - 1]), 'FROM requires either one or three arguments (image [AS name])');
      return;
    }
    case 'COPY':
    case 'ADD': {
      const json = jsonArray(instruction.getRawArgumentsContent()?.replace(/^(--\S+\s+)*/, '') ?? null);
      const count = json ? json.length : args.length;
      if (count < 2) at(args[0].getRange(), `${keyword} requires at least two arguments (source and destination), but only one was provided`);
      return;
    }
    case 'ENV':
    case 'LABEL': {
      // Legacy `ENV KEY value` needs the value; `ENV KEY` alone is rejected.
      if (args.length === 1 && !args[0].getValue().includes('=')) at(args[0].getRange(), `${keyword} ${args[0].getValue()} has no value: use ${keyword} ${args[0].getValue()}=value`);
      return;
    }
    case 'SHELL': {
      if (!jsonArray(instruction.getRawArgumentsContent())) at(spanning(args[0], args[args.length - 1]), 'SHELL requires the arguments to be in JSON form, like SHELL ["/bin/sh", "-c"]');
      return;
    }
    case 'HEALTHCHECK':
      checkHealthcheck(args, at);
      return;
    default:
  }
}

function checkHealthcheck(args: Argument[], at: (range: Range, message: string) => void): void {
  const type = args[0].getValue().toUpperCase();
  if (type === 'NONE') {
    if (args.length > 1) at(spanning(args[1], args[args.length - 1]), 'HEALTHCHECK NONE takes no other arguments');
  } else if (type === 'CMD') {
    if (args.length === 1) at(args[0].getRange(), 'HEALTHCHECK CMD requires a command');
  } else {
    at(args[0].getRange(), `Unknown type '${args[0].getValue()}' in HEALTHCHECK (use CMD or NONE)`);
  }
}
