// CPU time of a process and all its descendants (a cluster primary and its workers), from /proc: user + system,
// in milliseconds. Linux only; the benchmarks run on these Linux machines.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function ownCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces, so split after its closing parenthesis).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Every pid in the tree rooted at `pid`, root first. */
export function processTree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(processTree)];
}

/** CPU milliseconds used so far by `pid` and its descendants that are still alive. */
export const processTreeCpuMs = (pid: number) => processTree(pid).reduce((sum, each) => sum + ownCpuMs(each), 0);
