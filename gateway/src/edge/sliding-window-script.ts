/**
 * One atomic step of a sliding-window log kept in a sorted set per key (member = one request, score = its time in
 * ms). Runs as a single script so concurrent gateway replicas never both take the last slot.
 *
 * The clock is Redis's own (TIME), not the caller's: replicas with skewed clocks still agree on the window.
 *
 * KEYS[1]  the bucket, e.g. threadly:rate:user:<id>
 * ARGV[1]  window length in ms
 * ARGV[2]  limit: requests allowed per window
 * ARGV[3]  a unique id for this request (two requests in the same microsecond must not collapse into one member)
 *
 * Returns { allowed (1|0), remaining, retry-after ms }.
 */
export const SLIDING_WINDOW_SCRIPT = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count < limit then
  redis.call('ZADD', key, now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', key, window)
  return { 1, limit - count - 1, 0 }
end

local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local retry = tonumber(oldest[2]) + window - now
if retry < 1 then retry = 1 end
return { 0, 0, retry }
`;
