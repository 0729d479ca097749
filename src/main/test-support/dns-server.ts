import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import packet from 'dns-packet';

/** How the test server answers for one name. */
export type Answer = { txt: string[] } | { rcode: 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' } | { silent: true };

/**
 * A real DNS server on 127.0.0.1 (UDP, a free port) for tests: it answers TXT
 * queries from `zone`, NXDOMAIN for names it does not know, and can be told to
 * fail or to stay silent (so the resolver times out).
 */
export async function startDnsServer(zone: Record<string, Answer>) {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (message, remote) => {
    const query = packet.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    queries.push(name);
    const answer = zone[name];
    if (answer && 'silent' in answer) return;
    const rcode = answer === undefined ? 'NXDOMAIN' : 'rcode' in answer ? answer.rcode : 'NOERROR';
    const answers =
      answer && 'txt' in answer && question.type === 'TXT'
        ? answer.txt.map((text) => ({ type: 'TXT' as const, name: question.name, ttl: 60, class: 'IN' as const, data: text }))
        : [];
    const reply = packet.encode({
      id: query.id,
      type: 'response',
      flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | rcodeFlag(rcode),
      questions: query.questions,
      answers,
    });
    socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    /** The names asked for, in order. */
    queries,
    set(name: string, answer: Answer) {
      zone[name.toLowerCase()] = answer;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function rcodeFlag(rcode: string): number {
  const codes: Record<string, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };
  return codes[rcode] ?? 0;
}
