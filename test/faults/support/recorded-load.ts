/**
 * What one request came back as: everything; a partial answer (data, and SUBGRAPH_UNAVAILABLE for the rest);
 * unavailable (no data, only SUBGRAPH_UNAVAILABLE: nothing could be given without the missing part, e.g. a
 * sign-in the gateway has to ask identity about); or a failure (no answer, or any other error).
 */
export type Outcome = 'whole' | 'partial' | 'unavailable' | 'failed';

export interface GraphQLBody {
  // Each fault test reads the parts it checks.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** What a client's request came back with; `acknowledgedId` when it was a mutation the server acknowledged. */
export interface LoadAnswer {
  status: number;
  body: GraphQLBody;
  acknowledgedId?: string;
}

export interface RequestRecord {
  kind: 'query' | 'mutation';
  /**
   * The phase the answer came back in: a request sent just before a fault and answered after it is about that
   * fault (a query cut mid-flight by a replica's death, and retried, belongs to that death's phase).
   */
  phase: string;
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when no response came (connection refused or reset, timeout). */
  status: number;
  outcome: Outcome;
  /** Each error's `extensions.code`, the subgraph SUBGRAPH_UNAVAILABLE names, and its message (checked for internals). */
  errors: Array<{ code: unknown; subgraph: unknown; message: string }>;
  /** For an acknowledged mutation: what it returned (the created row's id). */
  acknowledgedId?: string;
}

/** One simulated client: sends its `round`th request, waits for the answer, pauses `pauseMs`, and goes again. */
export interface LoadClient {
  kind: RequestRecord['kind'];
  pauseMs: number;
  send(round: number): Promise<LoadAnswer>;
}

export interface RecordedLoad {
  readonly records: readonly RequestRecord[];
  /** The phase answers arriving now are recorded in. */
  readonly phase: string;
  setPhase(name: string): void;
  /** Stops sending and resolves once every client's last request has come back. */
  stop(): Promise<void>;
}

export function classify(status: number, body: GraphQLBody | undefined): Outcome {
  const onlyUnavailable = !!body?.errors?.length && body.errors.every((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
  if (status === 200 && body?.data) return !body.errors?.length ? 'whole' : onlyUnavailable ? 'partial' : 'failed';
  return onlyUnavailable && !body?.data ? 'unavailable' : 'failed';
}

/** POSTs one GraphQL request; a body that is not JSON becomes an error naming the status. Throws only when no response came. */
export async function postGraphQL(url: string, request: { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> }, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<LoadAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as GraphQLBody };
  } catch {
    return { status: response.status, body: { errors: [{ message: `not JSON (HTTP ${response.status}): ${text.slice(0, 200)}` }] } };
  }
}

/**
 * Clients each sending their next request once the last came back (after their pause): load that keeps coming
 * while servers die and return, bounded by the number of clients (the machine is shared). Every request is
 * recorded with its times, the phase its answer came in, how it came back and, for mutations, the id returned.
 */
export function startRecordedLoad(clients: readonly LoadClient[], firstPhase: string): RecordedLoad {
  const records: RequestRecord[] = [];
  let phase = firstPhase;
  let running = true;

  const loop = async (client: LoadClient) => {
    for (let round = 0; running; round += 1) {
      const record: RequestRecord = { kind: client.kind, phase: '', startedAt: Date.now(), endedAt: 0, status: 0, outcome: 'failed', errors: [] };
      try {
        const { status, body, acknowledgedId } = await client.send(round);
        record.status = status;
        record.outcome = classify(status, body);
        record.errors = (body.errors ?? []).map((error) => ({ code: error.extensions?.code, subgraph: error.extensions?.subgraph, message: error.message }));
        if (client.kind === 'mutation' && record.outcome === 'whole' && acknowledgedId) record.acknowledgedId = acknowledgedId;
      } catch (error) {
        // No answer at all (refused, reset, timed out): failed, status 0, named by the error.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        record.errors = [{ code: `network: ${cause?.code ?? (error as Error).name}`, subgraph: undefined, message: `${(error as Error).message}: ${cause?.message ?? 'no cause'}` }];
      }
      record.endedAt = Date.now();
      record.phase = phase;
      records.push(record);
      if (client.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, client.pauseMs));
    }
  };
  const loops = Promise.all(clients.map(loop));
  return {
    records,
    get phase() {
      return phase;
    },
    setPhase(name) {
      phase = name;
    },
    async stop() {
      running = false;
      await loops;
    },
  };
}
