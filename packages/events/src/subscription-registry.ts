import type { EventSubscription } from './contracts.ts';

/** The subscriptions a transport has handed out and not seen stopped, so `close()` can stop the rest. */
export function subscriptionRegistry() {
  const live = new Set<EventSubscription>();
  return {
    track(subscription: EventSubscription): EventSubscription {
      live.add(subscription);
      return {
        stop: async () => {
          live.delete(subscription);
          await subscription.stop();
        },
      };
    },
    async stopAll() {
      const stopping = [...live];
      live.clear();
      await Promise.all(stopping.map((subscription) => subscription.stop()));
    },
  };
}
