import type { ProductCondition } from './types.ts';
import type { GarmentKind } from './vocabulary.ts';

/**
 * Sentences the generators assemble into listing descriptions, chat messages and order notes. Split from
 * vocabulary.ts only to keep both files short; like it, this is plain data.
 */

export const CONDITION_LINES: Record<ProductCondition, readonly string[]> = {
  NEW_WITH_TAGS: ['Brand new with tags, bought it and never wore it.', 'Never worn, the original tags are still attached.', 'New with tags: it was a gift in the wrong size.'],
  NEW_WITHOUT_TAGS: ['New without tags, tried on at home once.', 'Never worn outside, I just cut the tags off too early.', 'Unworn and kept in the wardrobe since I bought it.'],
  VERY_GOOD: ['Worn a handful of times and still in very good condition.', 'Lightly worn, no marks, holes or pilling.', 'Very good condition, always washed cold and hung to dry.'],
  GOOD: ['Worn and loved, with light signs of wear (see photos).', 'Good condition overall, a little softened from washing.', 'Some light wear but plenty of life left in it.'],
  FAIR: ['Visible wear, with some fading and a small mark, priced accordingly.', 'Well worn: a few loose threads and a faded patch, see photos.', 'Fair condition, perfect if you like a lived-in look.'],
};

export const KIND_LINES: Record<GarmentKind, readonly string[]> = {
  dress: ['The colour is still rich, no fading at all.', 'Falls nicely on me, I’m 168 cm for reference.', 'Light, floaty fabric that’s perfect for summer evenings.'],
  top: ['Hasn’t lost its shape after washing.', 'Relaxed fit, looks great tucked into high-waisted jeans.', 'Good-quality fabric, not see-through.'],
  shirt: ['All buttons intact, no marks on the collar.', 'Regular fit, I wore it open over a T-shirt too.', 'Collar and cuffs are in great shape.'],
  jeans: ['Rigid 100% cotton denim that has started to mould to the body.', 'Fits true to size, not too tight on the thighs.', 'Non-stretch denim with a lovely natural fade.'],
  trousers: ['Fits true to size on the waist.', 'Sturdy cotton that will last for years.', 'The hem has never been taken up, so there is length to play with.'],
  knitwear: ['Warm but not itchy, I wore it straight on the skin.', 'Hand-washed only, so it has kept its shape.', 'Slightly oversized fit, lovely with the sleeves pushed up.'],
  outerwear: ['No stains on the cuffs or collar, which is rare for a jacket.', 'All zips and poppers work perfectly.', 'Roomy enough for a thick jumper underneath.'],
  shoes: ['Soles still have plenty of grip left.', 'Fit true to size, comfortable from day one.', 'Cleaned and ready to wear.'],
  bag: ['Roomy enough for the everyday essentials.', 'Inside is clean, with one zipped pocket.', 'Hardware and straps are in great shape.'],
  accessory: ['Kept in a drawer most of the year.', 'Goes with pretty much everything.', 'No pulls, stains or stretched bits.'],
  'kids-clothing': ['Survived a nursery year remarkably well.', 'Roomy fit, so it lasts a couple of seasons.', 'Machine washable at 40 degrees.'],
  baby: ['Outgrown before it got much use.', 'Soft organic cotton, gentle on baby skin.', 'Poppers all the way down for easy changes.'],
  'kids-shoes': ['Outgrown after one season.', 'Easy for little ones to put on by themselves.', 'Insoles are clean and the soles have lots of wear left.'],
};

export const CLOSING_LINES = [
  'Smoke-free and pet-free home.',
  'Happy to bundle with my other listings.',
  'Ships within two working days, always tracked.',
  'Feel free to ask for measurements.',
  'Price is slightly negotiable.',
  'Washed and ironed before it goes out.',
] as const;

/** Photo angles, in the order sellers usually upload them; used for image alt texts. */
export const IMAGE_VIEWS = {
  clothing: ['front', 'back', 'close-up of the fabric', 'care label'],
  shoes: ['side view', 'from above', 'soles', 'heel detail'],
  bags: ['front', 'inside', 'strap detail', 'back'],
} as const;

export type Speaker = 'buyer' | 'seller';

/**
 * A chat between a buyer and the seller about one listing. Placeholders in braces are filled per conversation:
 * {item}, {price}, {offer}, {counter}, {measurements}, {buyerCity}, {sellerCity}.
 */
export interface ConversationScript {
  lines: readonly (readonly [Speaker, string])[];
  /** Only makes sense when buyer and seller live in the same city. */
  sameCityOnly?: boolean;
}

export const CONVERSATION_SCRIPTS: readonly ConversationScript[] = [
  { lines: [['buyer', 'Hi! Is this still available?'], ['seller', 'Hi, yes it is!'], ['buyer', 'Great. Do you ship to {buyerCity}?'], ['seller', 'Sure, I send everything tracked, usually the next working day.'], ['buyer', 'Perfect, I’ll order it tonight.'], ['seller', 'Thanks! I’ll let you know once it’s on its way.'], ['buyer', 'Lovely, thank you 😊']] },
  { lines: [['buyer', 'Hi! Would you take {offer}?'], ['seller', 'Hi! That’s a bit low, it’s barely been worn. I could do {counter}.'], ['buyer', 'Okay, {counter} works for me.'], ['seller', 'Great, I’ve lowered the price so you can buy it now.'], ['buyer', 'Done, just paid!'], ['seller', 'Thank you! Packing it up tomorrow morning.'], ['buyer', 'Perfect 🙏']] },
  { lines: [['buyer', 'Hello! Could you give me a few measurements?'], ['seller', 'Of course: {measurements}.'], ['buyer', 'Thanks! How does it fit, true to size?'], ['seller', 'I’d say true to size, maybe slightly roomy.'], ['buyer', 'Okay, I’ll have a think and get back to you.'], ['buyer', 'Actually, I’ll take it! Is {price} your final price?'], ['seller', 'It is, but I’ll cover the packaging 😉'], ['buyer', 'Deal, ordering now.']] },
  { lines: [['buyer', 'Hi! I love the {item}. Would you do a discount if I take something else from your shop too?'], ['seller', 'Sure! 15% off if you buy two or more.'], ['buyer', 'Nice, I’ll have a look through your other listings.'], ['seller', 'Take your time, just send me an offer for the bundle.'], ['buyer', 'Added two things to my cart, sending the offer now.'], ['seller', 'Got it, accepted!']] },
  { lines: [['buyer', 'Hey, are there any flaws I should know about?'], ['seller', 'Only a tiny mark on the inside, you can’t see it when it’s on. Happy to send more photos.'], ['buyer', 'Yes please, could you add a photo of the label too?'], ['seller', 'Done, it’s the last picture now.'], ['buyer', 'Thanks, looks great.'], ['seller', 'You’re welcome! Let me know if you have any other questions.']] },
  { sameCityOnly: true, lines: [['buyer', 'Hi! I’m also in {sellerCity}, could I pick it up instead?'], ['seller', 'Yes, that works! I’m free most evenings after 6.'], ['buyer', 'Great, how about Thursday around 7?'], ['seller', 'Thursday at 7 is perfect. I’ll send you the address.'], ['buyer', 'See you then!'], ['seller', 'Something came up on Thursday, could we do Friday instead?'], ['buyer', 'Friday works too 👍'], ['seller', 'Thanks for being flexible!']] },
  { lines: [['buyer', 'Hi, how quickly could you ship? I’d need it before the weekend.'], ['seller', 'If you order today I can drop it off tomorrow morning, it usually takes 2–3 days.'], ['buyer', 'Okay, ordering now then!'], ['seller', 'Great, I’ll send you the tracking number.'], ['buyer', 'Thank you!']] },
  { lines: [['buyer', 'Hi! Are you still selling the {item}?'], ['buyer', 'And would you take {offer} with shipping?'], ['seller', 'Hi! Yes it is. {counter} plus shipping is the lowest I can go.'], ['buyer', 'Fair enough, let me think about it.'], ['seller', 'No rush! Someone else asked about it too, just so you know.'], ['buyer', 'Okay, I’ll take it at {counter}.']] },
];

/** Parcel services and the shape of their tracking numbers: a fixed prefix followed by random digits. */
export const CARRIERS = [
  { name: 'DHL', prefix: '00340434', digits: 12 },
  { name: 'DPD', prefix: '0', digits: 13 },
  { name: 'GLS', prefix: '', digits: 11 },
  { name: 'PostNL', prefix: '3STHRD', digits: 9 },
  { name: 'Colissimo', prefix: '6A', digits: 11 },
  { name: 'PostNord', prefix: '0037', digits: 14 },
] as const;

export const PAYMENT_NOTES = ['Paid by card', 'Paid with PayPal', 'Paid with iDEAL', 'Paid with Apple Pay', 'Paid with Klarna'] as const;
export const DELIVERY_NOTES = ['Delivered to recipient', 'Delivered to a parcel locker', 'Left with a neighbour'] as const;
export const BUYER_CANCELLATION_NOTES = ['Ordered the wrong size', 'Changed my mind, sorry!', 'Bought a similar one elsewhere'] as const;
export const EXPIRY_CANCELLATION_NOTE = 'Payment not completed within 48 hours';
export const SELLER_REFUND_NOTES = ['Item got damaged while packing, refunded in full', 'Sold it in person by mistake, sorry!'] as const;
export const ADMIN_REFUND_NOTES = ['Refund issued by support: parcel lost in transit', 'Refund issued by support after a dispute about the item’s condition'] as const;
export const BUYER_CONFIRMATION_NOTE = 'Buyer confirmed receipt';
