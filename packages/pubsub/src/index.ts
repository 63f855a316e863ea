export { createRealtimePubSub, DEFAULT_CHANNEL_PREFIX, type RealtimePubSub, type RealtimePubSubOptions } from './realtime-pubsub.ts';
export { defineTopic, type TopicChannel } from './topic.ts';
export { SubscriberOverflowError } from './channel-iterator.ts';
export { decodeJson, encodeJson } from './json-codec.ts';
