import type { RequestRecord } from './recorded-load.ts';

export interface FaultTableRow {
  phase: string;
  sent: number;
  answered: number;
  whole: number;
  partial: number;
  unavailable: number;
  failed: number;
  /** Answers with a 5xx status (a client must never see one for a fault the system survives). */
  serverErrors: number;
  /** Error codes seen, with how often: `SUBGRAPH_UNAVAILABLE×3`. */
  codes: string;
}

/** One row per phase (in the order given, else in the order they came) and a total: the figures the README reports. */
export function faultTableRows(records: readonly RequestRecord[], phases: readonly string[] = [...new Set(records.map((record) => record.phase))]): FaultTableRow[] {
  const rowOf = (phase: string, of: readonly RequestRecord[]): FaultTableRow => {
    const count = (outcome: RequestRecord['outcome']) => of.filter((record) => record.outcome === outcome).length;
    const [whole, partial, unavailable] = [count('whole'), count('partial'), count('unavailable')];
    const codes = new Map<string, number>();
    for (const error of of.flatMap((record) => record.errors)) codes.set(String(error.code ?? 'NO_CODE'), (codes.get(String(error.code ?? 'NO_CODE')) ?? 0) + 1);
    return {
      phase,
      sent: of.length,
      answered: whole + partial + unavailable,
      whole,
      partial,
      unavailable,
      failed: count('failed'),
      serverErrors: of.filter((record) => record.status >= 500).length,
      codes: [...codes].map(([code, n]) => `${code}×${n}`).join(', ') || '—',
    };
  };
  return [...phases.map((phase) => rowOf(phase, records.filter((record) => record.phase === phase))), rowOf('total', records)];
}

/** The table as Markdown, with the data-lost figure on the total row (it is checked once, after the load). */
export function formatFaultTable(rows: readonly FaultTableRow[], dataLost: number | string): string {
  const lines = [
    '| phase | requests sent | answered | whole | partial | unavailable | failed | 5xx | data lost | error codes seen |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.phase} | ${row.sent} | ${row.answered} | ${row.whole} | ${row.partial} | ${row.unavailable} | ${row.failed} | ${row.serverErrors} | ${row.phase === 'total' ? dataLost : ''} | ${row.codes} |`,
    ),
  ];
  return lines.join('\n');
}

/** A fault file's printed report: what was done, the table, and what the data check found wrong (if anything). */
export function faultReport(title: string, records: readonly RequestRecord[], check: { dataLost: number; details: readonly string[] }): string {
  return [`${title}:`, formatFaultTable(faultTableRows(records), check.dataLost), ...check.details].join('\n');
}
