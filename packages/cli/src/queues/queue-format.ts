import Table from 'cli-table3';
import { compactTable } from '../table-style.js';
import type { ParkedMessage } from './parked-messages.js';
import type { QueueStatus } from './queue-status.js';

/** 0 s, 42 s, 3 min, 5 h, 2 d. */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) return '— (CloudWatch)';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function formatStatus(statuses: readonly QueueStatus[]): string {
  const table = new Table({
    head: [
      'Hàng đợi\nQueue',
      'Kênh\nChannel',
      'Chờ\nWaiting',
      'Đang xử lý\nIn flight',
      'Cũ nhất\nOldest',
      'DLQ',
      'Lỗi gần nhất\nLast errors',
    ],
    ...compactTable,
  });
  for (const status of statuses) {
    table.push([
      status.queueName,
      status.channel ?? '',
      String(status.visible),
      String(status.inFlight),
      formatAge(status.oldestMessageAgeSeconds),
      String(status.deadLetters),
      status.lastErrors.map((error) => cut(error, 100)).join('\n'),
    ]);
  }
  return table.toString();
}

export function formatParkedList(queueName: string, messages: readonly ParkedMessage[]): string {
  if (messages.length === 0) return `${queueName}: trống / empty`;
  const table = new Table({
    head: ['Id', 'Detail-type', 'Lý do\nReason', 'Tuổi\nAge', 'Lần nhận\nReceives'],
    ...compactTable,
  });
  for (const message of messages) {
    const reason = message.errorType ? `${message.errorType}: ${message.reason}` : message.reason;
    table.push([
      message.messageId,
      message.detailType,
      cut(reason, 120),
      formatAge(message.ageSeconds),
      String(message.receiveCount),
    ]);
  }
  return `${queueName}: ${messages.length}\n${table.toString()}`;
}

export function formatParkedMessage(queueName: string, message: ParkedMessage): string {
  return [
    `Queue:        ${queueName}`,
    `Message id:   ${message.messageId}`,
    `Detail-type:  ${message.detailType}${message.detailEventId ? ` (eventId ${message.detailEventId})` : ''}`,
    `Error type:   ${message.errorType ?? '—'}`,
    `Reason:       ${message.reason}`,
    `Parked at:    ${message.sentAt.toISOString()} (${formatAge(message.ageSeconds)} ago)`,
    `Receives:     ${message.receiveCount}`,
    'Body:',
    prettyJson(message.body),
  ].join('\n');
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
