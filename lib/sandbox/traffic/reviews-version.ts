/**
 * What a productpage answer shows of the reviews service, read from the page as a person reads it:
 * no stars is reviews v1, black stars v2, red stars v3 (bookinfo.md). The same checks work on
 * the real sample's page, which draws stars the same way (`<font color="...">` around glyphs).
 */

/** The reviews version a page shows, or why it shows none. */
export type ReviewsSeen =
  'v1' | 'v2' | 'v3' | 'ratings-unavailable' | 'reviews-unavailable' | 'not-a-product-page';

/** Classifies one productpage body. */
export function reviewsSeenOnPage(html: string): ReviewsSeen {
  if (html.includes('Error fetching product reviews')) return 'reviews-unavailable';
  if (!html.includes('Book Reviews')) return 'not-a-product-page';
  if (/<font color="red">/.test(html)) return 'v3';
  if (/<font color="black">/.test(html)) return 'v2';
  // v2 and v3 print this instead of stars when ratings does not answer.
  if (html.includes('Ratings service is currently unavailable')) return 'ratings-unavailable';
  return html.includes('glyphicon-star') ? 'v2' : 'v1';
}
