// The inspect page: the object's JSON as a collapsible tree with a filter box, copy value / copy
// path, a raw-JSON toggle and masked secrets. Engine data only ever reaches the DOM through
// textContent: a label such as <img src=x onerror=…> shows as text. The page never masks: the
// host gives it masked data unless Show secrets is ticked, and copies by path from that same
// data (protocol.ts), so the tree, the filter, the raw view and every copy see only what is shown.
// The tree is a keyboard tree (WAI-ARIA): one row in the tab order, arrows move and open, Tab
// reaches the focused row's copy buttons; a copy the host confirms says "Copied" where it was asked.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { HostToPage, PageStrings, PageToHost } from './protocol';
import { MASK } from '../../docker/secrets';
import { formatPath, matchesFilter } from './jsonPath';

interface VsCodeApi { postMessage(message: PageToHost): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
type Path = (string | number)[];
const strings = JSON.parse(document.body.dataset.strings ?? '{}') as PageStrings;

function fill(text: string, value: string): string {
  return text.replace('{0}', value);
}

interface PageState { expanded: string[]; raw: boolean; revealed: boolean; filter: string; active?: string }
const saved = (vscode.getState() as PageState | undefined) ?? { expanded: [], raw: false, revealed: false, filter: '' };
const expanded = new Set<string>(saved.expanded);
let raw = saved.raw;
let revealed = saved.revealed;
let filter = saved.filter;
let current: Extract<HostToPage, { type: 'show' }> | undefined;
let firstShow = expanded.size === 0;
let secretToggle: (HTMLElement & { checked: boolean; label: string }) | undefined;
let copyAllButton: HTMLElement | undefined;
/** The row in the tab order (its path), kept across redraws so live updates do not lose the focus. */
let active = saved.active;

const toolbar = document.getElementById('toolbar')!;
const status = document.getElementById('status')!;
const content = document.getElementById('content')!;
const copiedStatus = document.getElementById('copied')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function saveState(): void {
  vscode.setState({ expanded: [...expanded], raw, revealed, filter, active } satisfies PageState);
}

function buildToolbar(): void {
  const title = el('h1', 'title');
  title.id = 'title';
  const search = document.createElement('vscode-textfield') as HTMLElement & { value: string; placeholder: string; label: string };
  search.id = 'filter';
  search.placeholder = strings.filterPlaceholder;
  // Named for assistive technology (the text field's own label) and shown beside it.
  search.label = strings.filter;
  search.value = filter;
  const searchLabel = el('label', 'filter-label', strings.filter);
  searchLabel.htmlFor = 'filter';
  search.addEventListener('input', () => { filter = search.value; saveState(); render(); });
  const rawToggle = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean; label: string };
  rawToggle.id = 'raw';
  rawToggle.label = strings.rawJson;
  rawToggle.checked = raw;
  rawToggle.addEventListener('change', () => { raw = rawToggle.checked; saveState(); render(); });
  const reveal = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean; label: string };
  reveal.id = 'reveal';
  reveal.label = strings.showSecrets;
  reveal.checked = revealed;
  // The host answers with the data masked or revealed; the tree redraws when it arrives.
  reveal.addEventListener('change', () => { revealed = reveal.checked; saveState(); post({ type: 'reveal', revealed }); });
  secretToggle = reveal;
  const copyAll = document.createElement('vscode-button');
  copyAll.id = 'copy-json';
  copyAll.textContent = strings.copyJson;
  copyAll.setAttribute('secondary', '');
  copyAll.addEventListener('click', () => { if (current) post({ type: 'copy', what: 'json', path: [] }); });
  copyAllButton = copyAll;
  const controls = el('div', 'controls');
  controls.append(searchLabel, search, rawToggle, reveal, copyAll);
  toolbar.append(title, controls);
}

function post(message: PageToHost): void {
  vscode.postMessage(message);
}

function render(): void {
  const hadFocus = content.contains(document.activeElement);
  content.replaceChildren();
  if (!current) return;
  document.getElementById('title')!.textContent = `${current.kind} ${current.title}`;
  if (raw) {
    const pre = el('pre', 'raw', JSON.stringify(current.data, null, 2));
    content.append(pre);
    return;
  }
  const tree = el('div', 'tree');
  tree.setAttribute('role', 'tree');
  tree.setAttribute('aria-label', fill(strings.tree, `${current.kind} ${current.title}`));
  tree.addEventListener('keydown', onTreeKey);
  tree.addEventListener('focusin', (event) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
    if (row && row.dataset.path !== active) setActive(row, false);
  });
  const needle = filter.trim().toLowerCase();
  const rows = renderValue(current.data, [], needle, 1);
  if (rows.length === 0) tree.append(el('p', 'empty', strings.nothingMatches));
  tree.append(...rows);
  content.append(tree);
  const target = treeRows().find((row) => row.dataset.path === active) ?? treeRows()[0];
  if (target) setActive(target, hadFocus);
}

function treeRows(): HTMLElement[] {
  return Array.from(content.querySelectorAll<HTMLElement>('[role=treeitem]'));
}

/** Puts `row` (alone) in the tab order with its copy buttons, and focuses it when asked. */
function setActive(row: HTMLElement, focus: boolean): void {
  for (const other of Array.from(content.querySelectorAll<HTMLElement>('[role=treeitem][tabindex="0"]'))) {
    if (other === row) continue;
    other.tabIndex = -1;
    for (const button of Array.from(other.querySelectorAll<HTMLElement>(':scope > .line .action'))) button.tabIndex = -1;
  }
  row.tabIndex = 0;
  for (const button of Array.from(row.querySelectorAll<HTMLElement>(':scope > .line .action'))) button.tabIndex = 0;
  active = row.dataset.path;
  if (focus) row.focus();
}

function toggle(row: HTMLElement, open: boolean): void {
  const pathText = row.dataset.path ?? '';
  if (!row.hasAttribute('aria-expanded') || (row.getAttribute('aria-expanded') === 'true') === open) return;
  if (open) expanded.add(pathText); else expanded.delete(pathText);
  active = pathText;
  saveState();
  render();
  treeRows().find((r) => r.dataset.path === pathText)?.focus();
}

function onTreeKey(event: KeyboardEvent): void {
  const row = event.target as HTMLElement;
  // Keys typed on a copy button are the button's (Enter, Space); the tree moves from rows only.
  if (row.getAttribute('role') !== 'treeitem') return;
  const rows = treeRows();
  const at = rows.indexOf(row);
  const move = (to: HTMLElement | undefined): void => { if (to) setActive(to, true); };
  const isOpen = row.getAttribute('aria-expanded') === 'true';
  switch (event.key) {
    case 'ArrowDown': move(rows[at + 1]); break;
    case 'ArrowUp': move(rows[at - 1]); break;
    case 'Home': move(rows[0]); break;
    case 'End': move(rows[rows.length - 1]); break;
    case 'ArrowRight':
      if (row.hasAttribute('aria-expanded') && !isOpen) toggle(row, true);
      else if (isOpen) move(row.querySelector<HTMLElement>(':scope > .children > [role=treeitem]') ?? undefined);
      break;
    case 'ArrowLeft':
      if (isOpen) toggle(row, false);
      else move(row.parentElement?.closest<HTMLElement>('[role=treeitem]') ?? undefined);
      break;
    case 'Enter':
    case ' ':
      if (row.hasAttribute('aria-expanded')) toggle(row, !isOpen);
      break;
    default:
      return;
  }
  event.preventDefault();
}

/** Rows for the children of a container value (object or array) at `path`. */
function renderValue(value: unknown, path: Path, needle: string, level: number): HTMLElement[] {
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, unknown>);
  const rows: HTMLElement[] = [];
  for (const [key, child] of entries) {
    const childPath = [...path, key];
    if (needle && !matchesFilter(child, childPath, needle)) continue;
    rows.push(renderEntry(key, child, childPath, needle, level));
  }
  return rows;
}

function renderEntry(key: string | number, value: unknown, path: Path, needle: string, level: number): HTMLElement {
  const pathText = formatPath(path);
  const isBranch = value !== null && typeof value === 'object';
  const row = el('div', 'row');
  row.setAttribute('role', 'treeitem');
  row.setAttribute('aria-level', String(level));
  row.tabIndex = -1;
  row.dataset.path = pathText;
  const line = el('div', 'line');
  const keySpan = el('span', 'key', String(key));
  line.append(keySpan);
  if (isBranch) {
    const open = needle !== '' || expanded.has(pathText) || (firstShow && path.length === 1 && ['State', 'Config', 'NetworkSettings', 'Mounts'].includes(String(key)));
    if (open) expanded.add(pathText);
    row.setAttribute('aria-expanded', String(open));
    const twisty = el('span', `twisty codicon ${open ? 'open' : ''}`, open ? '▾' : '▸');
    line.prepend(twisty);
    const size = Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value as object).length}}`;
    line.append(el('span', 'summary', size));
    row.setAttribute('aria-label', `${String(key)} ${size}`);
    line.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('.actions')) return;
      if (expanded.has(pathText)) expanded.delete(pathText); else expanded.add(pathText);
      saveState();
      render();
    });
    line.append(actions(path));
    row.append(line);
    if (open) {
      const children = el('div', 'children');
      children.setAttribute('role', 'group');
      // A branch that matched by its own key shows all of its children.
      children.append(...renderValue(value, path, String(key).toLowerCase().includes(needle) ? '' : needle, level + 1));
      row.append(children);
    }
    return row;
  }
  line.prepend(el('span', 'twisty'));
  const masked = !current?.revealed && typeof value === 'string' && value.includes(MASK);
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const valueSpan = el('span', `value ${typeof value}${masked ? ' secret' : ''}`, shown);
  if (masked) valueSpan.title = strings.masked;
  row.setAttribute('aria-label', `${String(key)}: ${shown}`);
  line.append(valueSpan, actions(path));
  row.append(line);
  return row;
}

function actions(path: Path): HTMLElement {
  const box = el('span', 'actions');
  const button = (what: 'path' | 'value', text: string, title: string): HTMLButtonElement => {
    const b = el('button', 'action', text);
    b.title = title;
    b.setAttribute('aria-label', title);
    b.dataset.copy = what;
    b.tabIndex = -1;
    b.addEventListener('click', () => post({ type: 'copy', what, path }));
    return b;
  };
  box.append(button('path', strings.pathButton, strings.copyPath), button('value', strings.valueButton, strings.copyValue));
  return box;
}

/** "Copied" on the button that asked, and in the live status for screen readers, for a moment. */
function showCopied(message: Extract<HostToPage, { type: 'copied' }>): void {
  const button = message.what === 'json' ? copyAllButton
    : treeRows().find((row) => row.dataset.path === formatPath(message.path))?.querySelector<HTMLElement>(`:scope > .line .action[data-copy="${message.what}"]`);
  const said = strings.copiedWhat[message.what];
  copiedStatus.textContent = said;
  if (!button) return;
  const label = button.textContent;
  button.textContent = strings.copied;
  button.classList.add('copied');
  // A UI timer: the word goes back once it has been seen.
  window.setTimeout(() => {
    button.textContent = label;
    button.classList.remove('copied');
    if (copiedStatus.textContent === said) copiedStatus.textContent = '';
  }, 1500);
}

window.addEventListener('message', (event: MessageEvent<HostToPage>) => {
  const message = event.data;
  switch (message.type) {
    case 'show':
      // The panel now shows another object (it is reused like a preview editor): start afresh.
      if (current && (current.kind !== message.kind || current.title !== message.title)) {
        expanded.clear();
        firstShow = true;
        active = undefined;
      }
      current = message;
      revealed = message.revealed;
      if (secretToggle) secretToggle.checked = revealed;
      status.textContent = fill(strings.updated, new Date(message.updatedAt).toLocaleTimeString());
      status.className = '';
      render();
      firstShow = false;
      saveState();
      break;
    case 'gone':
      status.textContent = message.message;
      status.className = 'gone';
      break;
    case 'error':
      status.textContent = message.message;
      status.className = 'error';
      break;
    case 'copied':
      showCopied(message);
      break;
  }
});

buildToolbar();
post({ type: 'ready', revealed });
