// The inspect page: the object's JSON as a collapsible tree with a filter box, copy value / copy
// path, a raw-JSON toggle and masked secrets. Engine data only ever reaches the DOM through
// textContent: a label such as <img src=x onerror=…> shows as text. The page never masks: the
// host gives it masked data unless Show secrets is ticked, and copies by path from that same
// data (protocol.ts), so the tree, the filter, the raw view and every copy see only what is shown.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { HostToPage, PageToHost } from './protocol';
import { MASK } from '../../docker/secrets';
import { formatPath, matchesFilter } from './jsonPath';

interface VsCodeApi { postMessage(message: PageToHost): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
type Path = (string | number)[];

interface PageState { expanded: string[]; raw: boolean; revealed: boolean; filter: string }
const saved = (vscode.getState() as PageState | undefined) ?? { expanded: [], raw: false, revealed: false, filter: '' };
const expanded = new Set<string>(saved.expanded);
let raw = saved.raw;
let revealed = saved.revealed;
let filter = saved.filter;
let current: Extract<HostToPage, { type: 'show' }> | undefined;
let firstShow = expanded.size === 0;
let secretToggle: (HTMLElement & { checked: boolean; label: string }) | undefined;

const toolbar = document.getElementById('toolbar')!;
const status = document.getElementById('status')!;
const content = document.getElementById('content')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function saveState(): void {
  vscode.setState({ expanded: [...expanded], raw, revealed, filter } satisfies PageState);
}

function buildToolbar(): void {
  const title = el('h1', 'title');
  title.id = 'title';
  const search = document.createElement('vscode-textfield') as HTMLElement & { value: string; placeholder: string };
  search.id = 'filter';
  search.placeholder = 'Filter keys and values';
  search.value = filter;
  search.addEventListener('input', () => { filter = search.value; saveState(); render(); });
  const rawToggle = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean; label: string };
  rawToggle.id = 'raw';
  rawToggle.label = 'Raw JSON';
  rawToggle.checked = raw;
  rawToggle.addEventListener('change', () => { raw = rawToggle.checked; saveState(); render(); });
  const reveal = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean; label: string };
  reveal.id = 'reveal';
  reveal.label = 'Show secrets';
  reveal.checked = revealed;
  // The host answers with the data masked or revealed; the tree redraws when it arrives.
  reveal.addEventListener('change', () => { revealed = reveal.checked; saveState(); post({ type: 'reveal', revealed }); });
  secretToggle = reveal;
  const copyAll = document.createElement('vscode-button');
  copyAll.textContent = 'Copy JSON';
  copyAll.setAttribute('secondary', '');
  copyAll.addEventListener('click', () => { if (current) post({ type: 'copy', what: 'json', path: [] }); });
  const controls = el('div', 'controls');
  controls.append(search, rawToggle, reveal, copyAll);
  toolbar.append(title, controls);
}

function post(message: PageToHost): void {
  vscode.postMessage(message);
}

function render(): void {
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
  const needle = filter.trim().toLowerCase();
  const rows = renderValue(current.data, [], needle);
  if (rows.length === 0) tree.append(el('p', 'empty', 'Nothing matches the filter.'));
  tree.append(...rows);
  content.append(tree);
}

/** Rows for the children of a container value (object or array) at `path`. */
function renderValue(value: unknown, path: Path, needle: string): HTMLElement[] {
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, unknown>);
  const rows: HTMLElement[] = [];
  for (const [key, child] of entries) {
    const childPath = [...path, key];
    if (needle && !matchesFilter(child, childPath, needle)) continue;
    rows.push(renderEntry(key, child, childPath, needle));
  }
  return rows;
}

function renderEntry(key: string | number, value: unknown, path: Path, needle: string): HTMLElement {
  const pathText = formatPath(path);
  const isBranch = value !== null && typeof value === 'object';
  const row = el('div', 'row');
  row.setAttribute('role', 'treeitem');
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
      children.append(...renderValue(value, path, String(key).toLowerCase().includes(needle) ? '' : needle));
      row.append(children);
    }
    return row;
  }
  line.prepend(el('span', 'twisty'));
  const masked = !current?.revealed && typeof value === 'string' && value.includes(MASK);
  const valueSpan = el('span', `value ${typeof value}${masked ? ' secret' : ''}`, typeof value === 'string' ? JSON.stringify(value) : String(value));
  if (masked) valueSpan.title = 'Masked: tick "Show secrets" to reveal';
  line.append(valueSpan, actions(path));
  row.append(line);
  return row;
}

function actions(path: Path): HTMLElement {
  const box = el('span', 'actions');
  const copyPath = el('button', 'action', 'path');
  copyPath.title = 'Copy path';
  copyPath.addEventListener('click', () => post({ type: 'copy', what: 'path', path }));
  const copyValue = el('button', 'action', 'value');
  copyValue.title = 'Copy value';
  copyValue.addEventListener('click', () => post({ type: 'copy', what: 'value', path }));
  box.append(copyPath, copyValue);
  return box;
}

window.addEventListener('message', (event: MessageEvent<HostToPage>) => {
  const message = event.data;
  switch (message.type) {
    case 'show':
      current = message;
      revealed = message.revealed;
      if (secretToggle) secretToggle.checked = revealed;
      status.textContent = `Updated ${new Date(message.updatedAt).toLocaleTimeString()}`;
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
  }
});

buildToolbar();
post({ type: 'ready', revealed });
