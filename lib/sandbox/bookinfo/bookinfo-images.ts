/**
 * Which container images are Bookinfo's: `examples-bookinfo-<service>-v<N>` under any registry
 * path (`registry.istio.io/release/`, `docker.io/istio/`, `istio/`, `kubesphere/`, ...) with any
 * tag or digest. Each maps to Aviary's own implementation of the service; the version is the
 * image's.
 */
import type { ImageCatalog, WorkloadAppFactory } from '../workloads/workload-app';
import { detailsService } from './details';
import { productpageService } from './productpage';
import { ratingsService } from './ratings';
import { reviewsService } from './reviews';

export const bookinfoServices: Record<string, WorkloadAppFactory> = {
  productpage: productpageService,
  details: detailsService,
  reviews: reviewsService,
  ratings: ratingsService,
};

const bookinfoImage =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?(?:[a-z0-9._-]+\/)*examples-bookinfo-(productpage|details|reviews|ratings)-(v[1-3])(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

/** The Bookinfo service and version an image runs, or undefined for any other image. */
export const bookinfoImages: ImageCatalog = (image) => {
  const match = bookinfoImage.exec(image.trim());
  if (!match) return undefined;
  const app = match[1] as keyof typeof bookinfoServices;
  return { app, version: match[2]!, factory: bookinfoServices[app]! };
};
