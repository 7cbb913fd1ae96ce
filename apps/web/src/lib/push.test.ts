import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, bytesToBase64Url, deviceLabel, isPushSupported, subscriptionBody } from './push';

describe('base64url', () => {
  it('decodes unpadded base64url, with - and _', () => {
    expect([...base64UrlToBytes('-_8')]).toEqual([0xfb, 0xff]);
    expect([...base64UrlToBytes('AQID')]).toEqual([1, 2, 3]);
    expect([...base64UrlToBytes('AQ')]).toEqual([1]);
    expect([...base64UrlToBytes('AQ==')]).toEqual([1]);
    expect(base64UrlToBytes('')).toHaveLength(0);
  });

  it('decodes a VAPID public key to the 65 bytes of an uncompressed P-256 point', () => {
    const key = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
    const bytes = base64UrlToBytes(key);
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(0x04);
    expect(bytesToBase64Url(bytes)).toBe(key);
  });

  it('refuses what is not base64url', () => {
    expect(() => base64UrlToBytes('a+b/')).toThrow();
    expect(() => base64UrlToBytes('a b')).toThrow();
  });

  it('encodes without padding, from a buffer or a view', () => {
    expect(bytesToBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(bytesToBase64Url(new Uint8Array([1]).buffer)).toBe('AQ');
    const all = new Uint8Array(256).map((_, index) => index);
    expect([...base64UrlToBytes(bytesToBase64Url(all))]).toEqual([...all]);
  });
});

describe('isPushSupported', () => {
  const full = { Notification: class {}, PushManager: class {}, navigator: { serviceWorker: {} } };

  it('needs Notification, a service worker container and PushManager', () => {
    expect(isPushSupported(full)).toBe(true);
    expect(isPushSupported({ ...full, Notification: undefined })).toBe(false);
    expect(isPushSupported({ ...full, PushManager: undefined })).toBe(false);
    expect(isPushSupported({ ...full, navigator: {} })).toBe(false);
    expect(isPushSupported({ ...full, isSecureContext: false })).toBe(false);
    expect(isPushSupported(undefined)).toBe(false);
  });
});

describe('subscriptionBody', () => {
  const json = {
    endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
    expirationTime: null,
    keys: { p256dh: 'BPk', auth: 'q1' },
  };

  it('keeps what the API takes, with a label cut to 80 characters', () => {
    expect(subscriptionBody(json, 'Chrome · Linux')).toEqual({ ...json, label: 'Chrome · Linux' });
    expect(subscriptionBody(json, 'x'.repeat(100)).label).toHaveLength(80);
    expect(subscriptionBody({ ...json, expirationTime: undefined })).toEqual(json);
  });

  it('refuses a subscription without its keys', () => {
    expect(() => subscriptionBody({ endpoint: json.endpoint })).toThrow();
    expect(() => subscriptionBody({ keys: json.keys })).toThrow();
  });
});

describe('deviceLabel', () => {
  it('names the browser and the system', () => {
    expect(
      deviceLabel(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome · Linux');
    expect(
      deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0'),
    ).toBe('Firefox · Windows');
    expect(
      deviceLabel(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari · iOS');
    expect(deviceLabel('curl/8')).toBe('Browser');
  });
});
