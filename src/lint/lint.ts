// lint(text) → Finding[]. Never throws: a rule that fails is reported as an internal finding
// instead of taking the whole lint down.
import { DockerfileParser } from 'dockerfile-ast';
import { allRules } from './rules/index';
import { defaultSettings, type Finding, type LintSettings, type Rule } from './rule';

export interface LintOptions {
  settings?: Partial<LintSettings>;
  /** Restrict to these rules (tests, benchmarks). Defaults to every rule. */
  rules?: readonly Rule[];
}

export function lint(text: string, options: LintOptions = {}): Finding[] {
  const settings: LintSettings = { ...defaultSettings, ...options.settings };
  const findings: Finding[] = [];
  let dockerfile;
  try {
    dockerfile = DockerfileParser.parse(text);
  } catch (error) {
    return [internalFinding('parse', error)];
  }
  for (const rule of options.rules ?? allRules) {
    try {
      rule.check({
        text,
        dockerfile,
        settings,
        report: (input) =>
          findings.push({
            code: rule.meta.code,
            severity: rule.meta.severity,
            source: rule.meta.source,
            message: input.message ?? rule.meta.description,
            range: input.range,
            fixes: input.fixes ?? [],
          }),
      });
    } catch (error) {
      findings.push(internalFinding(rule.meta.code, error));
    }
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return findings;
}

function internalFinding(where: string, error: unknown): Finding {
  return {
    code: 'WharfInternal',
    severity: 'error',
    source: 'builder',
    message: `Internal linter error in ${where}: ${error instanceof Error ? error.message : String(error)}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}
