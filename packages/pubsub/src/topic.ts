/**
 * A topic bound to one key: the channel a payload of type `Payload` is published on (`message.added:<id>`).
 * The payload type rides along for the compiler only.
 */
export interface TopicChannel<Payload> {
  readonly channel: string;
  /** Never set: carries `Payload` so `publish` and `subscribe` agree on it. */
  readonly payloadType?: Payload;
}

/** `defineTopic<Message>('message.added')(conversationId)` → the channel `message.added:<conversationId>`. */
export const defineTopic =
  <Payload>(name: string) =>
  (key: string): TopicChannel<Payload> => ({ channel: `${name}:${key}` });
