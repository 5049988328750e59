import { describe, expect, it } from 'vitest';
import { DestinationRefusedError } from '../src/errors.js';
import { createHttpTransport } from '../src/http-transport.js';
import { checkDestination, isAllowedAddress, validateEndpointUrl } from '../src/ssrf-guard.js';
import type { HostResolver } from '../src/types.js';

const resolvesTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('SSRF guard', () => {
  describe('in production mode', () => {
    it.each([
      ['10.0.0.1', 'private 10/8'],
      ['172.16.5.4', 'private 172.16/12'],
      ['192.168.1.10', 'private 192.168/16'],
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback /8'],
      ['0.0.0.0', 'unspecified'],
      ['169.254.169.254', 'cloud metadata (link-local)'],
      ['169.254.1.1', 'link-local'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['100.100.100.200', 'Alibaba metadata'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'broadcast'],
      ['192.0.2.1', 'documentation (reserved)'],
      ['::1', 'IPv6 loopback'],
      ['::', 'IPv6 unspecified'],
      ['fe80::1', 'IPv6 link-local'],
      ['fc00::1', 'IPv6 unique local'],
      ['fd00:ec2::254', 'AWS IPv6 metadata'],
      ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
      ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
      ['::ffff:a00:1', 'IPv4-mapped private, hex form'],
      ['::127.0.0.1', 'IPv4-compatible loopback'],
      ['64:ff9b::a00:1', 'NAT64 of a private address'],
      ['2002:7f00:1::', '6to4 of loopback'],
      ['ff02::1', 'IPv6 multicast'],
    ])('refuses %s (%s)', (address) => {
      expect(isAllowedAddress(address, 'production')).toBe(false);
    });

    it.each(['203.113.131.1', '14.225.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
      'allows public %s',
      (address) => {
        expect(isAllowedAddress(address, 'production')).toBe(true);
      },
    );

    it.each([
      ['https://2130706433/hook', 'decimal loopback'],
      ['https://0177.0.0.1/hook', 'octal loopback'],
      ['https://0x7f.0.0.1/hook', 'hex loopback'],
      ['https://0xA9FEA9FE/latest/meta-data', 'hex metadata'],
      ['https://169.254.169.254/latest/meta-data', 'metadata'],
      ['https://[::ffff:127.0.0.1]/hook', 'bracketed IPv4-mapped'],
      ['https://[::1]:8443/hook', 'IPv6 loopback with port'],
      ['https://10.1.2.3/hook', 'private'],
      ['https://3232235777/hook', 'decimal 192.168.1.1'],
      ['http://webhook.htx-chexanh.vn/hook', 'plain http'],
      ['ftp://webhook.htx-chexanh.vn/hook', 'another scheme'],
      ['https://user:pass@webhook.htx-chexanh.vn/hook', 'credentials in the URL'],
      ['not a url', 'not a URL'],
    ])('refuses the URL %s (%s)', (url) => {
      expect(() => validateEndpointUrl(url, 'production')).toThrow(DestinationRefusedError);
    });

    it('refuses a hostname that resolves to a private address', async () => {
      await expect(
        checkDestination('https://hook.htx-mattong.vn/ocop', 'production', resolvesTo('192.168.0.7')),
      ).rejects.toThrow(/refused address 192.168.0.7/);
    });

    it('refuses a hostname when any of its addresses is private', async () => {
      await expect(
        checkDestination(
          'https://hook.htx-mattong.vn/ocop',
          'production',
          resolvesTo('203.113.131.1', '::ffff:10.0.0.1'),
        ),
      ).rejects.toThrow(DestinationRefusedError);
    });

    it('accepts a hostname that resolves to public addresses only', async () => {
      const url = await checkDestination(
        'https://hook.htx-mattong.vn/ocop',
        'production',
        resolvesTo('203.113.131.1'),
      );
      expect(url.hostname).toBe('hook.htx-mattong.vn');
    });
  });

  describe('in local mode', () => {
    it('allows loopback and http for the demo receiver', () => {
      expect(isAllowedAddress('127.0.0.1', 'local')).toBe(true);
      expect(isAllowedAddress('::1', 'local')).toBe(true);
      expect(validateEndpointUrl('http://127.0.0.1:4010/hook', 'local').port).toBe('4010');
    });

    it('still refuses private, link-local and metadata addresses', () => {
      for (const address of ['10.0.0.1', '169.254.169.254', 'fe80::1', '::ffff:192.168.1.1']) {
        expect(isAllowedAddress(address, 'local')).toBe(false);
      }
    });
  });

  describe('at connection time', () => {
    it('refuses an address that a hostname rebinds to after the registration check', async () => {
      // Prepare: the first answer (registration) is public, the next one (connection) is private.
      const answers = [['203.113.131.1'], ['10.0.0.5']];
      const rebinding: HostResolver = async () =>
        (answers.shift() ?? ['10.0.0.5']).map((address) => ({ address, family: 4 as const }));
      await checkDestination('https://rebind.example.vn/hook', 'production', rebinding);
      const transport = createHttpTransport({ mode: 'production', resolver: rebinding });

      // Act
      const result = await transport.send({ url: 'https://rebind.example.vn/hook', headers: {}, body: '{}' });
      transport.close();

      // Assess
      expect(result).toEqual({ kind: 'error', error: 'destination-refused', code: 'refused-address' });
    });

    it('refuses an IP literal URL without resolving it', async () => {
      const transport = createHttpTransport({ mode: 'production', resolver: resolvesTo('203.113.131.1') });
      const result = await transport.send({ url: 'https://[::ffff:7f00:1]/hook', headers: {}, body: '{}' });
      transport.close();
      expect(result).toMatchObject({ kind: 'error', error: 'destination-refused' });
    });

    it('refuses loopback in production mode even over a hostname', async () => {
      const transport = createHttpTransport({ mode: 'production', resolver: resolvesTo('127.0.0.1') });
      const result = await transport.send({ url: 'https://localhost.evil.vn/hook', headers: {}, body: '{}' });
      transport.close();
      expect(result).toMatchObject({ kind: 'error', error: 'destination-refused' });
    });
  });
});
