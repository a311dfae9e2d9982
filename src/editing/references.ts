// Stages and variables as symbols: where each is declared and every place that uses it, for go
// to definition, find references and rename. What counts as a use follows what the builder and
// the shell really do with the text:
//  - Docker expands `$NAME`/`${NAME…}` itself in FROM (global ARGs only), ADD, COPY, ENV, ARG,
//    EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME and WORKDIR — not inside single quotes, not after the
//    escape character, not on comment lines inside a continuation (lint/buildkit.ts's scanner);
//    in a COPY heredoc body only when its delimiter is unquoted.
//  - RUN in shell form goes to the shell unexpanded, with ARG and ENV values in its environment:
//    a `$NAME` there is a use where the shell expands it (shellExpansion.ts). The heredoc that is
//    the script itself is shell text too; a heredoc fed to a command is expanded by the shell only
//    when its delimiter is unquoted. RUN in exec form expands nothing.
//  - CMD, ENTRYPOINT and HEALTHCHECK in shell form run in the container, where ENV values exist
//    and ARG values do not: there a `$NAME` uses an ENV only.
//  - ONBUILD triggers are expanded in the build that uses this image, with that build's
//    variables: nothing in them refers to this file's ARGs or ENVs. Comments are never uses.
// Scopes: ARGs before the first FROM are global and only FROM lines see them; a stage's `ARG NAME`
// without a value brings the global NAME's value into the stage, so it is the same symbol; an
// ARG with its own value is a new one. ENV values live on into stages built FROM this stage (an
// image's environment is inherited), ARGs end with their stage. ENV wins over an ARG of the same
// name. Stage names are case-insensitive; FROM, COPY --from and RUN --mount=from= refer to them.
import { Arg, Copy, Env, From, Onbuild, Run, type Instruction, type Property } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { expandedVariables, expandingKeywords } from '../lint/buildkit';
import { heredocsOf } from '../lint/syntax/builder';
import type { EditingDocument } from './document';
import { hereDocumentUses, shellVariableUses, type VariableUse } from './shellExpansion';

export type SymbolKind = 'stage' | 'arg' | 'env';

export interface EditingSymbol {
  kind: SymbolKind;
  /** As declared first (a stage name lowercased: the builder compares them so). */
  name: string;
  /** The ranges of the name where it is declared: ARG/ENV keys, a stage's AS name. */
  declarations: Range[];
  /** The ranges of the name where it is used. */
  uses: Range[];
}

export interface Occurrence { symbol: EditingSymbol; range: Range; declaration: boolean }

export interface SymbolTable {
  readonly symbols: readonly EditingSymbol[];
  /** Every declaration and use, in document order. */
  readonly occurrences: readonly Occurrence[];
}

const shellKeywords = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** The document's symbol table (computed once per text). */
export function symbolTable(doc: EditingDocument): SymbolTable {
  return doc.memo('symbols', () => buildTable(doc));
}

function buildTable(doc: EditingDocument): SymbolTable {
  const symbols: EditingSymbol[] = [];
  const occurrences: Occurrence[] = [];
  const add = (symbol: EditingSymbol, range: Range, declaration: boolean): void => {
    (declaration ? symbol.declarations : symbol.uses).push(range);
    occurrences.push({ symbol, range, declaration });
  };
  const newSymbol = (kind: SymbolKind, name: string): EditingSymbol => {
    const symbol: EditingSymbol = { kind, name, declarations: [], uses: [] };
    symbols.push(symbol);
    return symbol;
  };

  const globals = new Map<string, EditingSymbol>();
  const stages = new Map<string, EditingSymbol>();
  /** The ENVs each stage ends with, for the stages built FROM it. */
  const envAtEnd: Map<string, EditingSymbol>[] = [];
  let stageIndex = -1;
  let args = new Map<string, EditingSymbol>();
  let envs = new Map<string, EditingSymbol>();

  const declare = (instruction: Arg | Env, inStage: boolean): void => {
    for (const property of instruction.getProperties()) {
      const name = property.getName();
      const range = property.getNameRange();
      if (!name) continue;
      if (instruction instanceof Env) {
        const symbol = envs.get(name) ?? newSymbol('env', name);
        envs.set(name, symbol);
        add(symbol, range, true);
      } else if (!inStage) {
        const symbol = globals.get(name) ?? newSymbol('arg', name);
        globals.set(name, symbol);
        add(symbol, range, true);
      } else {
        const imported = hasNoValue(property) ? globals.get(name) : undefined;
        const symbol = imported ?? args.get(name) ?? newSymbol('arg', name);
        args.set(name, symbol);
        add(symbol, range, true);
      }
    }
  };
  const bind = (uses: readonly VariableUse[], lookup: (name: string) => EditingSymbol | undefined): void => {
    for (const use of uses) {
      const symbol = lookup(use.name);
      if (symbol) add(symbol, doc.rangeOf(use.start, use.end), false);
    }
  };
  const inStage = (name: string) => envs.get(name) ?? args.get(name);
  const envOnly = (name: string) => envs.get(name);

  for (const instruction of doc.instructions) {
    const keyword = instruction.getKeyword();
    if (instruction instanceof From) {
      bind(dockerExpanded(doc, instruction), (name) => globals.get(name));
      const image = instruction.getArguments()[0];
      const parent = image ? stages.get(image.getValue().toLowerCase()) : undefined;
      if (parent && image) add(parent, image.getRange(), false);
      stageIndex++;
      const parentIndex = doc.stages[stageIndex]?.parent;
      envs = new Map(parentIndex !== undefined ? envAtEnd[parentIndex] : []);
      args = new Map();
      envAtEnd[stageIndex] = envs;
      const stageName = instruction.getBuildStage();
      const stageRange = instruction.getBuildStageRange();
      if (stageName && stageRange) {
        const key = stageName.toLowerCase();
        const symbol = stages.get(key) ?? newSymbol('stage', key);
        stages.set(key, symbol);
        add(symbol, stageRange, true);
      }
      continue;
    }
    if (stageIndex < 0) {
      if (instruction instanceof Arg) {
        bind(dockerExpanded(doc, instruction), (name) => globals.get(name));
        declare(instruction, false);
      }
      continue;
    }
    if (instruction instanceof Onbuild) continue;
    if (instruction instanceof Arg || instruction instanceof Env) {
      // `ENV A=1 B=$A` reads A as it was before the instruction: uses first, then declarations.
      bind(dockerExpanded(doc, instruction), inStage);
      declare(instruction, true);
      envAtEnd[stageIndex] = envs;
      continue;
    }
    if (instruction instanceof Copy) {
      const from = instruction.getFromFlag();
      const value = from?.getValue();
      const stage = value ? stages.get(value.toLowerCase()) : undefined;
      const range = from?.getValueRange();
      if (stage && range) add(stage, range, false);
    }
    if (instruction instanceof Run) {
      for (const flag of instruction.getFlags()) {
        if (flag.getName() !== 'mount') continue;
        const option = flag.getOption('from');
        const value = option?.getValue();
        const stage = value ? stages.get(value.toLowerCase()) : undefined;
        const range = option?.getValueRange();
        if (stage && range) add(stage, range, false);
      }
      bind(shellExpanded(doc, instruction, true), inStage);
      continue;
    }
    if (shellKeywords.has(keyword)) {
      bind(shellExpanded(doc, instruction, false), envOnly);
      continue;
    }
    if (expandingKeywords.has(keyword)) bind(dockerExpanded(doc, instruction), inStage);
  }
  occurrences.sort((a, b) => compare(a.range.start, b.range.start));
  return { symbols, occurrences };
}

function hasNoValue(property: Property): boolean {
  return property.getAssignmentOperator() === null;
}

/** Variables the builder expands itself (the linter's scanner), as name offsets. */
function dockerExpanded(doc: EditingDocument, instruction: Instruction): VariableUse[] {
  return expandedVariables(instruction, doc.text, doc.escape).map((variable) => {
    const at = doc.offsetAt(variable.range.start);
    const start = at + (doc.text[at + 1] === '{' ? 2 : 1);
    return { name: variable.name, start, end: start + variable.name.length };
  });
}

/**
 * Variables the shell expands in a RUN (or CMD/ENTRYPOINT/HEALTHCHECK) in shell form, heredoc
 * bodies included as described at the top; nothing in exec form.
 */
function shellExpanded(doc: EditingDocument, instruction: Instruction, heredocs: boolean): VariableUse[] {
  const { text } = doc;
  const start = doc.offsetAt(instruction.getInstructionRange().end);
  const end = doc.offsetAt(instruction.getRange().end);
  let first = start;
  for (;;) {
    while (first < end && /\s/.test(text[first])) first++;
    // Flags (`--mount=…`) come before the command; the exec form starts after them.
    if (text.startsWith('--', first)) { while (first < end && !/\s/.test(text[first])) first++; continue; }
    break;
  }
  // HEALTHCHECK [flags] CMD <command>: the form is that of what follows CMD.
  if (instruction.getKeyword() === 'HEALTHCHECK' && /^CMD\s/i.test(text.slice(first, first + 4))) {
    first += 3;
    while (first < end && /\s/.test(text[first])) first++;
  }
  if (text[first] === '[') return [];
  const bodies: [number, number][] = [];
  const uses: VariableUse[] = [];
  const documents = heredocs && text.slice(start, end).includes('<<') ? heredocsOf(instruction) : [];
  for (const [index, heredoc] of documents.entries()) {
    const content = heredoc.getContentRange();
    if (!content) continue;
    const from = doc.offsetAt(content.start);
    const to = doc.offsetAt(content.end);
    bodies.push([from, to]);
    const nameAt = doc.offsetAt(heredoc.getNameRange().start);
    const quoted = text[nameAt - 1] === '"' || text[nameAt - 1] === "'";
    // `RUN <<EOF` with nothing before it: the body is the script the shell runs.
    const isScript = index === 0 && /^\s*<<-?\s*["']?$/.test(text.slice(first, nameAt));
    if (isScript) uses.push(...shellVariableUses(text, from, to, doc.escape, false));
    else if (!quoted) uses.push(...hereDocumentUses(text, from, to));
  }
  uses.push(...shellVariableUses(text, start, end, doc.escape, true, bodies));
  return uses.sort((a, b) => a.start - b.start);
}

export function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function contains(range: Range, position: Position): boolean {
  return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}

/** The declaration or use under the cursor (the end of a name counts, as after typing it). */
export function occurrenceAt(table: SymbolTable, position: Position): Occurrence | undefined {
  return table.occurrences.find((o) => contains(o.range, position));
}

/** Where a symbol is declared for the occurrence at `position`: the nearest declaration before it, else the first. */
export function definitionOf(occurrence: Occurrence): Range | undefined {
  const { declarations } = occurrence.symbol;
  const before = declarations.filter((d) => compare(d.start, occurrence.range.start) <= 0);
  return before[before.length - 1] ?? declarations[0];
}

export function referencesOf(symbol: EditingSymbol, includeDeclaration: boolean): Range[] {
  return [...(includeDeclaration ? symbol.declarations : []), ...symbol.uses].sort((a, b) => compare(a.start, b.start));
}

export type RenameProblem = 'noSymbol' | 'invalidVariableName' | 'invalidStageName';

/** Why `newName` cannot replace the symbol's name, if it cannot. */
export function renameProblem(symbol: EditingSymbol, newName: string): RenameProblem | undefined {
  if (symbol.kind === 'stage') return /^[a-z][\w.-]*$/i.test(newName) ? undefined : 'invalidStageName';
  return /^[A-Z_]\w*$/i.test(newName) ? undefined : 'invalidVariableName';
}

/** Edits renaming every declaration and use of the symbol. */
export function renameEdits(symbol: EditingSymbol, newName: string): { range: Range; newText: string }[] {
  return referencesOf(symbol, true).map((range) => ({ range, newText: newName }));
}
