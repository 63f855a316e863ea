/**
 * Thrown by a delivery handler for an event that can never be handled (it fails validation): the transport moves
 * it to the dead-letter stream at once instead of retrying what cannot succeed.
 */
export class UndeliverableEventError extends Error {
  override name = 'UndeliverableEventError';
}
