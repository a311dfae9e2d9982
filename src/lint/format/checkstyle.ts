// --format checkstyle: Checkstyle XML, read by Jenkins' warnings plugin and many CI dashboards.
import type { Severity } from '../rule';
import { toJsonFinding, type FileResult } from './types';

const checkstyleSeverity: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

export function escapeXml(text: string): string {
  return text
    // Characters XML 1.0 cannot carry at all are dropped rather than producing an invalid file.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\v\f\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function formatCheckstyle(results: readonly FileResult[]): string {
  const out = ["<?xml version='1.0' encoding='UTF-8'?>", "<checkstyle version='4.3'>"];
  for (const result of results) {
    out.push(`<file name='${escapeXml(result.file)}'>`);
    for (const finding of result.findings) {
      const f = toJsonFinding(result.file, finding);
      out.push(`<error line='${f.line}' column='${f.column}' severity='${checkstyleSeverity[f.level]}' message='${escapeXml(f.message)}' source='${escapeXml(f.code)}'/>`);
    }
    out.push('</file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
