import { describe, expect, it } from 'vitest';
import { classifyLazadaError } from '../src/lazada/errors.js';
import { classifyPostmartError } from '../src/postmart/errors.js';
import { classifyShopeeError } from '../src/shopee/errors.js';

const errorOf = (verdict: { kind: string; error?: unknown }) =>
  verdict.kind === 'fail' ? verdict.error : undefined;

describe('error classification', () => {
  it('retries Shopee "try later" errors and re-signs on an invalid timestamp', () => {
    expect(classifyShopeeError('error_system_busy', 'try later', 429)).toMatchObject({
      kind: 'retry',
      throttled: true,
    });
    expect(classifyShopeeError('product.error_server', 'Something wrong', 200)).toMatchObject({
      kind: 'retry',
    });
    expect(classifyShopeeError('error_param', 'Invalid timestamp.', 200)).toMatchObject({ kind: 'retry' });
  });

  it('tells a refused Shopee access token from a lost shop and a bad partner key', () => {
    expect(errorOf(classifyShopeeError('error_auth', 'Invalid access_token.', 200))).toMatchObject({
      name: 'InvalidAccessTokenError',
    });
    expect(errorOf(classifyShopeeError('refresh_token_expired', 'expired', 200))).toMatchObject({
      resolution: 'reauthorize-shop',
    });
    expect(errorOf(classifyShopeeError('error_sign', 'Wrong sign.', 200))).toMatchObject({
      resolution: 'fix-configuration',
    });
  });

  it('names the field of a Shopee refusal', () => {
    expect(errorOf(classifyShopeeError('error_price_exceed_min_limitt', 'below min', 200))).toMatchObject({
      name: 'PermanentError',
      kind: 'field-rejected',
      field: 'priceVnd',
    });
    expect(
      errorOf(classifyShopeeError('error_param', 'invalid field weight: must be > 0', 200)),
    ).toMatchObject({ field: 'weightGrams' });
    expect(errorOf(classifyShopeeError('error_invalid_category', 'Invalid category ID', 200))).toMatchObject({
      kind: 'category-invalid',
    });
  });

  it('retries Lazada throttling for a second and names the field of a business refusal', () => {
    expect(classifyLazadaError({ code: 'ApiCallLimit', message: 'ban 1 s' }, 200)).toMatchObject({
      retryAfterMs: 1_000,
      throttled: true,
    });
    expect(errorOf(classifyLazadaError({ code: 'IllegalAccessToken' }, 200))).toMatchObject({
      name: 'InvalidAccessTokenError',
    });
    expect(errorOf(classifyLazadaError({ code: 'IllegalRefreshToken' }, 200))).toMatchObject({
      name: 'NeedsHumanError',
    });
    const error = errorOf(
      classifyLazadaError({ code: '4160', message: 'too long', detail: [{ field: 'Attributes.name' }] }, 200),
    );
    expect(error).toMatchObject({ kind: 'field-rejected', field: 'name' });
    expect(errorOf(classifyLazadaError({ code: '4105', message: 'SellerSku repeat' }, 200))).toMatchObject({
      kind: 'conflict',
    });
  });

  it('reads Postmart codes, statuses and Retry-After', () => {
    expect(classifyPostmartError({ code: 'RATE_LIMITED' }, 429, 1_000)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 1_000,
    });
    expect(classifyPostmartError({ code: 'NONCE_REUSED' }, 401)).toMatchObject({ kind: 'retry' });
    expect(errorOf(classifyPostmartError({ code: 'SELLER_NOT_AUTHORIZED' }, 403))).toMatchObject({
      resolution: 'reauthorize-shop',
    });
    const invalid = { code: 'INVALID_PARAM', errors: [{ field: 'skus[0].price_vnd', rule: 'integer' }] };
    const error = errorOf(classifyPostmartError(invalid, 400));
    expect(error).toMatchObject({ kind: 'field-rejected', field: 'priceVnd' });
    expect((error as { humanMessage: { vi: string } }).humanMessage.vi).toContain('giá');
  });
});
