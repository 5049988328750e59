import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretBatchResponse } from '../src/batch-response.js';

const batch = new Set(['m-1', 'm-2', 'm-3']);

describe('partial batch response', () => {
  it.each([
    ['no return value', undefined],
    ['null', null],
    ['an object without batchItemFailures', { statusCode: 200 }],
    ['an empty list', { batchItemFailures: [] }],
    ['a null list', { batchItemFailures: null }],
  ])('counts %s as full success', (_label, result) => {
    // Act
    const outcome = interpretBatchResponse(result, batch, true);
    // Assess
    expect(outcome).toEqual({ kind: 'success' });
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a wrongly named key', { batchItemFailures: [{ messageId: 'm-1' }] }],
    ['a list that is not a list', { batchItemFailures: 'm-1' }],
    ['an id that is not in the batch', { batchItemFailures: [{ itemIdentifier: 'm-9' }] }],
  ])('fails the whole batch for %s', (_label, result) => {
    // Act
    const outcome = interpretBatchResponse(result, batch, true);
    // Assess
    expect(outcome.kind).toBe('failure');
  });

  it('ignores the response when ReportBatchItemFailures is off', () => {
    // Act
    const outcome = interpretBatchResponse({ batchItemFailures: [{ itemIdentifier: 'm-1' }] }, batch, false);
    // Assess
    expect(outcome).toEqual({ kind: 'success' });
  });

  it('retries exactly the reported messages of the batch', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 20 }), (ids) => {
        // Prepare
        const failed = ids.filter((_id, index) => index % 2 === 0);
        const response = { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
        // Act
        const outcome = interpretBatchResponse(response, new Set(ids), true);
        // Assess
        expect(outcome).toEqual({ kind: 'partial', failedMessageIds: new Set(failed) });
      }),
    );
  });
});
