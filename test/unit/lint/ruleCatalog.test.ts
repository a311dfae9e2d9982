// The repository check ESLint has: every rule module has a spec and a docs page, its file is
// named by its code, and the generated index lists exactly the files in src/lint/rules.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../../../src/lint/rules/index';

const root = resolve(__dirname, '../../../..');
const ruleFiles = readdirSync(join(root, 'src/lint/rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();

describe('lint rule catalogue', () => {
  it('src/lint/rules/index.ts is what scripts/gen-rule-index.mjs renders', async () => {
    // A runtime import keeps TypeScript from rewriting it into require() of an ES module.
    const load = new Function('url', 'return import(url)') as (url: string) => Promise<{ renderRuleIndex(): string }>;
    const { renderRuleIndex } = await load(pathToFileURL(join(root, 'scripts/gen-rule-index.mjs')).href);
    assert.equal(readFileSync(join(root, 'src/lint/rules/index.ts'), 'utf8'), renderRuleIndex(), 'run node scripts/gen-rule-index.mjs');
  });

  it('every rule file is named by its code, and codes are unique', () => {
    assert.deepEqual(allRules.map((r) => r.meta.code).sort(), ruleFiles);
  });

  for (const code of ruleFiles) {
    it(`${code} has a spec and a docs page`, () => {
      const missing = [`test/unit/lint/rules/${code}.test.ts`, `docs/rules/${code}.md`].filter((p) => !existsSync(join(root, p)));
      assert.deepEqual(missing, []);
    });
  }

  it('every docs page has a title naming its code and a bad and a good example', () => {
    const pages = readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md'));
    const thin = pages.filter((page) => {
      const text = readFileSync(join(root, 'docs/rules', page), 'utf8');
      return !text.startsWith(`# ${page.slice(0, -3)}`) || (text.match(/```/g) ?? []).length < 4;
    });
    assert.deepEqual(thin, []);
  });

  it('every docs page states the severity its rule reports', () => {
    const wrong = allRules.flatMap((rule) => {
      const text = readFileSync(join(root, 'docs/rules', `${rule.meta.code}.md`), 'utf8');
      const stated = /\*\*Severity:\*\* ([a-z]+)|default severity: ([a-z]+)/.exec(text);
      const severity = stated?.[1] ?? stated?.[2];
      return severity === rule.meta.severity ? [] : [`${rule.meta.code}: docs say ${severity ?? 'nothing'}, rule reports ${rule.meta.severity}`];
    });
    assert.deepEqual(wrong, []);
  });
});
