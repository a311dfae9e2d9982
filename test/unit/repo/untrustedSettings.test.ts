// Repo check: in an untrusted workspace VS Code ignores workspace values of the settings listed in
// package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`. A setting that picks
// the engine Wharf talks to, a program Wharf runs, or where a link Wharf opens points must be
// listed there: otherwise a cloned repository's .vscode/settings.json could point Wharf at an
// engine, make it run a program or send "Open in Browser" to a host of its choosing before anyone
// trusted it. Every setting is classified below, so a new one forces a decision.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

type Picks = 'engine' | 'executable' | 'link' | 'nothing';

/** What each setting chooses. 'executable' includes switches that make Wharf run a program; 'link' where a link opened for the user points. */
const classification: Record<string, Picks> = {
  'wharf.engine.host': 'engine',
  'wharf.engine.context': 'engine',
  'wharf.engines': 'engine',
  'wharf.containers.sortBy': 'nothing',
  'wharf.containers.groupBy': 'nothing',
  'wharf.containers.browserHost': 'link',
  // Whether rows show a figure from the engine chosen above.
  'wharf.containers.showStats': 'nothing',
  'wharf.images.showDangling': 'nothing',
  'wharf.statusBar.enabled': 'nothing',
  'wharf.lint.enable': 'nothing',
  'wharf.lint.run': 'nothing',
  'wharf.lint.ignoredRules': 'nothing',
  'wharf.lint.severity': 'nothing',
  'wharf.lint.trustedRegistries': 'nothing',
  'wharf.lint.shellcheck.enable': 'executable',
  // Which of Wharf's own rules run; ShellCheck still needs the switch above.
  'wharf.lint.ruleSet': 'nothing',
  'wharf.lint.otherExtensions': 'nothing',
  // Editing features read the document and the store of the engine chosen above; none picks anything.
  'wharf.editing.completion.enable': 'nothing',
  'wharf.editing.hover.enable': 'nothing',
  'wharf.editing.signatureHelp.enable': 'nothing',
  'wharf.editing.outline.enable': 'nothing',
  'wharf.editing.navigation.enable': 'nothing',
  'wharf.editing.formatting.enable': 'nothing',
  'wharf.editing.engine.enable': 'nothing',
  'wharf.editing.codeLens.enable': 'nothing',
};

// Names and descriptions that speak of an engine endpoint or a program: such a setting cannot be
// classified 'nothing' by oversight.
const suspectKey = /(?:host|context|socket|path|executable|program|binary|command)$/i;
const suspectDescription = /DOCKER_HOST|docker context|socket|\bprogram\b|\bexecutable\b|\bbinary\b|`PATH`/i;

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> } | { properties: Record<string, { description?: string; markdownDescription?: string }> }[] };
}

describe('settings restricted in an untrusted workspace', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
  const properties = Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, { description?: string; markdownDescription?: string }>;
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
  const description = (key: string): string => {
    const raw = properties[key].markdownDescription ?? properties[key].description ?? '';
    const placeholder = /^%(.+)%$/.exec(raw);
    return placeholder ? nls[placeholder[1]] ?? '' : raw;
  };

  it('finds the settings it checks', () => {
    assert.ok(Object.keys(properties).length >= 10, `only ${Object.keys(properties).length} settings found: the scan is broken`);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('classifies every contributed setting, and only those', () => {
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(classification).sort());
  });

  it('restricts every setting that picks an engine, a program or a link\'s target', () => {
    const picking = Object.entries(classification).filter(([, picks]) => picks !== 'nothing').map(([key]) => key);
    assert.ok(picking.length >= 4, 'the engine host, the context, the browser host and ShellCheck at least');
    assert.deepEqual(picking.filter((key) => !restricted.includes(key)), []);
  });

  it('lists only settings that exist', () => {
    assert.deepEqual(restricted.filter((key) => !(key in properties)), []);
  });

  it('calls nothing "picks nothing" whose name or description speaks of an engine or a program', () => {
    const suspicious = Object.keys(properties).filter((key) => suspectKey.test(key) || suspectDescription.test(description(key)));
    assert.ok(suspicious.includes('wharf.engine.host') && suspicious.includes('wharf.lint.shellcheck.enable'), `the patterns find the known ones (found: ${suspicious.join(', ')})`);
    assert.deepEqual(suspicious.filter((key) => classification[key] === 'nothing'), []);
  });
});
