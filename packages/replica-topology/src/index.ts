export { startReplicaTopology, SUBGRAPH_NAMES, type ReplicaTopology, type ReplicaTopologyOptions, type SubgraphName } from './replica-topology.ts';
export { startRoundRobinProxy, type RoundRobinProxy, type RoundRobinProxyOptions } from './round-robin-proxy.ts';
export { logTail, type TopologyProcess } from './topology-process.ts';
