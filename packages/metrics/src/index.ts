export { createMetricsRegistry, type MetricsRegistryOptions } from './metrics-registry.ts';
export { createMetricsRoute, renderRegistry, type RenderMetrics } from './metrics-route.ts';
export { createBoundedLabel, ERROR_CODE_PATTERN, OPERATION_NAME_PATTERN, OVERFLOW_LABEL, type BoundedLabelOptions } from './bounded-label.ts';
export { operationMetricsPlugin, REQUEST_DURATION_BUCKETS, type OperationMetricsOptions, type OperationOutcome } from './operation-metrics-plugin.ts';
export { registerWebSocketGauges, type WebSocketCounts } from './websocket-gauges.ts';
export { readSample } from './exposition-sample.ts';
export { labelChildren } from './label-children.ts';
