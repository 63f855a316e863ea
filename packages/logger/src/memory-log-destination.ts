import type { DestinationStream } from 'pino';

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string; name?: string };

export interface MemoryLogDestination extends DestinationStream {
  /** Every line written so far, parsed. */
  lines(): LogLine[];
  /** Every line written so far, as written (to assert what never appears anywhere in them). */
  text(): string;
}

/** A pino destination that keeps lines in memory, for tests that read what a process logged. */
export function memoryLogDestination(): MemoryLogDestination {
  const written: string[] = [];
  return {
    write: (chunk: string) => void written.push(chunk),
    lines: () => written.map((line) => JSON.parse(line) as LogLine),
    text: () => written.join(''),
  };
}
