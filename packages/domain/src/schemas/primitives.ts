import { z } from 'zod';
import { normalizeText } from '../text.js';

/** Human text: normalised to NFC with whitespace collapsed at the edge, so NFD input and NFC input are equal. */
export const text = (options: { min?: number; max: number }) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(options.min ?? 1, { error: `must not be empty` })
        .max(options.max, { error: `must be at most ${options.max} characters` }),
    );

/** Stable identifiers: upper/lower letters, digits, dash, underscore, dot; no spaces, no separators we use in keys. */
export const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, {
  error: 'must be 1-80 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

/** Prices are whole Vietnamese đồng: integers, no decimals. */
export const vnd = z
  .number({ error: 'must be a number of VND' })
  .int({ error: 'must be a whole number of VND (no decimals)' })
  .min(0, { error: 'must not be negative' })
  .max(1_000_000_000, { error: 'must be at most 1,000,000,000 VND' });

export const quantity = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must not be negative' })
  .max(1_000_000, { error: 'must be at most 1,000,000' });

export const positiveQuantity = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .max(1_000_000, { error: 'must be at most 1,000,000' });

/** A calendar date (Asia/Ho_Chi_Minh), e.g. "2024-11-14". */
export const isoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });

/** An instant with an explicit offset, e.g. "2024-11-14T09:30:00+07:00". */
export const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'must be a date-time with a time zone offset',
});

/** Aggregate version: increases with every change the source makes; older versions never overwrite newer ones. */
export const version = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' });

export const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https URL' })
  .max(2048, { error: 'must be at most 2048 characters' });
