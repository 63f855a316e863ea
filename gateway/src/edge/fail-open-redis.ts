import { openRedis, type RedisConnection } from '@threadly/redis-connection';
import { throttledErrorLog, type Logger } from '@threadly/logger';

export interface FailOpenRedisOptions {
  url: string;
  logger: Pick<Logger, 'error' | 'info'>;
  /** What goes missing while Redis is down, e.g. "Redis rate limiter unavailable: serving requests WITHOUT rate limits". */
  outageMessage: string;
  /** What comes back with it, e.g. "rate limiting is enforced again". */
  recoveryMessage: string;
  /** How often an outage is logged (every request carries on; the log says so once per interval). */
  errorLogIntervalMs?: number;
  /** Longest a request waits on Redis before it carries on without it. */
  commandTimeoutMs?: number;
}

/**
 * A Redis connection (one server or a cluster, see `openRedis`) for what the gateway can serve without (rate limits, the response cache). While Redis is
 * down, commands fail at once instead of queueing, so no request waits for it; the connection keeps reconnecting
 * in the background (at most every 2 s), and the outage is logged at error level once per interval, its end once.
 * Callers catch command errors, call `failed(err)` and carry on.
 */
export class FailOpenRedis {
  readonly redis: RedisConnection;
  private readonly reportFailure: (err: unknown, message: string) => void;
  private failing = false;

  constructor(private readonly options: FailOpenRedisOptions) {
    this.reportFailure = throttledErrorLog(options.logger, options.errorLogIntervalMs ?? 30_000);
    this.redis = openRedis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('error', (err) => this.failed(err));
    this.redis.on('ready', () => {
      if (this.failing) options.logger.info(`Redis is reachable again: ${options.recoveryMessage}`);
      this.failing = false;
    });
  }

  failed(err: unknown) {
    this.failing = true;
    this.reportFailure(err, `${this.options.outageMessage} until it is back`);
  }

  /** Resolves once connected or once the first attempt failed, whichever comes first (never rejects). */
  whenConnected(): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.redis.off('ready', done);
        this.redis.off('error', done);
        resolve();
      };
      this.redis.once('ready', done);
      this.redis.once('error', done);
    });
  }

  close() {
    this.redis.disconnect();
  }
}
