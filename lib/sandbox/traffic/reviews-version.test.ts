import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderProductPage, type ProductPageView } from '../bookinfo/productpage-html';
import { products } from '../bookinfo/productpage';
import { reviewTexts } from '../bookinfo/reviews';
import { reviewsSeenOnPage } from './reviews-version';

const view = (rating?: { stars?: number; color?: string; error?: string }): ProductPageView => ({
  product: products[0]!,
  details: { type: 'paperback' },
  reviews: {
    reviews: reviewTexts.map((review) => ({ ...review, ...(rating ? { rating } : {}) })),
    podname: 'reviews-x',
  },
});

describe('reviewsSeenOnPage', () => {
  it.each([
    ['no stars', view(), 'v1'],
    ['black stars', view({ stars: 5, color: 'black' }), 'v2'],
    ['red stars', view({ stars: 4, color: 'red' }), 'v3'],
    ['zero black stars (only empty glyphs)', view({ stars: 0, color: 'black' }), 'v2'],
    [
      'ratings down',
      view({ error: 'Ratings service is currently unavailable' }),
      'ratings-unavailable',
    ],
    ['reviews down', { ...view(), reviews: undefined }, 'reviews-unavailable'],
  ] as const)('%s on the sandbox page', (_, pageView, expected) => {
    expect(reviewsSeenOnPage(renderProductPage(pageView))).toBe(expected);
  });

  it('reads a page that is not productpage as such', () => {
    expect(reviewsSeenOnPage('no healthy upstream')).toBe('not-a-product-page');
    expect(
      reviewsSeenOnPage(
        readFileSync(new URL('./reviews-version.ts', import.meta.url), 'utf8').slice(0, 40),
      ),
    ).toBe('not-a-product-page');
  });
});
