// DL3025: shell-form CMD/ENTRYPOINT runs under `/bin/sh -c`, so the process is not PID 1 and
// never sees SIGTERM. The fix writes the exec form when the words are plain (no operators,
// variables, globs or redirections), where both forms run the same program with the same args.
import { Cmd, Entrypoint, Healthcheck } from 'dockerfile-ast';
import { parseShell } from '../shell';
import type { Fix, Range, Rule } from '../rule';

function execFormFix(args: string): Fix | undefined {
  const { commands } = parseShell(args);
  if (commands.length !== 1) return undefined;
  const [command] = commands;
  if (command.assignments.length > 0 || command.redirects.length > 0 || command.words.length === 0) return undefined;
  // Every character must be accounted for by the words: reserved words or operators disqualify.
  const rebuilt = command.words.map((w) => args.slice(w.start, w.end)).join(' ');
  if (rebuilt !== args.trim().replace(/[ \t]+/g, ' ')) return undefined;
  if (command.words.some((w) => w.dynamic || /[$`*?[\]{}~#!\\]/.test(args.slice(w.start, w.end).replace(/^'.*'$/, '')))) return undefined;
  return { title: 'Use the exec (JSON) form', edits: [] };
}

export const rule: Rule = {
  meta: { code: 'DL3025', reads: ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'], severity: 'warning', source: 'hadolint', description: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments' },
  check({ dockerfile, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (instruction instanceof Healthcheck) { checkHealthcheck(instruction, report); continue; }
      if (!(instruction instanceof Cmd) && !(instruction instanceof Entrypoint)) continue;
      if (instruction.getOpeningBracket() && instruction.getClosingBracket()) continue;
      const range = instruction.getArgumentsRange();
      const content = instruction.getRawArgumentsContent();
      if (!range || content === null || content.trim() === '') continue;
      // Only single-line arguments are rewritten: continuation lines may hide comments.
      const fix = range.start.line === range.end.line ? execFormFix(content) : undefined;
      if (fix) {
        const words = parseShell(content).commands[0].words.map((w) => JSON.stringify(w.value));
        fix.edits.push({ range, newText: `[${words.join(', ')}]` });
      }
      report({ range, fixes: fix ? [fix] : [] });
    }
  },
};

/** `HEALTHCHECK … CMD curl -f …`: hadolint wants the exec form there too (no fix offered). */
function checkHealthcheck(instruction: Healthcheck, report: (finding: { range: Range }) => void): void {
  const args = instruction.getArguments();
  const cmd = args.findIndex((a) => a.getValue().toUpperCase() === 'CMD');
  const rest = cmd < 0 ? [] : args.slice(cmd + 1);
  if (rest.length === 0 || rest[0].getValue().startsWith('[')) return;
  report({ range: { start: rest[0].getRange().start, end: rest[rest.length - 1].getRange().end } });
}
