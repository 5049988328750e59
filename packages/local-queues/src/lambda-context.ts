import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './constants.js';
import { LocalQueuesError } from './errors.js';

export interface LambdaContextOptions {
  functionName: string;
  region: string;
  memoryLimitInMB: number;
  awsRequestId: string;
  /** Epoch ms at which the invocation times out; `getRemainingTimeInMillis` counts down to it. */
  deadline: number;
  logStreamName: string;
}

/** A log stream name in Lambda's shape: `YYYY/MM/DD/[$LATEST]<32 hex>`, one per execution environment. */
export function newLogStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * The `Context` Lambda passes to a Node.js handler. The callback-era `done`/`fail`/`succeed` throw: handlers in
 * this project are async.
 */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const unsupported = (name: string) => () => {
    throw new LocalQueuesError(
      `context.${name}() is not supported locally; return or throw from an async handler`,
    );
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${LOCAL_ACCOUNT_ID}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB),
    awsRequestId: options.awsRequestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: options.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, options.deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
