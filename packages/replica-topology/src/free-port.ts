import net from 'node:net';

/**
 * A port nothing listens on right now, for a child process to bind. The kernel picks it; a race with another
 * process taking it in between is possible but the child then fails to start with a clear EADDRINUSE in its log.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
