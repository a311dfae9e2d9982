// Applies fixes' text edits to a document; overlapping edits after the first are dropped so that
// applying several fixes at once stays well defined.
import type { Fix, Position, TextEdit } from './rule';

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const lineStarts = computeLineStarts(text);
  const offset = (p: Position) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const edits = fixes.flatMap((f) => f.edits)
    .map((e: TextEdit) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    if (edit.from < cursor) continue;
    out += text.slice(cursor, edit.from) + edit.text;
    cursor = edit.to;
  }
  return out + text.slice(cursor);
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
