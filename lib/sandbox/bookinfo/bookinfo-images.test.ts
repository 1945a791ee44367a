import { describe, expect, it } from 'vitest';
import { bookinfoImages } from './bookinfo-images';

describe('bookinfoImages', () => {
  it.each([
    ['registry.istio.io/release/examples-bookinfo-productpage-v1:1.20.3', 'productpage', 'v1'],
    ['docker.io/istio/examples-bookinfo-reviews-v2:1.20.3', 'reviews', 'v2'],
    ['istio/examples-bookinfo-reviews-v3', 'reviews', 'v3'],
    ['kubesphere/examples-bookinfo-ratings-v1:1.13.0', 'ratings', 'v1'],
    ['kubesphere/examples-bookinfo-details-v2:1.13.0', 'details', 'v2'],
    ['localhost:5000/mirror/istio/examples-bookinfo-ratings-v2:latest', 'ratings', 'v2'],
    [`examples-bookinfo-details-v1@sha256:${'a'.repeat(64)}`, 'details', 'v1'],
  ])('%s runs %s %s', (image, app, version) => {
    expect(bookinfoImages(image)).toMatchObject({ app, version });
  });

  it.each([
    'nginx:1.25',
    'istio/examples-bookinfo-reviews-v4:1.20.3',
    'istio/examples-bookinfo-mongodb:1.20.3',
    'istio/examples-bookinfo-reviews-v1-extra:1',
    'istio/examples-bookinfo-reviews:1',
    '',
  ])('%s is unknown', (image) => {
    expect(bookinfoImages(image)).toBeUndefined();
  });
});
