// Records every outgoing TCP connection this process opens and whether it stayed on loopback: the benchmark must
// not talk to anything but 127.0.0.1 (no usage reporting, no telemetry, no schema registry).
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

const remotes = new Set<string>();

export function watchOutgoingConnections() {
  subscribe('net.client.socket', (message) => {
    const socket = (message as { socket: Socket }).socket;
    socket.once('connect', () => remotes.add(`${socket.remoteAddress}:${socket.remotePort}`));
    socket.once('lookup', (_err: unknown, address: string) => remotes.add(`lookup ${address}`));
  });
}

/** Addresses connected to that are not loopback. */
export function nonLoopbackConnections(): string[] {
  return [...remotes].filter((remote) => !/(^|\s)(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+):/.test(remote) && !/^lookup (127\.|::1$)/.test(remote));
}
