/** `42` → `TH-000042`: what buyers quote to support, and what error messages name. */
export const formatOrderNumber = (number: number) => `TH-${String(number).padStart(6, '0')}`;
