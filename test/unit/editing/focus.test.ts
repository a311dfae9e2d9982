// The focused text (src/editing/focus.ts) must not change what dockerfile-language-service
// answers: for every corpus file, at places on every line, completion, hover and signature help
// computed on the focused text equal those on the whole text. (Never in a FROM tag, where the
// library itself would ask Docker Hub; Wharf's service answers there without it.)
import * as assert from 'node:assert/strict';
import { From } from 'dockerfile-ast';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import type { Position } from 'vscode-languageserver-types';
import { EditingDocument } from '../../../src/editing/document';
import { focusText } from '../../../src/editing/focus';
import { contains } from '../../../src/editing/references';
import { corpusFiles } from '../../../bench/lib/largeDockerfile';

const library = DockerfileLanguageServiceFactory.createLanguageService();
library.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } }, hover: { contentFormat: ['markdown'] } });

function placesOn(doc: EditingDocument, line: number): Position[] {
  const text = doc.lineText(line).replace(/\r$/, '');
  const characters = new Set([0, 1, text.length, Math.floor(text.length / 2), text.indexOf(' ') + 1, text.indexOf('$') + 1, text.indexOf('--') + 2, text.indexOf('=') + 1]);
  return [...characters].filter((c) => c >= 0 && c <= text.length).map((character) => ({ line, character }));
}

function inFromTag(doc: EditingDocument, position: Position): boolean {
  const instruction = doc.instructionAt(position.line);
  const tag = instruction instanceof From ? instruction.getImageTagRange() : null;
  return tag !== null && contains(tag, position);
}

describe('editing: the focused text', () => {
  const files = corpusFiles();

  it('has corpus files to compare on', () => {
    assert.ok(files.length > 20);
  });

  for (const file of files) {
    it(`answers as the whole text does: ${file.name}`, async () => {
      const doc = new EditingDocument(file.text);
      let compared = 0;
      for (let line = 0; line < doc.lineCount; line++) {
        const focused = focusText(doc, line);
        assert.equal(focused.split('\n').length, file.text.split('\n').length, 'the focused text keeps every line');
        for (const position of placesOn(doc, line)) {
          if (inFromTag(doc, position)) continue;
          const where = `${file.name} ${position.line + 1}:${position.character}`;
          assert.deepEqual(await library.computeCompletionItems(focused, position), await library.computeCompletionItems(file.text, position), `completion at ${where}`);
          assert.deepEqual(library.computeHover(focused, position), library.computeHover(file.text, position), `hover at ${where}`);
          assert.deepEqual(library.computeSignatureHelp(focused, position), library.computeSignatureHelp(file.text, position), `signature help at ${where}`);
          compared++;
        }
      }
      assert.ok(compared > 0);
    });
  }
});
