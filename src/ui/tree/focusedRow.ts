// The row a tree view's keyboard focus is on. The API has no getter for it (TreeView.activeItem is
// still a proposal in VS Code 1.100), but the workbench hands a command its view's focused element
// when the command's argument is `{ $treeViewId, $focusedTreeItem: true }`: the argument VS Code's
// own view actions carry, which the extension host turns into the element as the command arrives.
// Keybindings give that argument directly (package.json: Enter and Delete on the Containers view);
// asked from here, the question goes out through the workbench (`runCommands`) and comes back as
// that conversion.
//
// Why the focus matters: a right-click focuses its row, and so do the arrow keys, while the
// selection stays where it was. And a row a menu was opened on can come back empty: when a tree
// refreshes its root, the extension host forgets every row until the workbench has listed them
// again, and a menu command arriving in between gets `undefined` for its row. The focus is held by
// the workbench as the row's handle, so it names the same row once the rows are listed again.
import * as vscode from 'vscode';

const PROBE = 'wharf.internal.focusedRow';

/** The argument a keybinding or view action gives for "the focused row of `viewId`". */
export function focusedRowArgument(viewId: string): { $treeViewId: string; $focusedTreeItem: true } {
  return { $treeViewId: viewId, $focusedTreeItem: true };
}

export class FocusedRows implements vscode.Disposable {
  private readonly waiting = new Map<number, (element: unknown) => void>();
  private next = 0;
  private readonly probe = vscode.commands.registerCommand(PROBE, (element: unknown, token: unknown) => {
    const resolve = this.waiting.get(Number(token));
    this.waiting.delete(Number(token));
    resolve?.(element ?? undefined);
  });

  /** The element the workbench's focus is on in the view `viewId` (undefined: none, or not listed). */
  async of(viewId: string): Promise<unknown> {
    const token = ++this.next;
    const answer = new Promise<unknown>((resolve) => this.waiting.set(token, resolve));
    await vscode.commands.executeCommand('runCommands', { commands: [{ command: PROBE, args: [focusedRowArgument(viewId), token] }] });
    // runCommands resolves once the probe ran; a probe that never ran (the view is gone) answers nothing.
    if (this.waiting.delete(token)) return undefined;
    return answer;
  }

  dispose(): void {
    this.probe.dispose();
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
