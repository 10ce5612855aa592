// Preloaded into the server (`node --require out/test/protocol/noNetwork.js`) by the protocol
// tests of the language features: any attempt to open a socket or resolve a host name is written
// to stderr as `NETWORK ACCESS` and fails, so a test sees it and nothing leaves the machine.
import dns from 'node:dns';
import net from 'node:net';

function refuse(what: string): never {
  process.stderr.write(`NETWORK ACCESS: ${what}\n`);
  throw new Error(`network access refused in tests: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const [first] = args;
  // Local IPC (a path or an options object with a path) is how a server may talk to its client.
  const isPipe = typeof first === 'string' || (typeof first === 'object' && first !== null && 'path' in first);
  if (!isPipe) {
    refuse(`socket connect ${JSON.stringify(first)}`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

dns.lookup = ((hostname: string) => refuse(`dns lookup ${hostname}`)) as unknown as typeof dns.lookup;
