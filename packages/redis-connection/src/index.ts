export { CLUSTER_PARAMETER, openRedis, parseRedisAddress, type RedisAddress, type RedisConnection } from './open-redis.ts';
export { hasHashTag, sameSlotKey, slotPrefix } from './slot-keys.ts';
