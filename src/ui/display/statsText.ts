// The compact figure a running container's row shows beside its status: CPU and memory in use.
import type { StatsSummary } from '../../docker/containers';
import { formatSize } from './format';

export function rowStatsText(sample: Pick<StatsSummary, 'cpuPercent' | 'memoryUsage'>): string {
  const cpu = sample.cpuPercent >= 10 ? sample.cpuPercent.toFixed(0) : sample.cpuPercent.toFixed(1);
  return `${cpu}% · ${formatSize(sample.memoryUsage)}`;
}
