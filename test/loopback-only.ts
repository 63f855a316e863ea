// Vitest setup file: the servers under test may only talk to this machine. A library that phones home (usage
// telemetry, cloud-metadata probes) fails the test file that triggered it, naming the address.
import net from 'node:net';
import { afterAll } from 'vitest';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/i;
const attempts: string[] = [];

type ConnectArgs = Parameters<net.Socket['connect']>;
const originalConnect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;

function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (Array.isArray(first)) return hostOf(first);
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? undefined : (options.host ?? 'localhost');
  }
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  return undefined;
}

net.Socket.prototype.connect = function connect(this: net.Socket, ...args: ConnectArgs) {
  const host = hostOf(args);
  if (host !== undefined && !LOOPBACK.test(host)) attempts.push(host);
  return originalConnect.apply(this, args);
} as net.Socket['connect'];

afterAll(() => {
  if (attempts.length > 0) {
    throw new Error(`Connections to non-loopback addresses were attempted: ${[...new Set(attempts)].join(', ')}. Tests may only reach 127.0.0.1.`);
  }
});
