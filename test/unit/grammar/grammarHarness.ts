// Loads syntaxes/dockerfile.tmLanguage.json into vscode-textmate with the real Oniguruma (WASM)
// and tokenises text the way VS Code does, line by line with the rule stack carried over.
//
// VS Code's own shellscript grammar (scope source.shell) ships with VS Code, not on npm, so the
// embedded scope gets a small stand-in grammar here: enough to prove the include is applied
// (its scopes end in `.stub.shell`), not a test of shell highlighting itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const root = join(__dirname, '..', '..', '..', '..');
export const grammarPath = join(root, 'syntaxes', 'dockerfile.tmLanguage.json');
export const scopeName = 'source.dockerfile.wharf';

const shellStub = {
  scopeName: 'source.shell',
  patterns: [
    { match: '#.*$', name: 'comment.line.number-sign.stub.shell' },
    { match: '&&|\\|\\||;', name: 'keyword.operator.list.stub.shell' },
    { match: '\\b(?:if|then|else|fi|for|do|done)\\b', name: 'keyword.control.stub.shell' },
    { match: '\\$\\w+', name: 'variable.other.stub.shell' },
    { begin: '"', end: '"', name: 'string.quoted.double.stub.shell' },
  ],
};

let loaded: Promise<IGrammar> | undefined;

export function loadGrammar(): Promise<IGrammar> {
  loaded ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scope: string) => {
        if (scope === scopeName) return parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
        if (scope === 'source.shell') return parseRawGrammar(JSON.stringify(shellStub), 'shell-stub.json');
        return null;
      },
    });
    const grammar = await registry.loadGrammar(scopeName);
    if (!grammar) throw new Error('grammar did not load');
    return grammar;
  })();
  return loaded;
}

export interface Token { line: number; text: string; scopes: string[] }

/** Every token of the text, 1-based line numbers. */
export async function tokenize(text: string): Promise<Token[]> {
  const grammar = await loadGrammar();
  const tokens: Token[] = [];
  let stack = INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      const piece = line.slice(token.startIndex, token.endIndex);
      if (piece !== '') tokens.push({ line: index + 1, text: piece, scopes: token.scopes });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

/** The scopes of the first token on `line` whose text is exactly `text` (fails when absent). */
export function scopesOf(tokens: Token[], line: number, text: string): string[] {
  const token = tokens.find((t) => t.line === line && t.text === text);
  if (!token) {
    const onLine = tokens.filter((t) => t.line === line).map((t) => JSON.stringify(t.text)).join(' ');
    throw new Error(`no token ${JSON.stringify(text)} on line ${line}; tokens: ${onLine}`);
  }
  return token.scopes;
}
