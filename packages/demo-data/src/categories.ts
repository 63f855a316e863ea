import { demoId } from './demo-id.ts';
import { PLATFORM_LAUNCH } from './time.ts';
import type { DemoCategory } from './types.ts';
import type { GarmentKind } from './vocabulary.ts';

/** Who a garment is cut for; decides the size scale (women's jeans run W24–W32, men's W28–W38, kids' in cm). */
export type Audience = 'women' | 'men' | 'kids';

/** A category products can be listed in, with what the product generator needs to fill it believably. */
export interface CategoryLeaf {
  category: DemoCategory;
  kind: GarmentKind;
  audience: Audience;
  /** Relative share of listings: dresses are listed far more often than accessories. */
  weight: number;
}

interface LeafDefinition {
  slug: string;
  name: string;
  description: string;
  kind: GarmentKind;
  weight: number;
}

interface RootDefinition {
  slug: string;
  name: string;
  description: string;
  audience: Audience;
  children: readonly LeafDefinition[];
}

const CATEGORY_TREE: readonly RootDefinition[] = [
  {
    slug: 'women', name: 'Women', audience: 'women', description: 'Second-hand womenswear, shoes and bags.',
    children: [
      { slug: 'women-dresses', name: 'Dresses', kind: 'dress', weight: 9, description: 'Midi, maxi, mini and everything in between.' },
      { slug: 'women-tops', name: 'Tops & T-shirts', kind: 'top', weight: 8, description: 'T-shirts, blouses, tank tops and sweatshirts.' },
      { slug: 'women-jeans', name: 'Jeans', kind: 'jeans', weight: 7, description: 'Straight, wide-leg, flared and vintage denim.' },
      { slug: 'women-knitwear', name: 'Knitwear', kind: 'knitwear', weight: 6, description: 'Jumpers and cardigans in wool, cotton and cashmere.' },
      { slug: 'women-coats-jackets', name: 'Coats & Jackets', kind: 'outerwear', weight: 6, description: 'Trench coats, puffers, blazers and rain jackets.' },
      { slug: 'women-shoes', name: 'Shoes', kind: 'shoes', weight: 6, description: 'Boots, sneakers, sandals and loafers.' },
      { slug: 'women-bags', name: 'Bags', kind: 'bag', weight: 5, description: 'Shoulder bags, totes, backpacks and crossbody bags.' },
    ],
  },
  {
    slug: 'men', name: 'Men', audience: 'men', description: 'Second-hand menswear and shoes.',
    children: [
      { slug: 'men-shirts-tshirts', name: 'Shirts & T-shirts', kind: 'shirt', weight: 6, description: 'Oxford shirts, overshirts, polos and tees.' },
      { slug: 'men-jeans-trousers', name: 'Jeans & Trousers', kind: 'trousers', weight: 6, description: 'Denim, chinos, cargos and workwear trousers.' },
      { slug: 'men-knitwear', name: 'Knitwear', kind: 'knitwear', weight: 4, description: 'Crew-necks, cardigans and fleeces.' },
      { slug: 'men-coats-jackets', name: 'Coats & Jackets', kind: 'outerwear', weight: 5, description: 'Workwear jackets, parkas, puffers and overcoats.' },
      { slug: 'men-shoes', name: 'Shoes', kind: 'shoes', weight: 5, description: 'Sneakers, boots and sandals.' },
      { slug: 'men-accessories', name: 'Accessories', kind: 'accessory', weight: 3, description: 'Beanies, caps, scarves and belts.' },
    ],
  },
  {
    slug: 'kids', name: 'Kids', audience: 'kids', description: 'Outgrown but not worn out: clothes and shoes for children.',
    children: [
      { slug: 'kids-baby', name: 'Baby (0–24 months)', kind: 'baby', weight: 4, description: 'Bodysuits, rompers, sleepsuits and snowsuits.' },
      { slug: 'kids-girls', name: 'Girls’ clothing', kind: 'kids-clothing', weight: 4, description: 'Clothing for girls from 2 to 12 years.' },
      { slug: 'kids-boys', name: 'Boys’ clothing', kind: 'kids-clothing', weight: 4, description: 'Clothing for boys from 2 to 12 years.' },
      { slug: 'kids-shoes', name: 'Kids’ shoes', kind: 'kids-shoes', weight: 3, description: 'First walkers, sneakers, sandals and boots.' },
    ],
  },
];

export interface GeneratedCategories {
  categories: DemoCategory[];
  /** The categories products may be listed in: only leaves, so browsing a parent shows its children's listings. */
  leaves: CategoryLeaf[];
}

/** The category tree is fixed data rather than random: the shop's navigation should look the same every time. */
export function generateCategories(): GeneratedCategories {
  const categories: DemoCategory[] = [];
  const leaves: CategoryLeaf[] = [];
  const categoryRow = (slug: string, name: string, description: string, parentId: string | null, position: number) => ({
    id: demoId('category', slug),
    slug,
    name,
    description,
    parentId,
    position,
    createdAt: new Date(PLATFORM_LAUNCH),
    updatedAt: new Date(PLATFORM_LAUNCH),
  });

  CATEGORY_TREE.forEach((root, rootPosition) => {
    const rootCategory = categoryRow(root.slug, root.name, root.description, null, rootPosition);
    categories.push(rootCategory);
    root.children.forEach((child, childPosition) => {
      const category = categoryRow(child.slug, child.name, child.description, rootCategory.id, childPosition);
      categories.push(category);
      leaves.push({ category, kind: child.kind, audience: root.audience, weight: child.weight });
    });
  });
  return { categories, leaves };
}
