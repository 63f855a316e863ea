/**
 * Plain data the generators draw from: people, places, brands, garments and phrases. Kept free of logic so it can be
 * extended without touching the generators.
 */

export const FIRST_NAMES = [
  'Emma', 'Lena', 'Mia', 'Clara', 'Sofia', 'Chiara', 'Giulia', 'Lucía', 'Inès', 'Chloé', 'Léa', 'Freja', 'Ida',
  'Astrid', 'Saoirse', 'Aoife', 'Zuzana', 'Marta', 'Julia', 'Noor', 'Fleur', 'Anouk', 'Elif', 'Maya', 'Lukas',
  'Jonas', 'Matteo', 'Lorenzo', 'Hugo', 'Louis', 'Mateo', 'Pablo', 'Oscar', 'Emil', 'Magnus', 'Finn', 'Cian', 'Jan',
  'Tomás', 'Daan', 'Ruben', 'Leon', 'Noah', 'Karim',
] as const;

export const LAST_NAMES = [
  'Müller', 'Schmidt', 'Becker', 'Wagner', 'Huber', 'Rossi', 'Bianchi', 'Conti', 'García', 'Martínez', 'Fernández',
  'Dubois', 'Laurent', 'Moreau', 'Jensen', 'Nielsen', 'Andersson', 'Berg', 'de Vries', 'Jansen', 'Bakker', 'Murphy',
  "O'Brien", 'Kowalski', 'Nowak', 'Novák', 'Silva', 'Costa', 'Peeters', 'Janssens',
] as const;

export interface City {
  name: string;
  country: string;
  /** ISO 3166-1 alpha-2, as orders store it. */
  countryCode: string;
  streets: readonly string[];
  postalCodes: readonly string[];
  /** France, Ireland & co. write "12 Rue Oberkampf" rather than "Oberkampfstraße 12". */
  houseNumberFirst?: boolean;
}

export const CITIES: readonly City[] = [
  { name: 'Berlin', country: 'Germany', countryCode: 'DE', streets: ['Bergmannstraße', 'Kastanienallee', 'Weserstraße', 'Oderberger Straße'], postalCodes: ['10961', '10435', '12047', '10437'] },
  { name: 'Hamburg', country: 'Germany', countryCode: 'DE', streets: ['Schanzenstraße', 'Lange Reihe', 'Ottenser Hauptstraße'], postalCodes: ['20357', '20099', '22765'] },
  { name: 'Munich', country: 'Germany', countryCode: 'DE', streets: ['Gärtnerplatz', 'Türkenstraße', 'Hans-Sachs-Straße'], postalCodes: ['80469', '80799', '80469'] },
  { name: 'Vienna', country: 'Austria', countryCode: 'AT', streets: ['Neubaugasse', 'Kirchengasse', 'Margaretenstraße'], postalCodes: ['1070', '1070', '1050'] },
  { name: 'Amsterdam', country: 'Netherlands', countryCode: 'NL', streets: ['Haarlemmerstraat', 'Ferdinand Bolstraat', 'Javastraat'], postalCodes: ['1013 EK', '1072 LH', '1094 HC'] },
  { name: 'Rotterdam', country: 'Netherlands', countryCode: 'NL', streets: ['Witte de Withstraat', 'Nieuwe Binnenweg'], postalCodes: ['3012 BN', '3014 GD'] },
  { name: 'Brussels', country: 'Belgium', countryCode: 'BE', streets: ['Rue Antoine Dansaert', 'Chaussée de Charleroi'], postalCodes: ['1000', '1060'] },
  { name: 'Paris', country: 'France', countryCode: 'FR', streets: ['Rue Oberkampf', 'Rue des Martyrs', 'Rue de Charonne'], postalCodes: ['75011', '75009', '75011'], houseNumberFirst: true },
  { name: 'Lyon', country: 'France', countryCode: 'FR', streets: ['Rue de la République', 'Rue Mercière'], postalCodes: ['69002', '69002'], houseNumberFirst: true },
  { name: 'Copenhagen', country: 'Denmark', countryCode: 'DK', streets: ['Jægersborggade', 'Istedgade', 'Værnedamsvej'], postalCodes: ['2200', '1650', '1819'] },
  { name: 'Stockholm', country: 'Sweden', countryCode: 'SE', streets: ['Götgatan', 'Hornsgatan', 'Odengatan'], postalCodes: ['118 46', '118 21', '113 22'] },
  { name: 'Milan', country: 'Italy', countryCode: 'IT', streets: ['Via Tortona', 'Corso di Porta Ticinese', 'Via Paolo Sarpi'], postalCodes: ['20144', '20123', '20154'] },
  { name: 'Barcelona', country: 'Spain', countryCode: 'ES', streets: ['Carrer de Verdi', 'Carrer del Parlament', 'Carrer de Blai'], postalCodes: ['08012', '08015', '08004'] },
  { name: 'Madrid', country: 'Spain', countryCode: 'ES', streets: ['Calle de Fuencarral', 'Calle del Pez'], postalCodes: ['28004', '28004'] },
  { name: 'Lisbon', country: 'Portugal', countryCode: 'PT', streets: ['Rua da Rosa', 'Rua de São Bento'], postalCodes: ['1200-385', '1200-820'] },
  { name: 'Dublin', country: 'Ireland', countryCode: 'IE', streets: ['Camden Street', 'Drury Street', 'Manor Street'], postalCodes: ['D02 XE80', 'D02 W017', 'D07 F6P2'], houseNumberFirst: true },
  { name: 'Prague', country: 'Czechia', countryCode: 'CZ', streets: ['Vinohradská', 'Krymská'], postalCodes: ['120 00', '101 00'] },
  { name: 'Warsaw', country: 'Poland', countryCode: 'PL', streets: ['ulica Mokotowska', 'ulica Hoża'], postalCodes: ['00-640', '00-528'] },
];

export const ADDRESS_SECOND_LINES = ['Apt. 4', '2nd floor', 'Flat 3B', 'Rear building, 1st floor', 'c/o Studio Nord', 'Apt. 12'];

export const BIOS = [
  'Mostly vintage denim and workwear. Everything is washed before it ships.',
  'Slowly clearing out my wardrobe. Smoke-free home, I post within two days.',
  "Mum of two selling outgrown kids' clothes, all in great shape.",
  'Minimal Scandi basics, lightly worn and well looked after.',
  'I buy too many shoes so you don’t have to.',
  'Always hunting for good knitwear, ideally merino or cashmere.',
  'Happy to bundle. Message me for measurements.',
  'Buying second-hand since 2015. Fewer, better things.',
  "Tall (186 cm), so most of what I sell is long fits.",
  'Looking for Arket and COS in size M.',
  'Outdoor gear that still has plenty of adventures left in it.',
  'Capsule wardrobe in progress: everything must go!',
  'Mainly here to buy, occasionally selling what no longer fits.',
] as const;

/** Garment families: each leaf category sells one, and sizes, prices and descriptions follow from it. */
export type GarmentKind =
  | 'dress' | 'top' | 'shirt' | 'jeans' | 'trousers' | 'knitwear' | 'outerwear' | 'shoes' | 'bag' | 'accessory'
  | 'kids-clothing' | 'baby' | 'kids-shoes';

export interface Brand {
  name: string;
  /** Multiplies the garment's typical second-hand price: H&M sells lower than Acne Studios. */
  priceFactor: number;
  kinds: readonly GarmentKind[];
  /** Models the brand is known for; other items of a kind come from GENERIC_ITEMS. */
  signatures?: Partial<Record<GarmentKind, readonly string[]>>;
  /** Specialists (Nike, Birkenstock…) sell only their signatures: "Nike leather ankle boots" would look made up. */
  onlySignatures?: boolean;
}

export const BRANDS: readonly Brand[] = [
  { name: "Levi's", priceFactor: 1, kinds: ['jeans', 'trousers', 'outerwear', 'top'], signatures: { jeans: ['501 straight jeans', 'Ribcage straight ankle jeans', '70s high flare jeans'], trousers: ['501 original jeans', '511 slim jeans', '502 taper jeans'], outerwear: ['Trucker denim jacket', 'Sherpa trucker jacket'] } },
  { name: 'Zara', priceFactor: 0.6, kinds: ['dress', 'top', 'jeans', 'knitwear', 'outerwear', 'shoes', 'bag', 'shirt', 'kids-clothing', 'baby'] },
  { name: 'H&M', priceFactor: 0.5, kinds: ['dress', 'top', 'jeans', 'trousers', 'knitwear', 'shirt', 'kids-clothing', 'baby'] },
  { name: 'Mango', priceFactor: 0.7, kinds: ['dress', 'top', 'knitwear', 'outerwear', 'bag', 'jeans', 'shoes'] },
  { name: 'Uniqlo', priceFactor: 0.65, kinds: ['top', 'knitwear', 'outerwear', 'trousers', 'shirt', 'bag', 'kids-clothing'], signatures: { knitwear: ['Extra Fine Merino crew-neck jumper', 'cashmere crew-neck jumper'], outerwear: ['Ultra Light Down jacket'], shirt: ['Oxford shirt'], bag: ['round mini shoulder bag'] } },
  { name: 'Weekday', priceFactor: 0.75, kinds: ['jeans', 'trousers', 'top'], signatures: { jeans: ['Rowe extra high straight jeans', 'Voyage high straight jeans'], trousers: ['Space relaxed straight jeans', 'Barrel loose jeans'] } },
  { name: 'COS', priceFactor: 1, kinds: ['dress', 'top', 'knitwear', 'outerwear', 'trousers', 'shirt', 'bag'] },
  { name: 'Arket', priceFactor: 1, kinds: ['knitwear', 'top', 'outerwear', 'shirt', 'trousers', 'kids-clothing', 'baby'] },
  { name: '& Other Stories', priceFactor: 1, kinds: ['dress', 'top', 'shoes', 'bag', 'knitwear'] },
  { name: 'Massimo Dutti', priceFactor: 1.1, kinds: ['knitwear', 'outerwear', 'shirt', 'bag', 'trousers'] },
  { name: 'Carhartt WIP', priceFactor: 1.2, onlySignatures: true, kinds: ['outerwear', 'trousers', 'top', 'accessory'], signatures: { outerwear: ['Detroit jacket', 'Michigan chore coat', 'OG Active jacket'], trousers: ['Single Knee pant', 'Simple pant'], top: ['pocket T-shirt'], accessory: ['Acrylic Watch Hat beanie'] } },
  { name: 'Patagonia', priceFactor: 1.6, onlySignatures: true, kinds: ['outerwear', 'knitwear', 'kids-clothing'], signatures: { outerwear: ['Torrentshell 3L rain jacket', 'Nano Puff jacket', 'Down Sweater jacket'], knitwear: ['Better Sweater fleece jacket', 'Retro-X fleece jacket', 'Synchilla Snap-T fleece'], 'kids-clothing': ['Retro-X fleece jacket'] } },
  { name: 'The North Face', priceFactor: 1.6, onlySignatures: true, kinds: ['outerwear', 'bag'], signatures: { outerwear: ['1996 Retro Nuptse puffer jacket', 'Denali fleece jacket'], bag: ['Base Camp duffel bag'] } },
  { name: 'Nike', priceFactor: 1.1, onlySignatures: true, kinds: ['shoes', 'top', 'kids-shoes'], signatures: { shoes: ['Air Force 1 sneakers', 'Air Max 90 sneakers', 'Dunk Low sneakers'], top: ['Dri-FIT running T-shirt'], 'kids-shoes': ['Air Force 1 kids sneakers'] } },
  { name: 'Adidas', priceFactor: 1, onlySignatures: true, kinds: ['shoes', 'top', 'kids-shoes'], signatures: { shoes: ['Samba OG sneakers', 'Gazelle sneakers', 'Stan Smith sneakers'], top: ['Trefoil T-shirt'], 'kids-shoes': ['Superstar kids sneakers'] } },
  { name: 'Veja', priceFactor: 1.2, onlySignatures: true, kinds: ['shoes', 'kids-shoes'], signatures: { shoes: ['V-10 sneakers', 'Campo sneakers'], 'kids-shoes': ['Small V-12 sneakers'] } },
  { name: 'Dr. Martens', priceFactor: 1.3, onlySignatures: true, kinds: ['shoes', 'kids-shoes'], signatures: { shoes: ['1460 8-eye boots', '1461 3-eye shoes', 'Jadon platform boots', '2976 Chelsea boots'], 'kids-shoes': ['1460 junior boots'] } },
  { name: 'Birkenstock', priceFactor: 1.1, onlySignatures: true, kinds: ['shoes', 'kids-shoes'], signatures: { shoes: ['Arizona sandals', 'Boston clogs', 'Gizeh sandals'], 'kids-shoes': ['Arizona kids sandals'] } },
  { name: 'Acne Studios', priceFactor: 2.6, kinds: ['knitwear', 'jeans', 'outerwear', 'accessory', 'top'], signatures: { knitwear: ['face-patch wool jumper'], jeans: ['1996 loose fit jeans'], accessory: ['Canada wool scarf'] } },
  { name: 'Ganni', priceFactor: 1.8, kinds: ['dress', 'top', 'knitwear', 'shoes', 'bag'], signatures: { dress: ['printed georgette wrap dress', 'seersucker check mini dress'], shoes: ['retro sneakers'] } },
  { name: 'Sézane', priceFactor: 1.6, kinds: ['dress', 'knitwear', 'top', 'bag'], signatures: { knitwear: ['Gaspard cardigan'] } },
  { name: 'Ralph Lauren', priceFactor: 1.2, kinds: ['shirt', 'knitwear', 'top'], signatures: { shirt: ['custom fit Oxford shirt'], top: ['custom slim fit polo shirt'], knitwear: ['cable-knit cotton jumper'] } },
  { name: 'Fjällräven', priceFactor: 1, onlySignatures: true, kinds: ['bag', 'outerwear'], signatures: { bag: ['Kånken backpack', 'Kånken No. 2 backpack'], outerwear: ['Greenland jacket'] } },
  { name: 'Longchamp', priceFactor: 1.8, onlySignatures: true, kinds: ['bag'], signatures: { bag: ['Le Pliage large tote', 'Le Pliage shoulder bag'] } },
  { name: 'Mini Rodini', priceFactor: 1.3, kinds: ['kids-clothing', 'baby'] },
  { name: 'Petit Bateau', priceFactor: 0.9, kinds: ['kids-clothing', 'baby'], signatures: { baby: ['bodysuits (3-pack)'] } },
];

export const GENERIC_ITEMS: Record<GarmentKind, readonly string[]> = {
  dress: ['satin midi slip dress', 'linen wrap dress', 'floral maxi dress', 'knitted mini dress', 'poplin shirt dress', 'smocked midi dress'],
  top: ['organic cotton T-shirt', 'ribbed tank top', 'striped long-sleeve top', 'boxy crew-neck T-shirt', 'cropped sweatshirt'],
  shirt: ['linen shirt', 'Oxford button-down shirt', 'flannel overshirt', 'striped poplin shirt', 'corduroy shirt'],
  jeans: ['high-waisted straight jeans', 'wide-leg jeans', 'mom jeans', 'barrel-leg jeans', 'bootcut jeans'],
  trousers: ['straight chinos', 'relaxed cargo trousers', 'slim-fit jeans', 'pleated wool trousers', 'carpenter jeans'],
  knitwear: ['merino crew-neck jumper', 'chunky wool cardigan', 'cashmere V-neck jumper', 'ribbed turtleneck', 'mohair-blend jumper'],
  outerwear: ['wool-blend overcoat', 'quilted liner jacket', 'trench coat', 'padded puffer jacket', 'suede bomber jacket', 'waxed cotton jacket'],
  shoes: ['leather ankle boots', 'suede loafers', 'canvas sneakers', 'strappy sandals', 'leather Chelsea boots'],
  bag: ['leather shoulder bag', 'canvas tote bag', 'crossbody bag', 'mini hobo bag', 'leather backpack'],
  accessory: ['wool scarf', 'leather belt', 'ribbed beanie', 'cap', 'leather gloves'],
  'kids-clothing': ['organic cotton sweatshirt', 'striped long-sleeve top', 'padded winter jacket', 'corduroy dungarees', 'rain jacket', 'knitted cardigan', 'party dress'],
  baby: ['knitted romper', 'sleepsuit', 'snowsuit', 'bodysuits (3-pack)', 'muslin dress', 'fleece pram suit'],
  'kids-shoes': ['first walker shoes', 'velcro sneakers', 'rain boots', 'leather sandals', 'winter boots'],
};

/** Typical second-hand price range of a garment of a brand with priceFactor 1, in cents. */
export const PRICE_RANGES: Record<GarmentKind, readonly [number, number]> = {
  dress: [1800, 5500], top: [800, 2500], shirt: [1200, 3500], jeans: [1800, 5500], trousers: [1500, 4500],
  knitwear: [1800, 6000], outerwear: [3500, 12000], shoes: [2500, 9000], bag: [1500, 8000], accessory: [800, 3000],
  'kids-clothing': [400, 1800], baby: [300, 1400], 'kids-shoes': [900, 3500],
};

export const COLORS = ['Black', 'White', 'Off-white', 'Navy', 'Grey', 'Beige', 'Camel', 'Brown', 'Olive', 'Khaki', 'Green', 'Burgundy', 'Red', 'Pink', 'Lilac', 'Light blue', 'Blue', 'Yellow', 'Cream', 'Multicolour'] as const;
export const DENIM_COLORS = ['Mid blue', 'Light blue', 'Dark indigo', 'Washed black', 'Ecru'] as const;
