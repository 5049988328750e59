import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  type DescribeReplayCommandOutput,
  DescribeRuleCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import type { Clients } from '../target/clients.js';
import type { Target } from '../target/target.js';

export interface ReplayRequest {
  from: Date;
  to: Date;
  /** Route names (`certification`); only their rules receive the replayed events. All rules when empty. */
  rules: readonly string[];
  replayName?: string | undefined;
  /** Poll DescribeReplay until the replay ends. */
  wait?: boolean;
  pollMs?: number;
  timeoutMs?: number;
}

export interface ReplayOutcome {
  replayName: string;
  state: string;
  stateReason: string | undefined;
}

const finished = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `ocop-sync replay`: StartReplay from the stack's archive back onto its bus, optionally only to some rules
 * (FilterArns), then DescribeReplay until it ends. The ARNs come from DescribeArchive and DescribeRule, so
 * nothing about the account is guessed. Replayed events carry `replay-name`; the consumers are idempotent,
 * so events already applied are duplicates and change nothing.
 */
export async function startReplay(
  context: { target: Target; clients: Clients },
  request: ReplayRequest,
): Promise<ReplayOutcome> {
  const { eventBridge } = context.clients;
  if (!(request.to > request.from)) throw new Error('--to must be after --from');
  const archive = await eventBridge.send(
    new DescribeArchiveCommand({ ArchiveName: context.target.archiveName }),
  );
  if (!archive.ArchiveArn || !archive.EventSourceArn)
    throw new Error(`archive ${context.target.archiveName}: no ARN`);
  const filterArns = await Promise.all(
    request.rules.map(async (rule) => {
      const described = await eventBridge.send(
        new DescribeRuleCommand({
          Name: context.target.queueName(rule),
          EventBusName: context.target.eventBusName,
        }),
      );
      if (!described.Arn) throw new Error(`rule ${rule}: no ARN`);
      return described.Arn;
    }),
  );
  const replayName =
    request.replayName ??
    `ocop-sync-${request.from
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 12)}-${Date.now()}`;
  await eventBridge.send(
    new StartReplayCommand({
      ReplayName: replayName,
      EventSourceArn: archive.ArchiveArn,
      EventStartTime: request.from,
      EventEndTime: request.to,
      Destination: {
        Arn: archive.EventSourceArn,
        ...(filterArns.length > 0 ? { FilterArns: filterArns } : {}),
      },
    }),
  );
  let described: DescribeReplayCommandOutput = await eventBridge.send(
    new DescribeReplayCommand({ ReplayName: replayName }),
  );
  const deadline = Date.now() + (request.timeoutMs ?? 15 * 60_000);
  while (request.wait !== false && !finished.has(described.State ?? '') && Date.now() < deadline) {
    await sleep(request.pollMs ?? 2000);
    described = await eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName }));
  }
  return { replayName, state: described.State ?? 'UNKNOWN', stateReason: described.StateReason };
}
