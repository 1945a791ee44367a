import type { HTTPRoute, HTTPRouteDestination } from '../istio/types';
import { combineMatches } from './match-merge';
import type { PlannedRule, Split } from './traffic-plan';

/**
 * A job's content rules on a route of someone else's VirtualService that does not host the
 * service (a gateway's, say): each rule becomes a route just before that route, matching where
 * both hold. First match wins, so these take exactly the requests the route would have taken that
 * the rule selects, and nothing else.
 */

/**
 * A content rule that could not be applied in full to a route of someone else's VirtualService:
 * some requests that both the route's match and the rule's conditions select cannot be written
 * as one Istio match block, so the rule does not reach them (they follow the default split).
 */
export interface ContentRuleWarning {
  virtualService: string;
  /** The route the rule was combined with: its name, else `http[<index>]`. */
  route: string;
  /** The rule's name as the plan has it (its name, else `rule-<index>`). */
  rule: string;
  /** No combination could be written: the rule does not apply on that route at all. */
  skipped: boolean;
  /** One reason per combination left out. */
  reasons: string[];
  /** One line for the job's status or an event. */
  message: string;
}

/**
 * Route-name parts for the routes no job owns, by position: a route's own name when no other
 * route has it, else `http-<position>` (all by position if that still leaves two alike).
 */
export function userRouteKeys(routes: readonly { name?: string }[]): string[] {
  const names = routes.map((r) => r.name);
  const keys = routes.map((r, index) =>
    r.name && names.indexOf(r.name) === names.lastIndexOf(r.name) ? r.name : `http-${index}`,
  );
  return new Set(keys).size === keys.length ? keys : routes.map((_, index) => `http-${index}`);
}

function warningOf(
  where: { virtualService: string; label: string },
  rule: PlannedRule,
  reasons: string[],
  skipped: boolean,
): ContentRuleWarning {
  const route = `route ${where.label} of VirtualService ${where.virtualService}`;
  const reach = skipped
    ? `does not apply to ${route}`
    : `applies only in part to ${route} (the rest follows the default split)`;
  return {
    virtualService: where.virtualService,
    route: where.label,
    rule: rule.name,
    skipped,
    reasons,
    message: `content rule ${rule.name} ${reach}: ${[...new Set(reasons)].join('; ')}`,
  };
}

export interface RulesOnRouteOptions {
  virtualService: string;
  /** The managed route name for one rule (given the rule's name). */
  routeName: (ruleName: string) => string;
  /** How the route is named in a warning. */
  label: string;
  /** The route's destinations with the service's replaced by a rule's split. */
  destinations: (split: Split) => HTTPRouteDestination[];
}

/**
 * One route per rule to go just before `route`: the AND of `route`'s match and the rule's, served
 * as `route` serves (rewrite, timeout, retries, headers, CORS, fault... kept) with the rule's
 * split. A rule with no combination left is skipped; combinations that cannot be written are
 * reported as warnings.
 */
export function rulesOnRoute(
  route: HTTPRoute,
  rules: readonly PlannedRule[],
  options: RulesOnRouteOptions,
): { routes: HTTPRoute[]; warnings: ContentRuleWarning[] } {
  const routes: HTTPRoute[] = [];
  const warnings: ContentRuleWarning[] = [];
  for (const rule of rules) {
    const combined = combineMatches(route.match, [rule.match]);
    const skipped = combined.match.length === 0;
    if (combined.inexpressible.length > 0)
      warnings.push(warningOf(options, rule, combined.inexpressible, skipped));
    if (skipped) continue;
    routes.push({
      ...route,
      name: options.routeName(rule.name),
      match: combined.match,
      route: options.destinations(rule.split),
    });
  }
  return { routes, warnings };
}
