// --format json: one array of findings over all files (the contract CI scripts read).
import { toJsonFinding, type FileResult } from './types';

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(results.flatMap((r) => r.findings.map((f) => toJsonFinding(r.file, f))), null, 2) + '\n';
}
