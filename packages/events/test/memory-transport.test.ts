import { createMemoryEventTransport } from '../src/index.ts';
import { describeTransportContract } from './transport-contract.ts';

describeTransportContract('in-process transport', async () => {
  const transport = createMemoryEventTransport();
  return {
    transport,
    deadLetters: async () => transport.deadLetters.map((letter) => ({ ...letter })),
    pendingCount: async (group) => transport.pendingCount(group),
    groupNames: async () => transport.groupNames(),
    dispose: async () => {},
  };
});
