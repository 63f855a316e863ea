/**
 * A one-line progress bar for commands: redrawn in place on a terminal, a line per 10% otherwise (CI logs).
 * Writes to stderr, so stdout stays for the command's result.
 */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  return {
    update({ done, total }: { done: number; total: number }) {
      const fraction = total === 0 ? 1 : Math.min(done / total, 1);
      const width = 30;
      const filled = Math.round(fraction * width);
      const rate = Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} (${Math.round(fraction * 100)}%, ${rate}/s)`;
      if (stream.isTTY) {
        stream.write(`\r${line}`);
      } else if (Math.floor(fraction * 10) > lastDecile) {
        lastDecile = Math.floor(fraction * 10);
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
