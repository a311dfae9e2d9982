// Every question Wharf asks the user goes through here. In normal use each call shows the real
// VS Code dialog. Host tests queue answers (answerNext) so commands run end to end against the
// real engine without a person clicking; the questions asked are recorded so tests can check
// what the user would have been told. Only the dialogs are replaced, never the engine. The hooks
// work only when Wharf runs in development or test mode: an installed Wharf refuses them (and
// does not hand out its API at all, see extension.ts).
import * as vscode from 'vscode';

export interface AskedQuestion {
  kind: 'warning' | 'quickPick' | 'input' | 'info' | 'error';
  message: string;
  /** Buttons or items, in the order they are shown. */
  choices: string[];
  /** An input's pre-filled value. */
  value?: string;
}

/** What a question can be answered with: a button title, picked item label(s), typed text, or undefined (cancel). */
type Answer = string | string[] | undefined;

/**
 * An answer for the next question, or a function that gives it once the question is asked (a test
 * can change the engine at exactly that moment: between what a confirmation showed and the answer).
 */
export type QueuedAnswer = Answer | ((question: AskedQuestion) => Answer | Promise<Answer>);

export class Prompts {
  private readonly queue: QueuedAnswer[] = [];
  private queued = false;
  readonly asked: AskedQuestion[] = [];

  /** `testHooks`: whether answerNext may replace the real dialogs (never in production). */
  constructor(private readonly testHooks: boolean) {}

  /** Test hook: the next questions get these answers instead of showing a dialog. */
  answerNext(...answers: QueuedAnswer[]): void {
    if (!this.testHooks) throw new Error('Wharf answers its questions through real dialogs only (test hooks are off in production).');
    this.queue.push(...answers);
    this.queued = true;
  }

  /** Test hook: forget queued answers and recorded questions. */
  reset(): void {
    this.queue.length = 0;
    this.asked.length = 0;
    this.queued = false;
  }

  async warningModal(message: string, detail: string, buttons: string[]): Promise<string | undefined> {
    const answer = await this.take({ kind: 'warning', message: `${message}\n${detail}`, choices: buttons });
    if (answer.queued) return buttons.find((b) => b === answer.value);
    try {
      return await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
    } catch {
      // A workbench run with the smoke-test driver (the e2e bed) refuses modal dialogs outright.
      // Still ask, never assume: the same question as a quick pick that must be answered.
      const cancel = vscode.l10n.t('Cancel');
      const picked = await vscode.window.showQuickPick([...buttons, cancel].map((label) => ({ label })), { title: message, placeHolder: detail.replace(/\n+/g, ' '), ignoreFocusOut: true });
      return buttons.find((b) => b === picked?.label);
    }
  }

  /**
   * A destructive question: which of `actions` to take, or none. VS Code 1.100's modal dialog
   * (base/browser/ui/dialog/dialog.ts) focuses and highlights the first button given that is not a
   * close affordance, and Enter clicks the focused button; the close affordance (the Cancel it adds)
   * goes last and Escape clicks it. So `keep`, a button that changes nothing, is given first: Enter
   * alone keeps everything, and each action takes a click or Tab first. Resolves with the action
   * chosen, or undefined when kept or cancelled.
   */
  async confirm(message: string, detail: string, keep: string, actions: string[]): Promise<string | undefined> {
    const buttons = [keep, ...actions];
    const answer = await this.take({ kind: 'warning', message: `${message}\n${detail}`, choices: buttons });
    if (answer.queued) return actions.find((a) => a === answer.value);
    try {
      const chosen = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons.map((title) => ({ title })));
      return actions.find((a) => a === chosen?.title);
    } catch {
      // The smoke-test driver's workbench refuses modal dialogs: the same question as a quick pick,
      // `keep` first so that Enter there keeps too.
      const picked = await vscode.window.showQuickPick(buttons.map((label) => ({ label })), { title: message, placeHolder: detail.replace(/\n+/g, ' '), ignoreFocusOut: true });
      return actions.find((a) => a === picked?.label);
    }
  }

  /**
   * A question in a notification (not modal): the user can read and scroll an editor while it
   * waits, and no key press in the editor answers it. Resolves with the button chosen.
   */
  async notify(message: string, buttons: string[]): Promise<string | undefined> {
    const answer = await this.take({ kind: 'info', message, choices: buttons });
    if (answer.queued) return buttons.find((b) => b === answer.value);
    return vscode.window.showWarningMessage(message, ...buttons);
  }

  /**
   * An error notification with buttons. Not a question (nothing waits for its answer), so it is
   * always shown for real and never takes a queued answer; tests read what it said in `asked`.
   */
  error(message: string, buttons: string[]): Thenable<string | undefined> {
    if (this.testHooks) this.asked.push({ kind: 'error', message, choices: buttons });
    return vscode.window.showErrorMessage(message, ...buttons);
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany?: false }): Promise<T | undefined>;
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Promise<T[] | undefined>;
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | T[] | undefined> {
    const answer = await this.take({ kind: 'quickPick', message: [options.title, options.placeHolder].filter(Boolean).join('\n'), choices: items.map((i) => i.label) });
    if (answer.queued) {
      const wanted = Array.isArray(answer.value) ? answer.value : answer.value === undefined ? [] : [answer.value];
      const found = items.filter((i) => wanted.includes(i.label));
      if (options.canPickMany) return answer.value === undefined ? undefined : found;
      return found[0];
    }
    return vscode.window.showQuickPick(items, options);
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const answer = await this.take({ kind: 'input', message: [options.title, options.prompt].filter(Boolean).join('\n'), choices: [], value: options.value });
    if (answer.queued) {
      const value = Array.isArray(answer.value) ? answer.value[0] : answer.value;
      if (value !== undefined && options.validateInput) {
        const problem = await options.validateInput(value);
        if (problem) throw new Error(`test answer "${value}" rejected: ${typeof problem === 'string' ? problem : problem.message}`);
      }
      return value;
    }
    return vscode.window.showInputBox(options);
  }

  private async take(question: AskedQuestion): Promise<{ queued: boolean; value: Answer }> {
    if (this.testHooks) this.asked.push(question);
    if (!this.queued) return { queued: false, value: undefined };
    if (this.queue.length === 0) throw new Error(`No test answer queued for: ${question.message}`);
    const next = this.queue.shift();
    return { queued: true, value: typeof next === 'function' ? await next(question) : next };
  }
}
