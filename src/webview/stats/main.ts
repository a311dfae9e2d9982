// The Stats panel's page: live charts (uPlot, canvas) of CPU %, memory used against its limit,
// network and block I/O rates, the current figures, and for one container its processes with a
// Signal button where the image can take one. Engine data reaches the DOM only through
// textContent; the charts draw numbers on a canvas.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HostToPage, PageToHost, StatsFigures, StatsStrings } from './protocol';

interface VsCodeApi { postMessage(message: PageToHost): void }
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const strings = JSON.parse(document.body.dataset.strings ?? '{}') as StatsStrings;
/** Two minutes of samples, one a second. */
const WINDOW = 120;

const fill = (text: string, ...values: string[]): string => values.reduce((t, v, i) => t.replace(`{${i}}`, v), text);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
}

const theme = (name: string, fallback: string): string => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

interface Chart { plot: uPlot; data: number[][]; figure: HTMLElement; box: HTMLElement }

const charts = document.getElementById('charts')!;
const status = document.getElementById('status')!;
const title = document.getElementById('title')!;
const figuresTable = document.getElementById('containers')!;
const processesSection = document.getElementById('processes')!;

/** A chart of `series`; its y axis starts at 0 and reaches at least `floor` (a flat line at 0 still has a scale). */
function makeChart(label: string, series: Array<{ label: string; color: string }>, value: (v: number) => string, floor: number): Chart {
  const box = el('section', 'chart');
  const head = el('div', 'chart-head');
  head.append(el('h2', undefined, label));
  const figure = el('span', 'figure');
  figure.setAttribute('aria-live', 'off');
  head.append(figure);
  box.append(head);
  const plotHost = el('div', 'plot');
  plotHost.setAttribute('role', 'img');
  plotHost.setAttribute('aria-label', label);
  box.append(plotHost);
  charts.append(box);
  const axis = { stroke: theme('--vscode-descriptionForeground', '#888'), grid: { stroke: theme('--vscode-editorWidget-border', '#8884'), width: 1 }, ticks: { stroke: theme('--vscode-editorWidget-border', '#8884'), width: 1 } };
  const data: number[][] = [[], ...series.map(() => [])];
  const plot = new uPlot({
    width: Math.max(200, plotHost.clientWidth || 360),
    height: 140,
    legend: { show: true },
    cursor: { show: true, points: { show: false } },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, floor)] } },
    axes: [{ ...axis }, { ...axis, size: 64, values: (_u, ticks) => ticks.map(value) }],
    series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, fill: `${s.color}22`, value: (_u: uPlot, v: number | null) => (v === null ? '–' : value(v)) }))],
  }, data as uPlot.AlignedData, plotHost);
  new ResizeObserver(() => plot.setSize({ width: Math.max(200, plotHost.clientWidth), height: 140 })).observe(plotHost);
  return { plot, data, figure, box };
}

let cpu: Chart | undefined;
let memory: Chart | undefined;
let network: Chart | undefined;
let blockIo: Chart | undefined;
let previous: { at: number; total: StatsFigures } | undefined;

function buildCharts(): void {
  charts.replaceChildren();
  const blue = theme('--vscode-charts-blue', '#3794ff');
  const green = theme('--vscode-charts-green', '#89d185');
  const orange = theme('--vscode-charts-orange', '#d18616');
  const purple = theme('--vscode-charts-purple', '#b180d7');
  cpu = makeChart(strings.cpu, [{ label: strings.cpu, color: blue }], (v) => `${v.toFixed(v >= 10 ? 0 : 1)}%`, 1);
  // Used memory only: the limit (the host's memory when none is set) would flatten the line; the figure beside the title says it.
  memory = makeChart(strings.memory, [{ label: strings.used, color: green }], bytes, 1e6);
  network = makeChart(strings.network, [{ label: strings.received, color: blue }, { label: strings.sent, color: purple }], (v) => fill(strings.perSecond, bytes(v)), 1e3);
  blockIo = makeChart(strings.blockIo, [{ label: strings.read, color: green }, { label: strings.written, color: orange }], (v) => fill(strings.perSecond, bytes(v)), 1e3);
  previous = undefined;
}

function push(chart: Chart, at: number, values: number[]): void {
  chart.data[0].push(at / 1000);
  values.forEach((v, i) => chart.data[i + 1].push(v));
  if (chart.data[0].length > WINDOW) for (const column of chart.data) column.shift();
  chart.plot.setData(chart.data as uPlot.AlignedData);
  // How many points the chart holds: what a test (or a screen reader's user) can wait on.
  chart.box.dataset.points = String(chart.data[0].length);
}

function onSample(message: Extract<HostToPage, { type: 'sample' }>): void {
  const { total, at } = message;
  // Counters are cumulative: a rate is the change since the last sample (never negative: a
  // container leaving the sum lowers it).
  const seconds = previous ? Math.max(0.001, (at - previous.at) / 1000) : 0;
  const rate = (now: number, before: number | undefined): number => (previous && before !== undefined ? Math.max(0, now - before) / seconds : 0);
  push(cpu!, at, [total.cpuPercent]);
  push(memory!, at, [total.memoryUsage]);
  const rx = rate(total.networkRx, previous?.total.networkRx);
  const tx = rate(total.networkTx, previous?.total.networkTx);
  const read = rate(total.blockRead, previous?.total.blockRead);
  const written = rate(total.blockWrite, previous?.total.blockWrite);
  push(network!, at, [rx, tx]);
  push(blockIo!, at, [read, written]);
  cpu!.figure.textContent = `${total.cpuPercent.toFixed(1)}%`;
  memory!.figure.textContent = `${bytes(total.memoryUsage)} / ${bytes(total.memoryLimit)} ${strings.limit}`;
  network!.figure.textContent = `↓ ${bytes(total.networkRx)} ↑ ${bytes(total.networkTx)}`;
  blockIo!.figure.textContent = `${strings.read} ${bytes(total.blockRead)} · ${strings.written} ${bytes(total.blockWrite)}`;
  previous = { at, total };
  status.textContent = fill(strings.updated, new Date(at).toLocaleTimeString());
  status.className = '';
  renderContainers(message.containers);
}

function renderContainers(list: Array<{ name: string } & StatsFigures>): void {
  figuresTable.replaceChildren();
  if (list.length < 2) return;
  const table = el('table');
  const head = el('tr');
  for (const text of [strings.name, strings.cpu, strings.memory, strings.pids]) head.append(el('th', undefined, text));
  table.append(head);
  for (const c of list) {
    const row = el('tr');
    row.append(el('td', undefined, c.name), el('td', 'num', `${c.cpuPercent.toFixed(1)}%`), el('td', 'num', `${bytes(c.memoryUsage)} / ${bytes(c.memoryLimit)}`), el('td', 'num', String(c.pids)));
    table.append(row);
  }
  figuresTable.append(el('h2', undefined, strings.containers), table);
}

function renderProcesses(message: Extract<HostToPage, { type: 'processes' }>): void {
  processesSection.replaceChildren();
  const head = el('div', 'chart-head');
  head.append(el('h2', undefined, strings.processes));
  const refresh = document.createElement('vscode-button');
  refresh.id = 'refresh-processes';
  refresh.textContent = strings.refresh;
  refresh.setAttribute('secondary', '');
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refreshProcesses' }));
  head.append(refresh);
  processesSection.append(head);
  if (!message.canSignal) processesSection.append(el('p', 'note', strings.noSignal));
  const table = el('table', 'processes');
  const header = el('tr');
  for (const t of message.titles) header.append(el('th', undefined, t));
  if (message.canSignal) header.append(el('th', undefined, ''));
  table.append(header);
  const pidColumn = message.titles.indexOf('PID');
  for (const row of message.rows) {
    const tr = el('tr');
    row.forEach((cell, i) => tr.append(el('td', message.titles[i] === 'CMD' || message.titles[i] === 'COMMAND' ? 'cmd' : undefined, cell)));
    if (message.canSignal && pidColumn >= 0) {
      const cell = el('td');
      const button = document.createElement('vscode-button');
      button.textContent = strings.signal;
      button.setAttribute('secondary', '');
      button.setAttribute('aria-label', fill(strings.signalTo, row[pidColumn]));
      button.addEventListener('click', () => vscode.postMessage({ type: 'signal', pid: Number(row[pidColumn]) }));
      cell.append(button);
      tr.append(cell);
    }
    table.append(tr);
  }
  processesSection.append(table);
}

window.addEventListener('message', (event: MessageEvent<HostToPage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      title.textContent = message.title;
      buildCharts();
      processesSection.hidden = message.kind !== 'container';
      break;
    case 'sample':
      if (cpu) onSample(message);
      break;
    case 'processes':
      renderProcesses(message);
      break;
    case 'idle':
    case 'error':
      status.textContent = message.message;
      status.className = message.type;
      break;
  }
});

vscode.postMessage({ type: 'ready' });
