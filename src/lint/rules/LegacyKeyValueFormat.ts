// LegacyKeyValueFormat: `ENV key value` (and `LABEL key value`) sets one variable to the rest of
// the line, which is easy to misread and cannot set several; `key=value` is the current form.
import { Env, Label, type Property } from 'dockerfile-ast';
import { textOf } from '../syntax/text';
import type { Fix, Rule } from '../rule';

export const rule: Rule = {
  meta: { code: 'LegacyKeyValueFormat', perInstruction: true, severity: 'warning', source: 'buildkit', description: 'Legacy key/value format with whitespace separator should not be used' },
  check({ dockerfile, text, report }) {
    for (const instruction of dockerfile.getInstructions()) {
      if (!(instruction instanceof Env || instruction instanceof Label)) continue;
      for (const property of instruction.getProperties()) {
        if (property.getAssignmentOperator() !== null || property.getValueRange() === null) continue;
        const keyword = instruction.getKeyword();
        report({
          range: property.getRange(),
          message: `"${keyword} key=value" should be used instead of legacy "${keyword} key value" format`,
          fixes: keyValueFix(property, text),
        });
      }
    }
  },
};

function keyValueFix(property: Property, text: string): Fix[] {
  const valueRange = property.getValueRange();
  if (!valueRange || valueRange.start.line !== valueRange.end.line) return [];
  const raw = textOf(text, valueRange);
  let value: string;
  if (!/\s/.test(raw) || /^"[^"\\]*"$/.test(raw) || /^'[^']*'$/.test(raw)) value = raw;
  else if (!/["'\\]/.test(raw)) value = `"${raw}"`;
  else return [];
  const range = { start: property.getNameRange().end, end: valueRange.end };
  return [{ title: `Use ${property.getName()}=value`, edits: [{ range, newText: '=' + value }] }];
}
