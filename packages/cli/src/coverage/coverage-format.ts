import { channels } from '@ocop-sync/domain';
import Table from 'cli-table3';
import { compactTable } from '../table-style.js';
import { COVERAGE_TARGET, type CoverageLine } from './coverage.js';

export const coverageFormats = ['table', 'csv', 'json'] as const;
export type CoverageFormat = (typeof coverageFormats)[number];

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

const headers = [
  'Tỉnh\nProvince',
  'Huyện\nDistrict',
  'Sản phẩm\nProducts',
  'Chủ thể\nProducers',
  'Có bán\nLive',
  'Tỷ lệ\nShare',
  `Đạt ${percent(COVERAGE_TARGET)}\nTarget`,
  ...channels,
];

function cells(line: CoverageLine): string[] {
  const district =
    line.level === 'district' ? line.district : line.level === 'province' ? '(tổng / all)' : '';
  return [
    line.level === 'total' ? 'Tổng / Total' : line.province,
    district,
    String(line.certifiedProducts),
    String(line.producers),
    String(line.producersLive),
    percent(line.liveShare),
    line.meetsTarget ? 'đạt / yes' : 'chưa / no',
    ...channels.map((channel) => String(line.liveByChannel[channel])),
  ];
}

export function formatCoverage(lines: readonly CoverageLine[], format: CoverageFormat): string {
  if (format === 'json') return JSON.stringify({ target: COVERAGE_TARGET, lines }, null, 2);
  if (format === 'csv') return toCsv(lines);
  const table = new Table({ head: headers, ...compactTable });
  for (const line of lines) table.push(cells(line));
  return table.toString();
}

/** Machine-friendly CSV: English headers, plain numbers, share as a fraction. */
function toCsv(lines: readonly CoverageLine[]): string {
  const head = [
    'level',
    'province',
    'district',
    'certified_products',
    'producers',
    'producers_live',
    'live_share',
    'meets_target',
    ...channels.map((channel) => `producers_live_${channel}`),
  ];
  const rows = lines.map((line) => [
    line.level,
    line.province,
    line.district,
    String(line.certifiedProducts),
    String(line.producers),
    String(line.producersLive),
    line.liveShare.toFixed(4),
    String(line.meetsTarget),
    ...channels.map((channel) => String(line.liveByChannel[channel])),
  ]);
  return [head, ...rows].map((row) => row.map(csvField).join(',')).join('\n');
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
