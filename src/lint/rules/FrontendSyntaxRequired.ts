// FrontendSyntaxRequired: heredocs (`RUN <<EOF`, `COPY <<EOF`) and `COPY/ADD --link` need the
// Dockerfile frontend 1.4 or later. Docker Engine 23+ has it built in; older engines (Debian's
// 20.10 among them) reject such a file ("unknown instruction", "Unknown flag: link") unless a
// `# syntax=` line makes them pull a newer frontend image. Build Image asks the same question
// (frontendRequirements) before it sends such a file, so editor and build give one answer.
import { Add, Copy, type Dockerfile } from 'dockerfile-ast';
import type { Range, Rule } from '../rule';
import { flagsOf, heredocsOf, instructionsWithTriggers } from '../syntax/builder';

export const SYNTAX_LINE = '# syntax=docker/dockerfile:1';

export interface FrontendRequirement {
  /** What needs the newer frontend, as written: `RUN <<EOF`, `COPY --link`. */
  feature: string;
  range: Range;
}

export interface FrontendNeeds {
  /** Where the file uses frontend 1.4+ syntax, in order. */
  requirements: FrontendRequirement[];
  /** The image the file's `# syntax=` directive names, when it has one. */
  syntax?: string;
}

/** What in this file needs Dockerfile frontend 1.4+, and the `# syntax=` image it asks for. */
export function frontendRequirements(dockerfile: Dockerfile): FrontendNeeds {
  const requirements: FrontendRequirement[] = [];
  for (const instruction of instructionsWithTriggers(dockerfile)) {
    const keyword = instruction.getKeyword().toUpperCase();
    for (const heredoc of heredocsOf(instruction)) requirements.push({ feature: `${keyword} <<${heredoc.getName()}`, range: heredoc.getNameRange() });
    if (instruction instanceof Copy || instruction instanceof Add) {
      for (const flag of flagsOf(instruction)) if (flag.name === 'link') requirements.push({ feature: `${keyword} --link`, range: flag.range });
    }
  }
  return { requirements, syntax: syntaxOf(dockerfile) };
}

/** The image the `# syntax=` directive names, when the file has one. */
function syntaxOf(dockerfile: Dockerfile): string | undefined {
  const directive = dockerfile.getDirectives().find((d) => d.getName().toLowerCase() === 'syntax');
  return directive?.getValue() || undefined;
}

export const rule: Rule = {
  meta: { code: 'FrontendSyntaxRequired', severity: 'info', source: 'builder', description: 'Heredocs and --link need Dockerfile frontend 1.4+: engines before Docker 23 need a # syntax= line' },
  check({ dockerfile, report }) {
    // A file with a `# syntax=` line is never reported: no need to read its instructions.
    if (syntaxOf(dockerfile)) return;
    const { requirements } = frontendRequirements(dockerfile);
    const insert = { title: `Add "${SYNTAX_LINE}" as the first line`, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${SYNTAX_LINE}\n` }] };
    for (const { feature, range } of requirements) {
      report({
        range,
        message: `${feature} needs Dockerfile frontend 1.4+: Docker Engine 23+ builds it as is, older engines reject it unless the file starts with "${SYNTAX_LINE}" (pulled from Docker Hub)`,
        fixes: [insert],
      });
    }
  },
};
