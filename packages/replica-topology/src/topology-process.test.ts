import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inheritedEnv } from './env.ts';
import { findFreePort } from './free-port.ts';
import { createTopologyProcess } from './topology-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'topology-process-test-'));
const entry = (name: string, source: string) => {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
};
const start = async (name: string, path: string) => {
  const port = await findFreePort();
  const env = { ...inheritedEnv(), PORT: String(port) };
  return createTopologyProcess({ name, entry: path, cwd: resolve(import.meta.dirname, '../../..'), port, env, logFile: join(dir, `${name}.log`), readyTimeoutMs: 20_000 });
};
const pidAnswering = async (url: string) => Number(await (await fetch(`${url}/ready`)).text());

describe('a topology process', () => {
  it('that dies at start is reported by name, with the end of its log', async () => {
    const child = await start('broken-1', entry('broken.ts', "console.error('Invalid configuration: SOMETHING — expected a port');\nprocess.exit(1);\n"));
    await expect(child.ready()).rejects.toThrow(/broken-1 .*exited before it was ready[\s\S]*Invalid configuration: SOMETHING/);
    expect(child.unexpectedExits).toEqual(['broken-1 exited (code 1)']);
  });

  it('is ready when /ready answers 200, can be killed, and starts again on the same port', async () => {
    const server = entry(
      'server.ts',
      "import http from 'node:http';\nhttp.createServer((req, res) => { res.statusCode = req.url === '/ready' ? 200 : 404; res.end(String(process.pid)); }).listen(Number(process.env.PORT), '127.0.0.1');\n",
    );
    const child = await start('server-1', server);
    await child.ready();
    const firstPid = child.pid;
    expect(await pidAnswering(child.url)).toBe(firstPid);
    await child.kill('SIGKILL');
    expect(child.running).toBe(false);
    await expect(fetch(`${child.url}/ready`)).rejects.toThrow();
    await child.start();
    expect(await pidAnswering(child.url)).toBe(child.pid);
    expect(child.pid).not.toBe(firstPid);
    await child.kill();
    // Both exits were asked for: neither counts as a crash.
    expect(child.unexpectedExits).toEqual([]);
  });
});
