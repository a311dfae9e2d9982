// InvalidDefinitionDescription (BuildKit, experimental): a comment right above an ARG or a named
// stage is read as its description (`docker buildx build --call outline` shows it), and must
// start with the name it describes. Runs only when `# check=experimental=…` names it or says
// `all`, as BuildKit does, also from a `check=experimental=…` comment above the instruction.
//
// BuildKit's parser collects the comment lines since the previous instruction: an empty comment
// (`#` alone) clears them, a blank line does not, parser directives at the top are not comments,
// and only the last one counts, split at its first space.
import { Arg, From, type Instruction } from 'dockerfile-ast';
import { experimentalCheckEnabled, parseDirective } from '../pragmas';
import type { Rule } from '../rule';

const NAME = 'InvalidDefinitionDescription';
const directiveNames = new Set(['syntax', 'escape', 'check']);

/** Lines of the leading parser-directive block (BuildKit stops at the first other line). */
function directiveLines(lines: string[]): number {
  let i = 0;
  const seen = new Set<string>();
  for (; i < lines.length; i++) {
    const line = (i === 0 ? lines[i].replace(/^\uFEFF/, '') : lines[i]).trimStart().replace(/\r$/, '');
    const directive = parseDirective(line);
    const name = directive?.name.toLowerCase();
    if (!name || !directiveNames.has(name) || seen.has(name)) break;
    seen.add(name);
  }
  return i;
}

/** The description comments BuildKit hands the instruction: comment texts, after the last `#`-only line. */
function precedingComments(lines: string[], from: number, to: number, directives: number): string[] {
  let comments: string[] = [];
  for (let line = from; line < to; line++) {
    const raw = (line === 0 ? lines[line].replace(/^\uFEFF/, '') : lines[line]).replace(/\r$/, '');
    if (!raw.trimStart().startsWith('#') || line < directives) continue;
    // BuildKit drops the line's first character, then trims: an indented `#` stays in the text.
    const text = raw.slice(1).trim();
    if (text === '') comments = [];
    else comments.push(text);
  }
  return comments;
}

/** A `check=experimental=…` comment among them turns the check on for this instruction. */
function enabledByComment(comments: string[]): boolean {
  for (const comment of comments) {
    const directive = parseDirective(`#${comment}`);
    if (directive?.name.toLowerCase() !== 'check') continue;
    const value = directive.value.split(' ', 1)[0];
    for (const part of value.split(';')) {
      const [key, names] = part.split('=', 2);
      if (key.trim() !== 'experimental' || names === undefined) continue;
      const list = names.split(',').map((n) => n.trim());
      if (list.includes('all') || list.includes(NAME)) return true;
    }
    return false;
  }
  return false;
}

function definedNames(instruction: Instruction): string[] {
  if (instruction instanceof From) {
    const stage = instruction.getBuildStage();
    return stage ? [stage.toLowerCase()] : [];
  }
  if (instruction instanceof Arg) return instruction.getProperties().map((p) => p.getName());
  return [];
}

export const rule: Rule = {
  meta: {
    code: NAME, severity: 'warning', source: 'buildkit',
    description: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
  },
  check({ dockerfile, text, report }) {
    const everywhere = experimentalCheckEnabled(text, NAME);
    if (!everywhere && !text.includes('experimental')) return;
    const lines = text.split('\n');
    const directives = directiveLines(lines);
    let previousEnd = -1;
    for (const instruction of dockerfile.getInstructions()) {
      const range = instruction.getRange();
      const from = previousEnd + 1;
      previousEnd = range.end.line;
      const names = definedNames(instruction);
      if (names.length === 0) continue;
      const comments = precedingComments(lines, from, range.start.line, directives);
      if (comments.length === 0 || !(everywhere || enabledByComment(comments))) continue;
      if (names.includes(comments[comments.length - 1].split(' ', 1)[0])) continue;
      const example = names.length > 1 ? '<arg_key>' : names[0];
      report({ range, message: `Comment for ${instruction.getKeyword()} should follow the format: \`# ${example} <description>\`` });
    }
  },
};
