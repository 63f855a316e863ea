import { builder } from '../builder.ts';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
}

export const ShippingAddressType = builder.objectRef<ShippingAddress>('ShippingAddress').implement({
  description: 'Where an order is shipped, as the buyer gave it at checkout.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Recipient name.' }),
    line1: t.exposeString('line1', { description: 'Street and number.' }),
    line2: t.exposeString('line2', { nullable: true, description: 'Apartment, floor, c/o.' }),
    city: t.exposeString('city', { description: 'City or town.' }),
    postalCode: t.exposeString('postalCode', { description: 'Postal or ZIP code.' }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 code, e.g. DE.' }),
  }),
});
