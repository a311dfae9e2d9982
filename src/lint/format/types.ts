// What every output format receives: the findings of each linted file.
import type { Finding, Severity } from '../rule';

export interface FileResult {
  /** The path as given on the command line ('-' for stdin). */
  file: string;
  findings: Finding[];
}

/** A finding in the CLI's JSON contract: 1-based lines and columns; the end is the column just past the token (exclusive), as in SARIF. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: Severity;
  code: string;
  message: string;
  /** The BuildKit check that reported the same problem at the same place (rule set both); absent when none did. */
  alsoCodes?: string[];
}

export function toJsonFinding(file: string, finding: Finding): JsonFinding {
  return {
    file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    level: finding.severity,
    code: finding.code,
    message: finding.message,
    ...(finding.alsoCodes?.length ? { alsoCodes: finding.alsoCodes } : {}),
  };
}
