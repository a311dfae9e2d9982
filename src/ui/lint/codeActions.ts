// Quick fixes for lint diagnostics: every fix a finding carries (the preferred one first), then
// "ignore on this line" and "ignore in this file" written as pragmas the linter and, for BuildKit
// checks, `docker build` itself understand.
import * as vscode from 'vscode';
import { allRules } from '../../lint/rules/index';
import type { RuleSource } from '../../lint/rule';
import type { LintDiagnostics } from './lintDiagnostics';
import { TOO_LARGE_CODE } from './lintDiagnostics';
import { ignoreInFileEdit, ignoreOnLineEdit, skipCheckEdit, type PragmaEdit } from '../../lint/pragmaEdits';

const sourceOf = new Map<string, RuleSource>(allRules.map((rule) => [rule.meta.code, rule.meta.source]));

/** Where a diagnostic code comes from; undefined for codes that are not rules (internal errors). */
export function ruleSource(code: string): RuleSource | undefined {
  if (/^SC\d+$/.test(code)) return 'shellcheck';
  return sourceOf.get(code);
}

export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lint: LintDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter((d) => d.source === 'wharf' || d.source === 'shellcheck');
    if (ours.length === 0) return [];
    const config = this.lint.configFor(document);
    // Fixes are offered only from findings of this very version: older ranges could be off.
    const entries = this.lint.entriesFor(document);
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const text = document.getText();
    // Keyed by the edits: a merged finding already carries one fix per distinct edit, and two
    // diagnostics with the same fix (a hadolint-only rule set off) still give one action.
    const fixes = new Map<string, vscode.CodeAction>();
    const ignores = new Map<string, vscode.CodeAction>();
    for (const diagnostic of ours) {
      const code = codeOf(diagnostic);
      if (!code || code === TOO_LARGE_CODE) continue;
      const entry = entries?.find((e) => e.finding.code === code && e.diagnostic.range.isEqual(diagnostic.range) && e.diagnostic.message === diagnostic.message);
      entry?.finding.fixes.forEach((fix, index) => {
        if (fix.edits.length === 0) return;
        const key = JSON.stringify(fix.edits);
        const same = fixes.get(key);
        if (same) { same.diagnostics?.push(diagnostic); return; }
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          const { start, end } = edit.range;
          action.edit.replace(document.uri, new vscode.Range(start.line, start.character, end.line, end.character), edit.newText);
        }
        action.diagnostics = [diagnostic];
        // The rule's own mechanical fix is what Ctrl+. applies first.
        action.isPreferred = index === 0;
        fixes.set(key, action);
      });

      const source = ruleSource(code);
      // What the builder rejects cannot be waved away: the build would still fail.
      if (!source || source === 'builder') continue;
      // A problem hadolint and BuildKit both report is one diagnostic: ignoring it names both
      // codes in one hadolint pragma (the linter honours it for either).
      const also = entry?.finding.alsoCodes ?? [];
      if (also.length > 0) {
        const both = [code, ...also].join(',');
        const label = [code, ...also].join(', ');
        if (!config.disableIgnorePragma) {
          const line = ignoreOnLineEdit(text, diagnostic.range.start.line, both, eol);
          if (line) addIgnore(ignores, `line:${both}:${line.line}`, vscode.l10n.t('Ignore {0} on this line', label), document, line, diagnostic);
          const file = ignoreInFileEdit(text, both, eol);
          if (file) addIgnore(ignores, `file:${both}`, vscode.l10n.t('Ignore {0} in this file', label), document, file, diagnostic);
        }
        continue;
      }
      if (!config.disableIgnorePragma) {
        const edit = ignoreOnLineEdit(text, diagnostic.range.start.line, code, eol);
        if (edit) addIgnore(ignores, `line:${code}:${edit.line}`, vscode.l10n.t('Ignore {0} on this line', code), document, edit, diagnostic);
      }
      if (source === 'buildkit') {
        const edit = skipCheckEdit(text, code, eol);
        if (edit) addIgnore(ignores, `file:${code}`, vscode.l10n.t('Ignore {0} in this file (# check=skip)', code), document, edit, diagnostic);
      } else if (!config.disableIgnorePragma) {
        const edit = ignoreInFileEdit(text, code, eol);
        if (edit) addIgnore(ignores, `file:${code}`, vscode.l10n.t('Ignore {0} in this file', code), document, edit, diagnostic);
      }
    }
    return [...fixes.values(), ...ignores.values()];
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

/** One ignore action per pragma, listing every diagnostic it silences. */
function addIgnore(into: Map<string, vscode.CodeAction>, key: string, title: string, document: vscode.TextDocument, edit: PragmaEdit, diagnostic: vscode.Diagnostic): void {
  const existing = into.get(key);
  if (existing) { existing.diagnostics?.push(diagnostic); return; }
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  const start = new vscode.Position(edit.line, edit.character);
  action.edit.replace(document.uri, new vscode.Range(start, start.translate(0, edit.deleteCount)), edit.text);
  action.diagnostics = [diagnostic];
  into.set(key, action);
}
