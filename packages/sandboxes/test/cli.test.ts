import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

describe('sandbox CLI', () => {
  it('validates its arguments', () => {
    expect(parseCliArgs(['shopee', '--port', '0'])).toMatchObject({
      ok: true,
      args: { kind: 'shopee', port: 0, seed: 1 },
    });
    expect(parseCliArgs(['tiki'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['lazada', '--port', 'x'])).toMatchObject({ ok: false });
  });

  it('starts, prints a URL and a ready shop, and answers on it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'postmart', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('"shop"') && text.trimEnd().endsWith('}')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const info = await fetch(`${url}/__sandbox/info`).then((response) => response.json());
      expect(info).toMatchObject({ kind: 'postmart' });
      expect(output).toContain('PM-SELLER-000001');
    } finally {
      child.kill('SIGINT');
    }
  });
});
