// ConsistentInstructionCasing: keywords are case-insensitive, but a file that mixes `RUN` and
// `run` (or writes `From`) reads badly. The majority casing of the file wins; ties go to uppercase.
import type { Rule } from '../rule';

// Unknown words in instruction position are the builder's "unknown instruction" error, not a casing question.
const known = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export const rule: Rule = {
  meta: { code: 'ConsistentInstructionCasing', severity: 'warning', source: 'buildkit', description: 'All commands within the Dockerfile should use the same casing (either upper or lower)' },
  check({ dockerfile, report }) {
    const instructions = dockerfile.getInstructions().filter((i) => known.has(i.getInstruction().toUpperCase()));
    let upper = 0;
    let lower = 0;
    for (const instruction of instructions) {
      const keyword = instruction.getInstruction();
      if (keyword === keyword.toUpperCase()) upper++;
      else if (keyword === keyword.toLowerCase()) lower++;
    }
    const majority = lower > upper ? 'lowercase' : 'uppercase';
    for (const instruction of instructions) {
      const keyword = instruction.getInstruction();
      const wanted = majority === 'lowercase' ? keyword.toLowerCase() : keyword.toUpperCase();
      if (keyword === wanted) continue;
      const range = instruction.getInstructionRange();
      report({
        range,
        message: `Command '${keyword}' should match the case of the command majority (${majority})`,
        fixes: [{ title: `Write '${wanted}'`, edits: [{ range, newText: wanted }] }],
      });
    }
  },
};
