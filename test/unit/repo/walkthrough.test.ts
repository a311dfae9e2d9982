// Repo check: the "Get Started with Wharf" walkthrough in package.json is complete as a manifest.
// Every text is a %key% of package.nls.json, every media file exists, every step has at least one
// button (a line holding only a command link, which VS Code renders as a button) that names a
// command Wharf contributes, and every step is checked off by its own context key, never by a
// click alone. (The host tier runs the buttons against the real engine.)
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

interface Step { id: string; title: string; description: string; media: { markdown?: string; svg?: string; image?: string; altText?: string }; completionEvents?: string[] }
interface Manifest {
  contributes: {
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
  };
}

const BUTTON = /^\[[^\]]+\]\(command:([\w.]+)(?:\?([^)\s]*))?\)$/;

describe('walkthrough manifest', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const [walkthrough] = manifest.contributes.walkthroughs ?? [];
  const text = (value: string): string => {
    const key = /^%(.+)%$/.exec(value)?.[1];
    assert.ok(key, `"${value}" is not a %key% of package.nls.json`);
    assert.ok(key in nls, `package.nls.json has no "${key}"`);
    return nls[key];
  };
  const commands = new Set([
    ...manifest.contributes.commands.map((c) => c.command),
    // VS Code gives every view a focus command.
    ...Object.values(manifest.contributes.views).flat().map((v) => `${v.id}.focus`),
  ]);

  it('contributes one walkthrough with six steps, titled through package.nls.json', () => {
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    assert.equal(walkthrough.id, 'gettingStarted');
    assert.equal(text(walkthrough.title), 'Get Started with Wharf');
    assert.ok(text(walkthrough.description).length > 0);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['connect', 'run', 'startAgain', 'remove', 'build', 'registry']);
  });

  for (const step of walkthrough?.steps ?? []) {
    it(`step "${step.id}": a button naming a Wharf command, existing media, completed by its context key`, () => {
      assert.ok(text(step.title).length > 0);
      const buttons = text(step.description).split('\n').map((line) => BUTTON.exec(line)).filter((m) => m !== null);
      assert.ok(buttons.length > 0, 'no line holds only a command link');
      for (const [, command, query] of buttons) {
        assert.ok(commands.has(command), `${command} is not a command Wharf contributes`);
        if (query) assert.ok(Array.isArray(JSON.parse(decodeURIComponent(query))), `${command}: arguments are not a JSON array`);
      }
      const media = step.media.markdown ?? step.media.svg ?? step.media.image;
      assert.ok(media && existsSync(join(root, media)), `media ${media} is missing`);
      assert.match(media, /^media\/walkthrough\//);
      if (step.media.svg || step.media.image) assert.ok(text(step.media.altText ?? '').length > 0);
      assert.deepEqual(step.completionEvents, [`onContext:wharf.walkthrough.done.${step.id}`]);
    });
  }
});
