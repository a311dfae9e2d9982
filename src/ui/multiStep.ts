// The real widgets behind Prompts.inputStep and Prompts.pickStep: one step of a multi-step input
// with the workbench's step counter ("2/5") and its Back button, in the manner of VS Code's
// multi-step sample. A step stays open until its answer is valid, so a problem is fixed where it
// was typed instead of after the last step. Call these through Prompts (test hooks live there).
import * as vscode from 'vscode';

export type StepVerdict = { message: string; severity: 'error' | 'info' } | undefined;

interface StepPlace {
  title: string;
  step: number;
  totalSteps: number;
}

export interface InputStepOptions extends StepPlace {
  prompt: string;
  placeholder?: string;
  /** What the box starts with: what was typed before, when the user came back to this step. */
  value: string;
  /** An error keeps the box open; an info is shown and accepted (a preview of what was read). */
  validate(text: string): StepVerdict;
}

export interface PickStepOptions<T extends vscode.QuickPickItem> extends StepPlace {
  placeholder: string;
  /** Pre-selected (the engine's default, or what was picked before). */
  active?: T;
  /** Filter text to start with. */
  value?: string;
  /** Typed text as a choice of its own (an item), or why it cannot be one. */
  typed?(text: string): { item: T } | { problem: string } | undefined;
}

const severityOf = (verdict: StepVerdict): vscode.InputBoxValidationMessage | undefined =>
  verdict && { message: verdict.message, severity: verdict.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Info };

export function showInputStep<B>(options: InputStepOptions, back: B): Promise<string | B | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.value = options.value;
  box.ignoreFocusOut = true;
  box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  box.validationMessage = severityOf(options.validate(options.value));
  return settle<string | B | undefined>(box, (done) => [
    box.onDidChangeValue((text) => { box.validationMessage = severityOf(options.validate(text)); }),
    box.onDidAccept(() => {
      const verdict = options.validate(box.value);
      box.validationMessage = severityOf(verdict);
      if (verdict?.severity !== 'error') done(box.value);
    }),
    box.onDidTriggerButton((button) => { if (button === vscode.QuickInputButtons.Back) done(back); }),
  ]);
}

export function showPickStep<T extends vscode.QuickPickItem, B>(items: readonly T[], options: PickStepOptions<T>, back: B): Promise<T | B | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  // Typed text that matches nothing in the list becomes a choice of its own (a reference that is
  // not local yet). Only then: the quick pick ranks an exact match first, so offering it beside
  // items the text filters would let Enter pick the typed text instead of the item it found.
  let typedItem: T | undefined;
  const showTyped = (text: string): void => {
    const wanted = text.trim();
    const filters = items.some((i) => i.label.toLowerCase().includes(wanted.toLowerCase()));
    const answer = wanted && !filters ? options.typed?.(wanted) : undefined;
    typedItem = answer && 'item' in answer ? answer.item : undefined;
    const note = answer && 'problem' in answer ? ({ label: wanted, description: answer.problem, alwaysShow: true } as T) : undefined;
    pick.items = [...(typedItem ? [{ ...typedItem, alwaysShow: true }] : note ? [note] : []), ...items];
  };
  showTyped(options.value ?? '');
  if (options.value) pick.value = options.value;
  if (options.active) pick.activeItems = [options.active];
  return settle<T | B | undefined>(pick, (done) => [
    pick.onDidChangeValue(showTyped),
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems;
      if (!chosen) return;
      if (items.includes(chosen)) done(chosen);
      else if (typedItem && chosen.label === typedItem.label) done(typedItem);
    }),
    pick.onDidTriggerButton((button) => { if (button === vscode.QuickInputButtons.Back) done(back); }),
  ]);
}

/** Shows `input`, resolves with the first answer (undefined when hidden), then disposes it. */
function settle<R>(input: vscode.QuickInput, listen: (done: (result: R | undefined) => void) => vscode.Disposable[]): Promise<R | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const subscriptions: vscode.Disposable[] = [];
    const done = (result: R | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(result);
      for (const s of subscriptions) s.dispose();
      input.dispose();
    };
    subscriptions.push(...listen(done), input.onDidHide(() => done(undefined)));
    input.show();
  });
}
