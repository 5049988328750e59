import { describe, expect, it } from 'vitest';
import { type Json, normalizeTemplate } from './normalize-template.js';
import { synthesize } from './synthesize.js';

describe('the synthesised template', () => {
  it('matches the reviewed snapshot (asset hashes normalised)', () => {
    const { template } = synthesize();
    expect(normalizeTemplate(template.toJSON() as Json)).toMatchSnapshot();
  });
});
