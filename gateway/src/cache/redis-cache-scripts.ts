/**
 * The tagged cache's two atomic steps in Redis. Keys (under the store's prefix): `fqc:<sha>` entries; `tag:<tag>` a
 * set of the entry keys recorded under a tag, expiring no sooner than its longest entry; `invalidation:sequence`
 * the global purge counter; `invalidation:tags` a sorted set of tag → sequence of its last purge, bounded;
 * `invalidation:floor` the highest sequence forgotten from it. Entry keys inside tag sets are not declared as KEYS:
 * on Redis Cluster the prefix must hold a hash tag (`{threadly:response-cache}:`) so they all share one slot, which
 * `RedisTaggedCache` ensures (`slotPrefix`). The price: the whole response cache lives on one cluster node.
 */

/**
 * KEYS: entry, invalidation:tags, invalidation:floor, then one `tag:<tag>` set per tag.
 * ARGV: value, ttl seconds, the request's read sequence, then the tags (same order as their sets).
 * Returns 1 when stored, 0 when a tag was purged after the read sequence (the response may be stale).
 */
export const WRITE_TAGGED_ENTRY = `
local readSequence = tonumber(ARGV[3])
if readSequence < tonumber(redis.call('GET', KEYS[3]) or '0') then return 0 end
for i = 4, #KEYS do
  local purgedAt = redis.call('ZSCORE', KEYS[2], ARGV[i])
  if purgedAt and tonumber(purgedAt) > readSequence then return 0 end
end
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'EX', ttl)
for i = 4, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('TTL', KEYS[i]) < ttl then redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1
`;

/**
 * KEYS: invalidation:sequence, invalidation:tags, invalidation:floor, then one `tag:<tag>` set per tag.
 * ARGV: how many purged tags to remember, then the tags (same order as their sets).
 * Returns how many entries were deleted.
 */
export const PURGE_TAGS = `
local sequence = redis.call('INCR', KEYS[1])
local purged = 0
for i = 4, #KEYS do
  redis.call('ZADD', KEYS[2], sequence, ARGV[i - 2])
  local entries = redis.call('SMEMBERS', KEYS[i])
  for first = 1, #entries, 500 do
    purged = purged + redis.call('DEL', unpack(entries, first, math.min(first + 499, #entries)))
  end
  redis.call('DEL', KEYS[i])
end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[1])
if excess > 0 then
  local forgotten = redis.call('ZRANGE', KEYS[2], 0, excess - 1, 'WITHSCORES')
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  redis.call('SET', KEYS[3], forgotten[#forgotten])
end
return purged
`;
