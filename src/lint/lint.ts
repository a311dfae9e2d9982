// lint(text) → Finding[]: every rule that needs no I/O, run over one parse of the text. Never
// throws: a rule that fails is reported as an internal finding instead of taking the whole lint
// down. Configuration (the .hadolint.yaml, editor settings and the pragmas written in the file) is
// applied here, after every rule ran, never inside a rule; then a hadolint rule and the BuildKit
// check reporting the same problem at the same place become one finding (overlaps.ts).
// pipeline.ts is the entry the CLI and the editor call: it finds the configuration and the
// .dockerignore and adds ShellCheck between analyze() and finish().
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { allRules } from './rules/index';
import { defaultSettings, type Finding, type LintSettings, type ReportInput, type Rule, type RuleContext, type RuleSet, type RuleSource, type Severity } from './rule';
import { experimentalChecks, ignoredAt, readPragmas, type Pragmas } from './pragmas';
import type { ResolvedConfig, SeverityOverride } from './config';
import { mergeOverlaps } from './overlaps';
import { ParseCache, parseIncrementally, parseWhole } from './syntax/parse';

export interface LintOptions {
  settings?: Partial<LintSettings>;
  /** Restrict to these rules (tests, benchmarks). Defaults to every rule. */
  rules?: readonly Rule[];
  /** Which family of checks runs (default both, their shared problems reported once). */
  ruleSet?: RuleSet;
  /** Ignores and severity overrides from .hadolint.yaml / settings / CLI flags (see config.ts). */
  config?: Partial<Pick<ResolvedConfig, 'ignored' | 'override' | 'disableIgnorePragma'>>;
  /**
   * The document's incremental state: the parse and per-instruction findings of unchanged
   * instructions are reused from the previous lint with the same state. Absent: a cold lint.
   */
  state?: LintState;
  /**
   * false parses the whole text afresh with dockerfile-ast alone, the reference the incremental
   * parser is tested against.
   */
  incremental?: boolean;
}

/**
 * What one document's previous lint left for the next: the parsed chunks, the findings of the
 * per-instruction rules by instruction and those of the rules that read some keywords only. The
 * caller holds one per document (never shared by two: their lints would evict each other's
 * entries).
 */
export class LintState {
  readonly parseCache = new ParseCache();
  /**
   * Findings of the per-instruction rules, by the keywords of their context (RuleMeta.context,
   * '' for none) and instruction instance (see RuleMeta.perInstruction).
   */
  // A WeakMap, not a slot (slot.ts): the state lives as long as the document and reads every
  // instruction's entry on every lint, where a symbol property on instructions of a dozen classes
  // is a megamorphic load (re-lint of the 1,000-line file measured 5.0-5.5 ms that way, 4.7-5.0 ms so).
  readonly findingsOfInstruction = new Map<string, WeakMap<Instruction, StoredFindings>>();
  /** Findings of the rules that read some keywords only (RuleMeta.reads), by rule code. */
  readonly findingsOfRule = new Map<string, { key: string; findings: Finding[] }>();
  /** Each keyword's instructions at the previous lint, and the version of that list. */
  private readonly keywords = new Map<string, { instructions: Instruction[]; version: number }>();
  private versions = 0;

  /**
   * Notes the instructions of each keyword and returns the version of each keyword's list: it
   * changes whenever an instruction of that keyword is added, removed or re-parsed. An unchanged
   * instance is one whose text and place are unchanged (syntax/parse.ts), so equal versions mean
   * equal instructions in the same order and at the same lines.
   */
  versionsOf(index: KeywordIndex): (keyword: string) => number {
    for (const [keyword, known] of this.keywords) {
      if (!index.has(keyword)) { this.keywords.delete(keyword); continue; }
      const now = index.get(keyword)!;
      if (now.length !== known.instructions.length || now.some((instruction, i) => instruction !== known.instructions[i])) {
        known.instructions = now;
        known.version = ++this.versions;
      }
    }
    for (const [keyword, instructions] of index) {
      if (!this.keywords.has(keyword)) this.keywords.set(keyword, { instructions, version: ++this.versions });
    }
    return (keyword) => this.keywords.get(keyword)?.version ?? 0;
  }
}

/**
 * What the lint loop reads of a rule, read once into one shape. The loop reads it for every rule
 * on every lint, and rules' metas come in dozens of shapes: each read was a megamorphic property
 * load, a good part of what a lint of a short file cost beside its rules.
 */
interface RulePlan {
  rule: Rule;
  code: string;
  severity: Severity;
  source: RuleSource;
  description: string;
  perInstruction: boolean;
  /** RuleMeta.reads of a whole-document rule (undefined for a per-instruction one). */
  reads: readonly string[] | undefined;
  /** reads as keyword bits (see maskOf); 0 without reads. */
  readsMask: number;
  /** The keywords of a per-instruction rule's context as one name ('' for none). */
  contextKey: string;
  offByDefault: boolean;
}

const plans = new Map<Rule, RulePlan>();
function planOf(rule: Rule): RulePlan {
  let plan = plans.get(rule);
  if (!plan) {
    const { meta } = rule;
    plan = {
      rule,
      code: meta.code,
      severity: meta.severity,
      source: meta.source,
      description: meta.description,
      perInstruction: meta.perInstruction === true,
      reads: meta.perInstruction ? undefined : meta.reads,
      readsMask: meta.perInstruction || !meta.reads ? 0 : maskOf(meta.reads),
      contextKey: [...(meta.context ?? [])].sort().join(','),
      offByDefault: meta.enabledByDefault === false,
    };
    plans.set(rule, plan);
  }
  return plan;
}

/**
 * The rules a lint runs: those of the rule set; hadolint's "ignore"-level rules (meta.enabledByDefault
 * false) only when asked for by name (options.rules) or given a level by the configuration. The
 * selection of all rules is kept by rule set and those levels.
 */
function selectedPlans(options: LintOptions): RulePlan[] {
  const sources = sourcesOf[options.ruleSet ?? 'both'];
  const override = options.config?.override;
  const levelGiven = (plan: RulePlan) => { const level = override?.[plan.code]; return level !== undefined && level !== 'off'; };
  const select = (rules: readonly Rule[], byName: boolean) => rules.map(planOf).filter((plan) => sources.has(plan.source) && (byName || !plan.offByDefault || levelGiven(plan)));
  if (options.rules) return select(options.rules, true);
  const key = `${options.ruleSet ?? 'both'}\0${offByDefaultPlans().map((plan) => (levelGiven(plan) ? 1 : 0)).join('')}`;
  let selected = selections.get(key);
  if (!selected) { selected = select(allRules, false); selections.set(key, selected); }
  return selected;
}
const selections = new Map<string, RulePlan[]>();
let offByDefault: RulePlan[] | undefined;
const offByDefaultPlans = () => (offByDefault ??= allRules.map(planOf).filter((plan) => plan.offByDefault));

/** The instructions of each keyword, in document order (an ONBUILD under `ONBUILD`). */
type KeywordIndex = Map<string, Instruction[]>;

function indexByKeyword(dockerfile: Dockerfile): KeywordIndex {
  const index: KeywordIndex = new Map();
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const list = index.get(keyword);
    if (list) list.push(instruction); else index.set(keyword, [instruction]);
  }
  return index;
}

/**
 * Keywords that some rule reads (RuleMeta.reads) as bits, so that "does the document have one of
 * the keywords this rule reads" is one AND per rule: the Dockerfile keywords are few (an unknown
 * one, which no rule reads, has no bit).
 */
const keywordBits = new Map<string, number>();
function maskOf(keywords: readonly string[]): number {
  let mask = 0;
  for (const keyword of keywords) {
    let bit = keywordBits.get(keyword);
    if (bit === undefined) {
      if (keywordBits.size >= 31) return -1; // past 31 keywords every rule counts as reading one present
      bit = 1 << keywordBits.size;
      keywordBits.set(keyword, bit);
    }
    mask |= bit;
  }
  return mask;
}

/** The read keywords the document's instructions have, as bits (an ONBUILD is `ONBUILD`). */
function keywordMaskOf(dockerfile: Dockerfile): number {
  let mask = 0;
  for (const instruction of dockerfile.getInstructions()) mask |= keywordBits.get(instruction.getKeyword()) ?? 0;
  return mask;
}

/** The instructions of these keywords, in document order: the index's lists merged by line. */
function instructionsOf(index: KeywordIndex, keywords: readonly string[]): Instruction[] {
  const lists = keywords.map((k) => index.get(k)).filter((list): list is Instruction[] => list !== undefined);
  if (lists.length <= 1) return lists[0]?.slice() ?? [];
  const merged: Instruction[] = [];
  const next = lists.map(() => 0);
  for (;;) {
    let pick = -1;
    let first: { line: number; character: number } | undefined;
    for (let k = 0; k < lists.length; k++) {
      const head = lists[k][next[k]];
      if (!head) continue;
      const start = head.getRange().start;
      if (!first || start.line < first.line || (start.line === first.line && start.character < first.character)) { first = start; pick = k; }
    }
    if (pick < 0) return merged;
    merged.push(lists[pick][next[pick]++]);
  }
}

/** The document as a rule that reads only `instructions` is given it. */
function viewWith(dockerfile: Dockerfile, instructions: Instruction[]): Dockerfile {
  return Object.create(dockerfile, { getInstructions: { value: () => instructions.slice() } }) as Dockerfile;
}

/**
 * The most text lint reads (UTF-16 units). Real Dockerfiles are a few KB; past this the linter
 * would hold the editor for seconds (rules that relate stages and build arguments grow faster
 * than the text), so the rest is left unlinted and a WharfTooLarge finding says where.
 */
export const maxLintLength = 512 * 1024;

const loneCarriageReturn = /\r(?!\n)/;

/** Code of the finding that marks where linting stopped in an oversized file. */
export const tooLargeCode = 'WharfTooLarge';

/** A lint before configuration: the one parse, the pragmas and every rule's own findings. */
export interface Analysis {
  /** The text the rules saw: without a byte-order mark, lone CRs as LF, cut at maxLintLength. */
  text: string;
  /** Undefined when the parser failed (an internal finding says so). */
  dockerfile?: Dockerfile;
  pragmas?: Pragmas;
  findings: Finding[];
  /** The text began with a byte-order mark: line 0's columns move one to the right. */
  bom: boolean;
  /** Findings about the text as given (where linting stopped), added last. */
  trailing: Finding[];
}

export function lint(text: string, options: LintOptions = {}): Finding[] {
  try {
    return finish(analyze(text, options), options);
  } catch (error) {
    return [internalFinding('lint', error)];
  }
}

/** Parses once and runs every rule of the rule set; nothing is configured or merged yet. */
export function analyze(text: string, options: LintOptions = {}): Analysis {
  const trailing: Finding[] = [];
  if (text.length > maxLintLength) {
    const lastBreak = text.lastIndexOf('\n', maxLintLength - 1);
    const cut = lastBreak > 0 ? lastBreak + 1 : maxLintLength;
    trailing.push({
      code: tooLargeCode,
      severity: 'info',
      source: 'builder',
      message: `Not linted past this point: the file is ${Math.round(text.length / 1024)} KB and the linter reads at most ${maxLintLength / 1024} KB`,
      range: { start: positionOf(text, cut), end: positionOf(text, text.length) },
      fixes: [],
    });
    text = text.slice(0, cut);
  }
  // Editors count a lone CR as a line break, the rules' line indexes count LF: make them agree.
  // One character for another keeps every offset and every (line, character) position.
  // Most texts hold no CR at all: a character search settles it before any pattern runs.
  if (text.includes('\r') && loneCarriageReturn.test(text)) text = text.replace(/\r(?!\n)/g, '\n');
  // A byte-order mark is not part of the first instruction; lint without it and put the
  // column back (finish) so ranges still match the document as written.
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  // Named, not spread: the two shapes analyzeText returns made the spread a slow, generic copy.
  const { dockerfile, pragmas, findings } = analyzeText(text, options);
  return { text, dockerfile, pragmas, findings, bom, trailing };
}

/**
 * Configures the findings of an analysis and of the rules run beside it (ShellCheck), folds the
 * overlapping pairs and sorts them by position.
 */
export function finish(analysis: Analysis, options: LintOptions = {}, extra: readonly Finding[] = []): Finding[] {
  const configured = mergeOverlaps(applyConfiguration([...analysis.findings, ...extra], analysis.pragmas, options.config ?? {}));
  const placed = analysis.bom ? configured.map(shiftFirstLine) : configured;
  placed.sort(byPosition);
  placed.push(...analysis.trailing);
  return placed;
}

/** The position of an offset, counting line breaks as editors do (\n, \r\n and a lone \r). */
function positionOf(text: string, offset: number): Finding['range']['start'] {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) { line++; lineStart = i + 1; }
  }
  return { line, character: offset - lineStart };
}

/** Rule sources each rule set runs; the builder's errors are in all of them. */
const sourcesOf: Record<RuleSet, ReadonlySet<string>> = {
  both: new Set(['hadolint', 'buildkit', 'builder', 'shellcheck']),
  hadolint: new Set(['hadolint', 'builder', 'shellcheck']),
  buildkit: new Set(['buildkit', 'builder']),
};

/** Does this rule set include rules of this source (pipeline.ts asks it for ShellCheck)? */
export function ruleSetIncludes(ruleSet: RuleSet | undefined, source: Rule['meta']['source']): boolean {
  return sourcesOf[ruleSet ?? 'both'].has(source);
}

function analyzeText(text: string, options: LintOptions): Pick<Analysis, 'dockerfile' | 'pragmas' | 'findings'> {
  const settings: LintSettings = { ...defaultSettings, ...options.settings };
  const findings: Finding[] = [];
  let dockerfile;
  try {
    dockerfile = options.incremental === false ? DockerfileParser.parse(text) : options.state ? parseIncrementally(text, options.state.parseCache) : parseWhole(text);
  } catch (error) {
    return { findings: [internalFinding('parse', error)] };
  }
  const rules = selectedPlans(options);
  const incremental = options.state && options.incremental !== false ? options.state : undefined;
  // Reading by keyword serves the incremental lint, where a rule runs again only when its
  // instructions changed; a lint without state (and the reference, incremental: false) gives
  // every rule the whole document, which costs less than building the views.
  const index = incremental ? indexByKeyword(dockerfile) : undefined;
  const settingsKey = incremental ? JSON.stringify(settings) : '';
  const versionOf = incremental && index ? incremental.versionsOf(index) : undefined;
  const versionsKey = (keywords: readonly string[]) => (versionOf ? keywords.map(versionOf).join(',') : '');
  // Per-instruction rules run only on instructions the incremental parse did not reuse (and those
  // of their context); the others keep the findings they had (same instance = same text at the
  // same place). One store per context: a change in it re-runs only the rules that read it.
  const groups = new Map<string, ReturnType<typeof reusableFindings>>();
  if (incremental && index) {
    const byContext = new Map<string, RulePlan[]>();
    for (const plan of rules) {
      if (!plan.perInstruction) continue;
      const list = byContext.get(plan.contextKey);
      if (list) list.push(plan); else byContext.set(plan.contextKey, [plan]);
    }
    for (const [context, members] of byContext) {
      let store = incremental.findingsOfInstruction.get(context);
      if (!store) { store = new WeakMap(); incremental.findingsOfInstruction.set(context, store); }
      const keywords = context === '' ? [] : context.split(',');
      const key = `${members.map((plan) => plan.code).join(',')}\0${settingsKey}\0${versionsKey(keywords)}`;
      groups.set(context, reusableFindings(store, dockerfile, key, instructionsOf(index, keywords)));
    }
  }
  // A lint without state skips the rules that read some keywords only when the document has
  // none of them: given no instruction, such a rule has nothing to report (RuleMeta.reads), as
  // the incremental lint, which gives it a view of exactly those, relies on too. The reference
  // (incremental: false) runs every rule.
  const present = !options.state && options.incremental !== false ? keywordMaskOf(dockerfile) : undefined;
  const run = new RuleRun(text, dockerfile, settings);
  const views = new Map<string, Dockerfile>();
  const viewReading = (keywords: readonly string[]): Dockerfile => {
    const name = keywords.join(',');
    let view = views.get(name);
    if (!view) { view = viewWith(dockerfile, instructionsOf(index!, keywords)); views.set(name, view); }
    return view;
  };
  for (const plan of rules) {
    const local = plan.perInstruction && incremental ? groups.get(plan.contextKey) : undefined;
    if (present !== undefined && plan.readsMask !== 0 && (plan.readsMask & present) === 0) continue;
    const reads = index ? plan.reads : undefined;
    const readsKey = reads && incremental ? `${settingsKey}\0${versionsKey(reads)}` : undefined;
    if (readsKey !== undefined) {
      const stored = incremental!.findingsOfRule.get(plan.code);
      // Copies, so that nothing done to a returned finding reaches the store.
      if (stored?.key === readsKey) { for (const finding of stored.findings) findings.push({ ...finding }); continue; }
    }
    // A lint without state files the findings straight away; the incremental one sorts them first.
    const reported: Finding[] = local || readsKey !== undefined ? [] : findings;
    try {
      run.check(plan, local ? local.view : reads ? viewReading(reads) : dockerfile, reported);
    } catch (error) {
      local?.spoil();
      if (readsKey !== undefined) incremental!.findingsOfRule.delete(plan.code);
      findings.push(internalFinding(plan.code, error));
      if (reported !== findings) findings.push(...reported);
      continue;
    }
    if (local) {
      findings.push(...local.settle(plan.code, reported));
    } else if (readsKey !== undefined) {
      incremental!.findingsOfRule.set(plan.code, { key: readsKey, findings: reported });
      for (const finding of reported) findings.push({ ...finding });
    }
  }
  for (const group of groups.values()) group.commit();
  let pragmas: Pragmas | undefined;
  try {
    pragmas = readPragmas(text, dockerfile);
  } catch (error) {
    findings.push(internalFinding('pragmas', error));
  }
  return { dockerfile, pragmas, findings };
}

/**
 * The context every rule of one lint is given, one object for them all (a context and a report
 * closure per rule and lint was a hundred allocations per lint): check() points it at the rule
 * running, its document and where its findings go. Rules read it only while they run.
 */
class RuleRun implements RuleContext {
  private plan: RulePlan | undefined;
  private reported: Finding[] = [];
  constructor(readonly text: string, public dockerfile: Dockerfile, readonly settings: LintSettings) {}

  readonly report = (input: ReportInput): void => {
    const plan = this.plan!;
    this.reported.push({
      code: plan.code,
      severity: plan.severity,
      source: plan.source,
      message: input.message ?? plan.description,
      range: input.range,
      fixes: input.fixes ?? [],
    });
  };

  /** Runs one rule on `dockerfile`, its findings into `reported`. */
  check(plan: RulePlan, dockerfile: Dockerfile, reported: Finding[]): void {
    this.plan = plan;
    this.dockerfile = dockerfile;
    this.reported = reported;
    plan.rule.check(this);
  }
}

/** `key` names the rules, the settings and the context the findings were computed with. */
interface StoredFindings { key: string; byRule: Map<string, Finding[]> }

/**
 * The instructions whose per-instruction findings must be computed, as a view of the document
 * with only those and the instructions of the rules' context (`context`, all of them, in
 * document order), and the bookkeeping that hands out stored findings for the rest.
 */
function reusableFindings(store: WeakMap<Instruction, StoredFindings>, dockerfile: Dockerfile, key: string, context: Instruction[]) {
  const instructions = dockerfile.getInstructions();
  const fresh: Instruction[] = [];
  const kept: Instruction[] = [];
  for (const instruction of instructions) (store.get(instruction)?.key === key ? kept : fresh).push(instruction);
  // What the rules see: the fresh instructions and the context, in document order.
  const shown = new Set([...fresh, ...context]);
  const seen = context.length === 0 ? fresh : instructions.filter((i) => shown.has(i));
  const view: Dockerfile = Object.create(dockerfile, { getInstructions: { value: () => seen.slice() } });
  const byInstruction = new Map<Instruction, Map<string, Finding[]>>(fresh.map((i) => [i, new Map()]));
  let spoiled = false;
  // The instruction a finding belongs to: the one whose lines hold the finding's start.
  const ownerOf = (finding: Finding): Instruction | undefined => {
    const line = finding.range.start.line;
    let lo = 0;
    let hi = seen.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (seen[mid].getRange().start.line <= line) lo = mid; else hi = mid - 1;
    }
    const candidate = seen[lo];
    return candidate && candidate.getRange().start.line <= line && line <= candidate.getRange().end.line ? candidate : undefined;
  };
  // The stored findings of the kept instructions, gathered once per rule code.
  const keptByRule = new Map<string, Finding[]>();
  for (const instruction of kept) {
    for (const [code, list] of store.get(instruction)?.byRule ?? []) {
      const all = keptByRule.get(code);
      if (all) all.push(...list); else keptByRule.set(code, list.slice());
    }
  }
  return {
    view,
    /**
     * Files the rule's new findings under their instructions and returns them with the kept
     * instructions' stored ones. A finding on a kept context instruction is the stored one again.
     */
    settle(code: string, reported: Finding[]): Finding[] {
      const result: Finding[] = [];
      for (const finding of reported) {
        const owner = ownerOf(finding);
        // A finding outside every instruction cannot be kept: compute everything next time.
        if (!owner) { spoiled = true; result.push(finding); continue; }
        const byRule = byInstruction.get(owner);
        if (!byRule) continue;
        const list = byRule.get(code);
        if (list) list.push(finding); else byRule.set(code, [finding]);
        result.push({ ...finding });
      }
      // Copies, so that nothing done to a returned finding reaches the store.
      for (const finding of keptByRule.get(code) ?? []) result.push({ ...finding });
      return result;
    },
    spoil(): void { spoiled = true; },
    commit(): void {
      if (spoiled) {
        for (const instruction of instructions) store.delete(instruction);
        return;
      }
      for (const [instruction, byRule] of byInstruction) store.set(instruction, { key, byRule });
    },
  };
}

/**
 * Drops ignored findings and remaps severities: `# check=error=true` first (BuildKit warnings
 * become errors), then the configured override, which has the last word ('off' drops it).
 */
export function applyConfiguration(findings: readonly Finding[], pragmas: Pragmas | undefined, config: LintOptions['config'] & object): Finding[] {
  const ignored = new Set(config.ignored ?? []);
  const override: Record<string, SeverityOverride> = config.override ?? {};
  const result: Finding[] = [];
  for (const finding of findings) {
    if (finding.code === 'WharfInternal') { result.push(finding); continue; }
    if (ignored.has(finding.code)) continue;
    let severity: Severity = finding.severity;
    if (pragmas) {
      if (!config.disableIgnorePragma && ignoredAt(pragmas, finding.code, finding.range.start.line)) continue;
      if (finding.source === 'buildkit') {
        const skipped = pragmas.checkSkip === 'all' || pragmas.checkSkip.has(finding.code);
        if (skipped && !experimentalChecks.has(finding.code)) continue;
        if (pragmas.checkError && severity === 'warning') severity = 'error';
      }
    }
    const level = override[finding.code];
    if (level === 'off') continue;
    if (level) severity = level;
    result.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return result;
}

export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

function shiftFirstLine(finding: Finding): Finding {
  const shift = <P extends { line: number; character: number }>(p: P): P => (p.line === 0 ? { ...p, character: p.character + 1 } : p);
  const shiftRange = (r: Finding['range']) => ({ start: shift(r.start), end: shift(r.end) });
  return {
    ...finding,
    range: shiftRange(finding.range),
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range) })) })),
  };
}

export function internalFinding(where: string, error: unknown): Finding {
  return {
    code: 'WharfInternal',
    severity: 'error',
    source: 'builder',
    message: `Internal linter error in ${where}: ${error instanceof Error ? error.message : String(error)}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}
