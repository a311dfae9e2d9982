// 10,000 containers stay quick to show: a level of the Containers view lists one page of rows
// (newest first) and a "Show more" row for the rest; Show more lists the next page; the filter
// searches every container, shown or not. The page is set small here (CONTAINER_PAGE is 500).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContainerTreeNode, MoreNode } from '../../../src/ui/tree/containersTree';
import { engineSuite, makeContainer, removeQuietly, uniqueName, until } from './explorerSupport';

describe('a Containers view of many containers, a page at a time', function () {
  const suite = engineSuite();
  const { cleanup, run } = suite;

  it('lists a page and a Show more row, shows the next page on Show more, and filters across all', async () => {
    const tag = uniqueName('paged');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await makeContainer(`${tag}-${i}`, { start: false }));
    cleanup.push(() => Promise.all(ids.map(removeQuietly)));
    const tree = suite.api.views.containers;
    const settings = vscode.workspace.getConfiguration('wharf');
    await settings.update('containers.groupBy', 'none', vscode.ConfigurationTarget.Global);
    cleanup.push(() => settings.update('containers.groupBy', undefined, vscode.ConfigurationTarget.Global));
    tree.pageSize = 2;
    cleanup.push(() => { tree.pageSize = 500; tree.refreshAll(); });
    await until(suite.api, 'all five listed', () => ids.every((id) => suite.api.sessions.current.store.container(id)));
    const total = suite.api.sessions.current.store.containers().length;

    const top = tree.getChildren();
    const containers = top.filter((n) => n.type === 'container');
    const more = top.find((n): n is MoreNode => n.type === 'more');
    assert.equal(containers.length, 2, 'one page of rows');
    assert.ok(more, 'a Show more row');
    assert.equal(top[top.length - 1], more, 'after the rows');
    const item = tree.getTreeItem(more);
    assert.equal(item.label, 'Show 2 more…');
    assert.equal(item.description, `${total - 2} not shown; the filter searches all`);
    assert.equal(item.command?.command, 'wharf.containers.showMore');

    await run('wharf.containers.showMore', more);
    await tree.settled();
    assert.equal(tree.getChildren().filter((n) => n.type === 'container').length, Math.min(4, total));

    // The filter finds a container that was on no page shown.
    const oldest = ids[0];
    await run('wharf.containers.filter', `${tag}-0`);
    cleanup.push(() => run('wharf.containers.clearFilter'));
    const found = tree.getChildren().filter((n): n is Extract<ContainerTreeNode, { type: 'container' }> => n.type === 'container');
    assert.deepEqual(found.map((n) => n.id), [oldest]);
  });
});
