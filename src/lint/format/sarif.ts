// --format sarif: SARIF 2.1.0, which code-scanning services (GitHub, Azure DevOps) ingest.
// info and style both map to SARIF's `note`.
import type { Rule, Severity } from '../rule';
import { toJsonFinding, type FileResult } from './types';

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };
export const docsBase = 'https://example.invalid/wharf/blob/main/docs/rules/';

export function formatSarif(results: readonly FileResult[], rules: readonly Rule[], version: string): string {
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.code)));
  const byCode = new Map(rules.map((r) => [r.meta.code, r.meta]));
  const ruleIds = [...used].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'wharf-lint',
          version,
          informationUri: 'https://example.invalid/wharf',
          rules: ruleIds.map((id) => {
            const meta = byCode.get(id);
            return {
              id,
              shortDescription: { text: meta?.description ?? id },
              ...(id.startsWith('SC') ? { helpUri: `https://www.shellcheck.net/wiki/${id}` } : { helpUri: `${docsBase}${id}.md` }),
              defaultConfiguration: { level: sarifLevel[meta?.severity ?? 'warning'] },
            };
          }),
        },
      },
      results: results.flatMap((r) => r.findings.map((finding) => {
        const f = toJsonFinding(r.file, finding);
        return {
          ruleId: f.code,
          ruleIndex: ruleIds.indexOf(f.code),
          level: sarifLevel[f.level],
          message: { text: f.message },
          ...(f.alsoCodes ? { properties: { alsoRuleIds: f.alsoCodes } } : {}),
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: r.file === '-' ? 'stdin' : r.file.split('\\').join('/') },
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          }],
        };
      })),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
