import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { addressAllowed, checkOutboundUrl, outboundAgent } from './outbound';

const closed = { allowLoopback: false };
const loopback = { allowLoopback: true };

async function refusal(url: string, policy = closed): Promise<string | undefined> {
  try {
    await checkOutboundUrl(url, policy);
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('the outbound address guard', () => {
  it('allows public unicast addresses only, loopback when the policy says so, never private ranges', () => {
    for (const address of ['8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect(addressAllowed(address, closed), address).toBe(true);
    }
    const special = [
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      'fc00::1',
      'fe80::1',
      '::',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
    ];
    for (const address of special) {
      expect(addressAllowed(address, closed), address).toBe(false);
      expect(addressAllowed(address, loopback), address).toBe(address === '::ffff:127.0.0.1');
    }
    expect(addressAllowed('127.0.0.1', closed)).toBe(false);
    expect(addressAllowed('::1', closed)).toBe(false);
    expect(addressAllowed('127.0.0.1', loopback)).toBe(true);
    expect(addressAllowed('::1', loopback)).toBe(true);
    expect(addressAllowed('not-an-address', loopback)).toBe(false);
  });

  it('answers 400 WEBHOOK_URL_NOT_ALLOWED for http, credentials, private hosts and names that do not resolve', async () => {
    expect(await refusal('http://8.8.8.8/hook')).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('ftp://8.8.8.8/hook')).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('not a url')).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('https://user:pass@8.8.8.8/hook')).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('https://10.0.0.1/hook', loopback)).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('https://[fe80::1]/hook', loopback)).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('https://127.0.0.1/hook')).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('https://localhost/hook')).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('https://no-such-host.invalid/hook')).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(await refusal('https://127.0.0.1:8443/hook', loopback)).toBeUndefined();
    expect(await refusal('https://8.8.8.8/hook')).toBeUndefined();
  });

  it('refuses at connection time a name that resolves to a loopback address', async () => {
    const server = createServer((_request, response) => response.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const agent = outboundAgent(closed);
      const outcome = await new Promise<string>((resolve) => {
        const outgoing = request({ host: 'localhost', port, path: '/', agent }, () => resolve('connected'));
        outgoing.on('error', (error) => resolve(error.name));
        outgoing.end();
      });
      expect(outcome).toBe('OutboundAddressError');
      agent.destroy();
    } finally {
      server.close();
    }
  });
});
