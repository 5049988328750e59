import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detailTypes, formatIssues, parseEvent } from '../src/index.js';

const samplesDir = join(import.meta.dirname, '../../../events/samples');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? jsonFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

interface SampleEntry {
  source: string;
  'detail-type': string;
  detail: unknown;
}

/** Wraps a PutEvents-style sample entry in the envelope a rule target receives. */
function envelope(entry: SampleEntry) {
  return {
    version: '0',
    id: 'sample',
    account: '000000000000',
    time: '2024-11-14T02:00:00Z',
    region: 'ap-southeast-1',
    resources: [],
    ...entry,
  };
}

const files = jsonFiles(samplesDir);
const validFiles = files.filter((file) => !file.includes(`${join(samplesDir, 'invalid')}`));
const invalidFiles = files.filter((file) => file.includes(`${join(samplesDir, 'invalid')}`));

describe('event catalogue samples', () => {
  it.each(validFiles.map((file) => relative(samplesDir, file)))('%s: every event validates', (file) => {
    const entries = JSON.parse(readFileSync(join(samplesDir, file), 'utf8')) as SampleEntry[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const parsed = parseEvent(envelope(entry));
      expect(parsed.ok ? 'valid' : formatIssues(parsed.issues)).toBe('valid');
    }
  });

  it('covers every detail-type with at least one sample', () => {
    const covered = new Set(
      validFiles.flatMap((file) =>
        (JSON.parse(readFileSync(file, 'utf8')) as SampleEntry[]).map((entry) => entry['detail-type']),
      ),
    );
    expect(detailTypes.filter((type) => !covered.has(type))).toEqual([]);
  });

  it.each(invalidFiles.map((file) => relative(samplesDir, file)))(
    '%s: is rejected naming the field and the rule',
    (file) => {
      const sample = JSON.parse(readFileSync(join(samplesDir, file), 'utf8')) as {
        event: SampleEntry;
        expectedIssues: string[];
      };
      const parsed = parseEvent(envelope(sample.event));
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual(sample.expectedIssues);
    },
  );
});

describe('council decision sample', () => {
  const decisions = JSON.parse(
    readFileSync(join(samplesDir, 'registry/council-decisions.json'), 'utf8'),
  ) as SampleEntry[];
  const parsed = decisions.map((entry) => parseEvent(envelope(entry)));
  const certified = parsed.flatMap((result) =>
    result.ok && result.value['detail-type'] === 'ProductCertified' ? [result.value.detail] : [],
  );

  it('certifies at least 20 products across all six groups, all star levels and three provinces', () => {
    expect(certified.length).toBeGreaterThanOrEqual(20);
    expect(new Set(certified.map((detail) => detail.product.group)).size).toBe(6);
    expect(new Set(certified.map((detail) => detail.certificate.stars))).toEqual(new Set([3, 4, 5]));
    expect(new Set(certified.map((detail) => detail.product.area.province)).size).toBeGreaterThanOrEqual(3);
  });

  it('holds a name in NFD form that parsing normalises to NFC', () => {
    const raw = decisions.map((entry) => (entry.detail as { product: { name: string } }).product.name);
    const nfdIndex = raw.findIndex((name) => name !== name.normalize('NFC'));
    expect(nfdIndex).toBeGreaterThanOrEqual(0);
    expect(certified[nfdIndex]?.product.name).toBe(raw[nfdIndex]?.normalize('NFC'));
  });

  it('defaults the certificate expiry to 36 months after issue', () => {
    const first = certified[0];
    expect(first?.certificate.issuedOn).toBe('2024-11-14');
    expect(first?.certificate.expiresOn).toBe('2027-11-14');
  });
});
