// The contract every lint rule implements. Rules are pure: they read the parsed Dockerfile and
// report findings; configuration (ignores, severity overrides, pragmas) is applied afterwards by
// lint.ts, never inside a rule.
import type { Dockerfile } from 'dockerfile-ast';

export type Severity = 'error' | 'warning' | 'info' | 'style';

/** Zero-based, end-exclusive position like LSP/dockerfile-ast (`character` counts UTF-16 units). */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface TextEdit { range: Range; newText: string }
/** A mechanical fix: applying all edits (non-overlapping) yields the corrected text. */
export interface Fix { title: string; edits: TextEdit[] }

export type RuleSource = 'hadolint' | 'buildkit' | 'builder' | 'shellcheck';

export interface RuleMeta {
  /** hadolint code (DL3006), BuildKit check name (StageNameCasing) or builder code. */
  code: string;
  severity: Severity;
  source: RuleSource;
  /** One line, used as the default message and in docs. */
  description: string;
  /**
   * false for rules hadolint ships with the default severity "ignore" (DL3057): they report only
   * when the configuration gives them a level (`override`). Absent means on.
   */
  enabledByDefault?: boolean;
  /**
   * The rule's findings for an instruction depend only on that instruction's own text (with its
   * ONBUILD trigger), the escape character and the settings — never on other instructions. The
   * incremental lint then runs it only on instructions that changed since the previous call and
   * reuses its earlier findings for the rest (lint.ts).
   */
  perInstruction?: boolean;
  /**
   * For a per-instruction rule whose findings on an instruction also depend on the instructions
   * of these keywords (upper case; an ONBUILD counts as `ONBUILD`): DL3033 reads the ARG and ENV
   * that may define a version variable and the FROM that starts a stage. The rule is given them
   * beside the changed instructions, and a change to any of them runs it on every instruction
   * again. Its findings on those instructions must follow the same rule (depend only on them).
   */
  context?: readonly string[];
  /**
   * For a whole-document rule that looks only at the instructions of these keywords (upper case;
   * an ONBUILD counts as `ONBUILD`, whatever its trigger): every instruction it reads by any
   * means, including the ARGs a FROM's image name is resolved with. The rule is given a document
   * whose getInstructions() holds only those (the other Dockerfile methods see the whole
   * document), and the incremental lint reuses its findings for as long as they are unchanged.
   */
  reads?: readonly string[];
}

export interface LintSettings {
  /** hadolint `trustedRegistries`: when non-empty, DL3026 reports FROM images from other registries. */
  trustedRegistries: string[];
  /** hadolint `label-schema`: label name → type (text, url, semver, hash, rfc3339, spdx, email). */
  labelSchema: Record<string, string>;
  /** hadolint `strict-labels`: labels not in the schema are reported. */
  strictLabels: boolean;
  /** Lines of the .dockerignore that applies to this Dockerfile's build (src/workspace/buildContext.ts), when known (CopyIgnoredFile). */
  dockerignore?: string[];
}

export interface ReportInput {
  range: Range;
  /** Overrides meta.description when the message needs specifics. */
  message?: string;
  fixes?: Fix[];
}

export interface RuleContext {
  readonly text: string;
  readonly dockerfile: Dockerfile;
  readonly settings: LintSettings;
  report(finding: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export interface Finding {
  code: string;
  severity: Severity;
  source: RuleSource;
  message: string;
  range: Range;
  fixes: Fix[];
  /**
   * Codes of other rules that reported the same problem at the same place and were folded into
   * this finding (overlaps.ts): the BuildKit twin of a hadolint rule.
   */
  alsoCodes?: string[];
}

/**
 * Which family of checks runs: both (their shared problems reported once), hadolint's rules with
 * ShellCheck, or BuildKit's checks. The builder's own errors run in every set.
 */
export type RuleSet = 'both' | 'hadolint' | 'buildkit';
export const ruleSets: readonly RuleSet[] = ['both', 'hadolint', 'buildkit'];

export const defaultSettings: LintSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };
