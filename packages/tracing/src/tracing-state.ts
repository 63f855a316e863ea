/**
 * Whether this process registered a tracer provider. Every helper of this package checks it first and does
 * nothing when tracing is off: no span objects, no header parsing, no context switches on the request path.
 */
let enabled = false;

export const isTracingEnabled = () => enabled;

export function setTracingEnabled(value: boolean) {
  enabled = value;
}
