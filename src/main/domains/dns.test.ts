import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import packet from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { startDnsServer } from '../test-support/dns-server';
import { lookupTxt, parseDnsServer } from './dns';

let server: Awaited<ReturnType<typeof startDnsServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('lookupTxt against a real DNS server', () => {
  it('reads records, no records, NXDOMAIN, SERVFAIL and silence as what they are', async () => {
    server = await startDnsServer({
      'one.test': { txt: ['roster-verification=abc'] },
      'two.test': { txt: ['v=spf1 -all', 'roster-verification=abc'] },
      'empty.test': { txt: [] },
      'broken.test': { rcode: 'SERVFAIL' },
      'silent.test': { silent: true },
    });
    const ask = (name: string) => lookupTxt(name, [server!.address], 300);
    expect(await ask('one.test')).toEqual({ kind: 'records', records: ['roster-verification=abc'] });
    expect(await ask('two.test')).toEqual({ kind: 'records', records: ['v=spf1 -all', 'roster-verification=abc'] });
    expect(await ask('empty.test')).toEqual({ kind: 'nodata' });
    expect(await ask('nowhere.test')).toEqual({ kind: 'nxdomain' });
    expect(await ask('broken.test')).toEqual({ kind: 'servfail' });
    expect(await ask('silent.test')).toEqual({ kind: 'timeout' });
  });
});

describe('a long TXT record', () => {
  it('is read as one value, its 255-byte strings joined', async () => {
    const value = `roster-verification=${'x'.repeat(300)}`;
    const chunks = [value.slice(0, 255), value.slice(255)];
    // The test server sends one string a record; this one sends the record split as DNS carries it.
    const socket = dgram.createSocket('udp4');
    socket.on('message', (message, remote) => {
      const query = packet.decode(message);
      const answers = [{ type: 'TXT' as const, name: query.questions![0]!.name, ttl: 60, class: 'IN' as const, data: chunks }];
      socket.send(packet.encode({ id: query.id, type: 'response', flags: packet.RECURSION_AVAILABLE, questions: query.questions, answers }), remote.port, remote.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = socket.address() as AddressInfo;
      expect(await lookupTxt('_roster-challenge.acme.com', [`127.0.0.1:${port}`], 300)).toEqual({ kind: 'records', records: [value] });
    } finally {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    }
  });
});

describe('parseDnsServer', () => {
  it.each(['1.1.1.1', '127.0.0.1:5353', '[::1]:53', '[2001:db8::1]'])('takes %j', (text) => expect(parseDnsServer(text)).toBe(text));
  it.each(['dns.google', '1.1.1', '127.0.0.1:0', '127.0.0.1:70000', '::1:53', ''])('refuses %j', (text) => expect(parseDnsServer(text)).toBeNull());
});
