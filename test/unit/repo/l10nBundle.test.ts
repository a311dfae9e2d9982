// Repo check: every string the code passes to vscode.l10n.t is in l10n/bundle.l10n.json, and the
// bundle carries nothing the code no longer asks for — so a translator's file is never stale.
// The TypeScript parser finds the calls, so escapes and quotes are read exactly as the code means.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function l10nKeys(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(file).replace(/\s/g, '').endsWith('l10n.t')) {
      const [first] = node.arguments;
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) keys.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return keys;
}

describe('l10n bundle', () => {
  const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  const used = new Set(sourceFiles(join(root, 'src', 'ui')).concat(join(root, 'src', 'extension.ts')).flatMap(l10nKeys));

  it('finds the calls it checks', () => {
    assert.ok(used.size > 50, `only ${used.size} vscode.l10n.t strings found: the scan is broken`);
  });

  it('holds every string the code asks for', () => {
    assert.deepEqual([...used].filter((key) => !(key in bundle)), []);
  });

  it('holds no string the code no longer asks for', () => {
    assert.deepEqual(Object.keys(bundle).filter((key) => !used.has(key)), []);
  });
});
