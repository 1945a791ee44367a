/**
 * productpage's HTML: the landing page and the product page with its Book Details table and Book
 * Reviews. Stars are drawn as the sample draws them (`<font color="...">` around filled glyphs,
 * then empty ones up to five), so the checks people run against the real page
 * (`grep -o 'glyphicon-star'`, `color="red"`) behave the same here.
 */
import { escapeHtml } from './http-util';

export interface ProductView {
  title: string;
  descriptionHtml: string;
}

export interface ReviewView {
  reviewer: string;
  text: string;
  rating?: { stars?: number; color?: string; error?: string };
}

export interface ProductPageView {
  product: ProductView;
  user?: string;
  details?: Record<string, unknown>;
  reviews?: { reviews: ReviewView[]; podname?: string; clustername?: string };
}

const head = (title: string) =>
  `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n`;

export function renderLandingPage(): string {
  return `${head('Simple Bookstore App')}<h3>Hello! This is a simple bookstore application consisting of three services as shown below</h3>
<p>Click on one of the links below to auto generate a request to the backend as a real user or a tester</p>
<p><a href="/productpage?u=normal">Normal user</a></p>
<p><a href="/productpage?u=test">Test user</a></p>
</body>
</html>
`;
}

function renderStars(rating: NonNullable<ReviewView['rating']>): string {
  if (rating.error) return `<p><i>${escapeHtml(rating.error)}</i></p>`;
  const stars = Math.max(0, Math.min(5, rating.stars ?? 0));
  const color = escapeHtml(rating.color ?? 'black');
  const filled = '<span class="glyphicon glyphicon-star"></span>\n'.repeat(stars);
  const empty = '<span class="glyphicon glyphicon-star-empty"></span>\n'.repeat(5 - stars);
  return `<font color="${color}">\n${filled}${empty}</font>`;
}

const detailRows: Array<[string, string]> = [
  ['Type', 'type'],
  ['Pages', 'pages'],
  ['Publisher', 'publisher'],
  ['Language', 'language'],
  ['ISBN-10', 'ISBN-10'],
  ['ISBN-13', 'ISBN-13'],
];

function renderDetails(details: ProductPageView['details']): string {
  if (!details) {
    return '<h4 class="text-center text-primary">Error fetching product details!</h4>\n<p>Sorry, product details are currently unavailable for this book.</p>\n';
  }
  const rows = detailRows
    .map(([label, key]) => `<dt>${label}:</dt><dd>${escapeHtml(String(details[key] ?? ''))}</dd>`)
    .join('\n');
  return `<h4 class="text-center text-primary">Book Details</h4>\n<dl>\n${rows}\n</dl>\n`;
}

function renderReviews(reviews: ProductPageView['reviews']): string {
  if (!reviews) {
    return '<h4 class="text-center text-primary">Error fetching product reviews!</h4>\n<p>Sorry, product reviews are currently unavailable for this book.</p>\n';
  }
  const items = reviews.reviews
    .map(
      (review) =>
        `<blockquote>\n<p>${escapeHtml(review.text)}</p>\n<small>${escapeHtml(review.reviewer)}</small>\n${review.rating ? renderStars(review.rating) : ''}\n</blockquote>`,
    )
    .join('\n');
  const servedBy = reviews.podname
    ? `<dl>\n<dt>Reviews served by:</dt>\n<u>${escapeHtml(reviews.podname)}</u>\n</dl>\n`
    : '';
  return `<h4 class="text-center text-primary">Book Reviews</h4>\n${items}\n${servedBy}`;
}

export function renderProductPage(view: ProductPageView): string {
  const account = view.user
    ? `<p class="navbar-text">signed in as <b>${escapeHtml(view.user)}</b> <a href="/logout">sign out</a></p>`
    : '<form method="post" action="/login"><input type="text" name="username" placeholder="User Name"><input type="password" name="passwd" placeholder="Password"><button type="submit">Sign in</button></form>';
  return `${head('Simple Bookstore App')}<nav><a href="#">BookInfo Sample</a>\n${account}\n</nav>
<h3 class="text-center text-primary">${escapeHtml(view.product.title)}</h3>
<p>Summary: ${view.product.descriptionHtml}</p>
<div class="details">
${renderDetails(view.details)}</div>
<div class="reviews">
${renderReviews(view.reviews)}</div>
</body>
</html>
`;
}
