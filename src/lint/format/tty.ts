// --format tty: one line per finding, `file:line:column level code message`, coloured by level
// when the output is a terminal.
import type { Severity } from '../rule';
import { toJsonFinding, type FileResult } from './types';

const colors: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', style: '\x1b[90m' };

export function formatTty(results: readonly FileResult[], color: boolean): string {
  const paint = (level: Severity, text: string) => (color ? `${colors[level]}${text}\x1b[0m` : text);
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      const f = toJsonFinding(result.file, finding);
      const also = f.alsoCodes ? ` (also ${f.alsoCodes.join(', ')})` : '';
      lines.push(`${f.file}:${f.line}:${f.column} ${paint(f.level, f.level)} ${color ? `\x1b[1m${f.code}\x1b[0m` : f.code} ${f.message}${also}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
