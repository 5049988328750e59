import { z } from 'zod';
import type { EventBus, ReplayResult } from './bus.js';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from './constants.js';
import { EventBusError } from './errors.js';

/**
 * EventBridge's archive and replay API over the local bus (StartReplay, DescribeReplay, DescribeArchive,
 * DescribeRule), so `ocop-sync replay` and `aws events start-replay --endpoint-url` work locally as on AWS.
 * The local bus archives every event it accepts in one archive named `<bus>-archive`. ARNs use the local
 * account and region. Timestamps are epoch seconds, as AWS JSON 1.1 writes them.
 */

/** A wire error the HTTP server renders as `{ __type, message }` with this status. */
export class ReplayApiError extends EventBusError {
  constructor(
    readonly type: 'ResourceNotFoundException' | 'ResourceAlreadyExistsException' | 'ValidationException',
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type ReplayState = 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

interface Replay {
  name: string;
  state: ReplayState;
  stateReason?: string;
  eventSourceArn: string;
  destination: { Arn: string; FilterArns?: string[] };
  from: Date;
  to: Date;
  startedAt: Date;
  endedAt?: Date;
  result?: ReplayResult;
}

const arnPrefix = `arn:aws:events:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}`;
export const localArchiveName = (bus: EventBus) => `${bus.name}-archive`;
const busArn = (bus: EventBus) => `${arnPrefix}:event-bus/${bus.name}`;
const archiveArn = (bus: EventBus) => `${arnPrefix}:archive/${localArchiveName(bus)}`;
const ruleArn = (bus: EventBus, rule: string) => `${arnPrefix}:rule/${bus.name}/${rule}`;
const replayArn = (name: string) => `${arnPrefix}:replay/${name}`;
const seconds = (date: Date) => date.getTime() / 1000;
const timestamp = z
  .union([z.number(), z.string()])
  .transform((value) => new Date(typeof value === 'number' ? value * 1000 : value));

const startReplayRequest = z.object({
  ReplayName: z.string().regex(/^[.\-_A-Za-z0-9]{1,64}$/),
  EventSourceArn: z.string().min(1),
  EventStartTime: timestamp,
  EventEndTime: timestamp,
  Destination: z.object({ Arn: z.string().min(1), FilterArns: z.array(z.string()).optional() }),
  Description: z.string().optional(),
});
const nameRequest = (field: string) =>
  z.object({ [field]: z.string().min(1) }).transform((body) => String(body[field]));
const describeRuleRequest = z.object({ Name: z.string().min(1), EventBusName: z.string().optional() });

const replaysOf = new WeakMap<EventBus, Map<string, Replay>>();

function replays(bus: EventBus): Map<string, Replay> {
  const found = replaysOf.get(bus);
  if (found) return found;
  const created = new Map<string, Replay>();
  replaysOf.set(bus, created);
  return created;
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
    );
    throw new ReplayApiError('ValidationException', problems.join('; '));
  }
  return result.data;
}

function startReplay(body: unknown, bus: EventBus) {
  const request = parse(startReplayRequest, body);
  if (request.EventSourceArn !== archiveArn(bus)) {
    throw new ReplayApiError(
      'ResourceNotFoundException',
      `Archive ${request.EventSourceArn} does not exist.`,
    );
  }
  if (request.Destination.Arn !== busArn(bus)) {
    throw new ReplayApiError('ValidationException', 'Destination must be the event bus of the archive.');
  }
  if (!(request.EventEndTime > request.EventStartTime)) {
    throw new ReplayApiError('ValidationException', 'EventEndTime must be after EventStartTime.');
  }
  const known = replays(bus);
  if (known.has(request.ReplayName)) {
    throw new ReplayApiError(
      'ResourceAlreadyExistsException',
      `Replay ${request.ReplayName} already exists.`,
    );
  }
  const ruleNames = request.Destination.FilterArns?.map((arn) => {
    const name = arn.startsWith(`${arnPrefix}:rule/${bus.name}/`) ? arn.split('/').pop() : undefined;
    if (name === undefined || !bus.ruleNames().includes(name)) {
      throw new ReplayApiError('ResourceNotFoundException', `Rule ${arn} does not exist.`);
    }
    return name;
  });
  const replay: Replay = {
    name: request.ReplayName,
    state: 'RUNNING',
    eventSourceArn: request.EventSourceArn,
    destination: request.Destination,
    from: request.EventStartTime,
    to: request.EventEndTime,
    startedAt: new Date(),
  };
  known.set(replay.name, replay);
  bus
    .replay({
      from: replay.from,
      to: replay.to,
      replayName: replay.name,
      ...(ruleNames ? { ruleNames } : {}),
    })
    .then(
      (result) => Object.assign(replay, { state: 'COMPLETED', result, endedAt: new Date() }),
      (error: unknown) =>
        Object.assign(replay, {
          state: 'FAILED',
          stateReason: error instanceof Error ? error.message : 'replay failed',
          endedAt: new Date(),
        }),
    );
  return { ReplayArn: replayArn(replay.name), State: 'STARTING', ReplayStartTime: seconds(replay.startedAt) };
}

function describeReplay(body: unknown, bus: EventBus) {
  const name = parse(nameRequest('ReplayName'), body);
  const replay = replays(bus).get(name);
  if (!replay) throw new ReplayApiError('ResourceNotFoundException', `Replay ${name} does not exist.`);
  return {
    ReplayName: replay.name,
    ReplayArn: replayArn(replay.name),
    State: replay.state,
    ...(replay.stateReason ? { StateReason: replay.stateReason } : {}),
    EventSourceArn: replay.eventSourceArn,
    Destination: replay.destination,
    EventStartTime: seconds(replay.from),
    EventEndTime: seconds(replay.to),
    ReplayStartTime: seconds(replay.startedAt),
    ...(replay.endedAt
      ? { ReplayEndTime: seconds(replay.endedAt), EventLastReplayedTime: seconds(replay.endedAt) }
      : {}),
  };
}

function describeArchive(body: unknown, bus: EventBus) {
  const name = parse(nameRequest('ArchiveName'), body);
  if (name !== localArchiveName(bus))
    throw new ReplayApiError('ResourceNotFoundException', `Archive ${name} does not exist.`);
  return {
    ArchiveName: name,
    ArchiveArn: archiveArn(bus),
    EventSourceArn: busArn(bus),
    State: 'ENABLED',
    EventCount: bus.archive.count,
    RetentionDays: 0,
  };
}

function describeRule(body: unknown, bus: EventBus) {
  const request = parse(describeRuleRequest, body);
  if ((request.EventBusName ?? bus.name) !== bus.name || !bus.ruleNames().includes(request.Name)) {
    throw new ReplayApiError(
      'ResourceNotFoundException',
      `Rule ${request.Name} does not exist on EventBus ${bus.name}.`,
    );
  }
  return { Name: request.Name, Arn: ruleArn(bus, request.Name), EventBusName: bus.name, State: 'ENABLED' };
}

/** Registered by the HTTP server next to PutEvents and TestEventPattern. */
export const replayOperations: Readonly<Record<string, (body: unknown, bus: EventBus) => Promise<unknown>>> =
  {
    StartReplay: async (body, bus) => startReplay(body, bus),
    DescribeReplay: async (body, bus) => describeReplay(body, bus),
    DescribeArchive: async (body, bus) => describeArchive(body, bus),
    DescribeRule: async (body, bus) => describeRule(body, bus),
  };
