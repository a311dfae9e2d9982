// Every question Wharf asks the user goes through here. In normal use each call shows the real
// VS Code dialog. Host tests queue answers (answerNext) so commands run end to end against the
// real engine without a person clicking; the questions asked are recorded so tests can check
// what the user would have been told. Only the dialogs are replaced, never the engine. The hooks
// work only when Wharf runs in development or test mode: an installed Wharf refuses them (and
// does not hand out its API at all, see extension.ts).
import * as vscode from 'vscode';
import { showInputStep, showPickStep, type InputStepOptions, type PickStepOptions } from './multiStep';

export interface AskedQuestion {
  kind: 'warning' | 'quickPick' | 'input' | 'info' | 'error';
  message: string;
  /** Buttons or items, in the order they are shown. */
  choices: string[];
  /** A step of a multi-step input: "Step {step} of {totalSteps}". */
  step?: number;
  totalSteps?: number;
  /** What the box showed already typed (a step revisited with Back keeps it). */
  value?: string;
  /** The pre-selected choice. */
  active?: string;
  /** Messages shown under the box while it stayed open: rejected answers, notes on accepted ones. */
  problems?: string[];
}

/**
 * The answer that presses a multi-step input's Back button. A registered symbol: the tests load
 * this module apart from the extension's bundle, and both must mean the same Back.
 */
export const BACK: unique symbol = Symbol.for('wharf.prompts.back') as never;

/** What a question can be answered with: a button title, picked item label(s), typed text, Back, or undefined (cancel). */
type Answer = string | string[] | undefined | typeof BACK;

/**
 * An answer for the next question, or a function that gives it once the question is asked (a test
 * can change the engine at exactly that moment: between what a confirmation showed and the answer).
 */
export type QueuedAnswer = Answer | ((question: AskedQuestion) => Answer | Promise<Answer>);

export class Prompts {
  private readonly queue: QueuedAnswer[] = [];
  private readonly notificationAnswers: QueuedAnswer[] = [];
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

  /**
   * Test hook: the buttons to press on the next notifications (or functions that give them). Most
   * commands do not wait for a notification's answer, so these come from their own queue: one
   * never takes an answer meant for a later question.
   */
  answerNextNotification(...buttons: QueuedAnswer[]): void {
    if (!this.testHooks) throw new Error('Wharf answers its questions through real dialogs only (test hooks are off in production).');
    this.notificationAnswers.push(...buttons);
  }

  /** Test hook: forget queued answers and recorded questions. */
  reset(): void {
    this.queue.length = 0;
    this.notificationAnswers.length = 0;
    this.asked.length = 0;
    this.queued = false;
  }

  /**
   * A question whose answer can lose or risk something (a removal, a kill, trusting a host key):
   * which of `actions` to take, or none. VS Code 1.100's modal dialog (base/browser/ui/dialog/
   * dialog.ts) focuses and highlights the first button given that is not a
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

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany?: false }): Promise<T | undefined>;
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany: true }): Promise<T[] | undefined>;
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | T[] | undefined> {
    const answer = await this.take({ kind: 'quickPick', message: [options.title, options.placeHolder].filter(Boolean).join('\n'), choices: items.map((i) => i.label) });
    if (answer.queued) {
      const value = plain(answer.value);
      const wanted = Array.isArray(value) ? value : value === undefined ? [] : [value];
      const found = items.filter((i) => wanted.includes(i.label));
      if (options.canPickMany) return value === undefined ? undefined : found;
      return found[0];
    }
    return vscode.window.showQuickPick(items, options);
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const answer = await this.take({ kind: 'input', message: [options.title, options.prompt].filter(Boolean).join('\n'), choices: [], value: options.value });
    if (answer.queued) {
      const given = plain(answer.value);
      const value = Array.isArray(given) ? given[0] : given;
      if (value !== undefined && options.validateInput) {
        const problem = await options.validateInput(value);
        if (problem) throw new Error(`test answer "${value}" rejected: ${typeof problem === 'string' ? problem : problem.message}`);
      }
      return value;
    }
    return vscode.window.showInputBox(options);
  }

  /**
   * One step of a multi-step input (a step counter, Back from the second step on). It stays open
   * while `validate` finds an error, so a problem is fixed where it was typed. With test answers,
   * a rejected answer is recorded in the question's `problems` and the next answer is taken.
   */
  async inputStep(options: InputStepOptions): Promise<string | typeof BACK | undefined> {
    const question: AskedQuestion = { kind: 'input', message: [options.title, options.prompt].filter(Boolean).join('\n'), choices: [], step: options.step, totalSteps: options.totalSteps, value: options.value, problems: [] };
    for (let record = true; ; record = false) {
      const answer = await this.take(question, record);
      if (!answer.queued) return showInputStep(options, BACK);
      if (answer.value === BACK || answer.value === undefined) return answer.value;
      const text = Array.isArray(answer.value) ? answer.value[0] : answer.value;
      const verdict = options.validate(text);
      if (verdict) question.problems?.push(verdict.message);
      if (verdict?.severity !== 'error') return text;
    }
  }

  /**
   * One step of a multi-step input that picks from `items`, `active` pre-selected; with `typed`,
   * what the user types may be accepted as a new choice. A test answer names an item's label, or
   * is typed text.
   */
  async pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: PickStepOptions<T>): Promise<T | typeof BACK | undefined> {
    const question: AskedQuestion = { kind: 'quickPick', message: [options.title, options.placeholder].filter(Boolean).join('\n'), choices: items.map((i) => i.label), step: options.step, totalSteps: options.totalSteps, value: options.value, active: options.active?.label, problems: [] };
    for (let record = true; ; record = false) {
      const answer = await this.take(question, record);
      if (!answer.queued) return showPickStep(items, options, BACK);
      if (answer.value === BACK || answer.value === undefined) return answer.value;
      const text = Array.isArray(answer.value) ? answer.value[0] : answer.value;
      const found = items.find((i) => i.label === text);
      if (found) return found;
      const typed = options.typed?.(text);
      if (typed && 'item' in typed) return typed.item;
      question.problems?.push(typed?.problem ?? `"${text}" is not one of the choices`);
    }
  }

  /**
   * A notification with buttons (not modal): the one way Wharf notifies with a choice. It never
   * blocks the window; a caller that needs the answer awaits it (Prune asks this way while its
   * full list is open in an editor, where no key press answers it), the others go on and act
   * whenever a button is pressed (a notification may sit in the notification center for hours).
   * Tests read what it said in `asked`, and answer it from answerNextNotification's queue; without
   * a queued answer it is shown for real.
   */
  async notify(message: string, buttons: string[], severity: 'info' | 'warning' | 'error' = 'info'): Promise<string | undefined> {
    const question: AskedQuestion = { kind: severity === 'error' ? 'error' : 'info', message, choices: buttons };
    if (this.testHooks) this.asked.push(question);
    if (this.notificationAnswers.length > 0) {
      const queued = this.notificationAnswers.shift();
      const answer = typeof queued === 'function' ? await queued(question) : queued;
      return buttons.find((b) => b === plain(answer));
    }
    const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(message, ...buttons);
  }

  private async take(question: AskedQuestion, record = true): Promise<{ queued: boolean; value: Answer }> {
    if (this.testHooks && record) this.asked.push(question);
    if (!this.queued) return { queued: false, value: undefined };
    if (this.queue.length === 0) throw new Error(`No test answer queued for: ${question.message}`);
    const next = this.queue.shift();
    return { queued: true, value: typeof next === 'function' ? await next(question) : next };
  }
}

function plain(value: Answer): Exclude<Answer, typeof BACK> {
  if (value === BACK) throw new Error('a test answered Back to a question that is not a step of a multi-step input');
  return value;
}
