import { findSubset } from './destination-rules';
import {
  defaultClusterDomain,
  exactHostScore,
  hostMatchScore,
  objectNamespace,
  resolveConfigHost,
  resolveGatewayName,
  serviceOfHost,
} from './hosts';
import { matchBlockCovers } from './match-coverage';
import { compileRe2, isPresenceMatch, stringMatchOperators } from './string-match';
import {
  meshGateway,
  type Destination,
  type DestinationRule,
  type Gateway,
  type HTTPMatchRequest,
  type HTTPRoute,
  type ServiceRef,
  type StringMatch,
  type VirtualService,
} from './types';

/**
 * What the console tells a user about a VirtualService before (and after) it is applied. Codes
 * follow Kiali (KIA...) and `istioctl analyze` (IST...) where those tools have the check; AVY
 * codes are checks Istio's admission webhook enforces (an error) or Envoy behaviour worth a
 * warning, which neither tool reports with a code.
 */
export const virtualServiceValidationCodes = {
  KIA1101: 'destination host not found in the service registry',
  KIA1102: 'gateway not found',
  KIA1104: 'the weight is assumed to be 100 because there is only one route destination',
  KIA1105: 'this host and subset are already referenced in another route destination',
  KIA1106: 'more than one VirtualService for the same host',
  KIA1107: 'subset not found in any DestinationRule',
  KIA1108: 'preferred nomenclature: <gateway namespace>/<gateway name>',
  IST0130: 'rule is never reached',
  IST0131: 'match block is never used',
  AVY1001: 'regex is not valid RE2',
  AVY1002: 'StringMatch sets more than one of exact, prefix, regex',
  AVY1003: 'weights do not sum to 100',
  AVY1004: 'all weights are zero',
  AVY1005: 'ignoreUriCase has no effect on a regex uri',
  AVY1006: 'rule needs exactly one of route, redirect, directResponse',
} as const;

export type VirtualServiceValidationCode = keyof typeof virtualServiceValidationCodes;

export interface ValidationIssue {
  severity: 'error' | 'warning';
  code: VirtualServiceValidationCode;
  message: string;
  /** Where in the object, e.g. `spec.http[1].match[0].headers["end-user"].regex`. */
  path: string;
}

/** What else is in the cluster; checks whose inputs are absent are skipped. */
export interface ValidationContext {
  destinationRules: readonly DestinationRule[];
  /** Every VirtualService (this one may be among them): for KIA1106. */
  virtualServices?: readonly VirtualService[];
  /** Every Gateway: for KIA1102. */
  gateways?: readonly Gateway[];
  /** The service registry: for KIA1101. */
  services?: readonly ServiceRef[];
  clusterDomain?: string;
}

type Report = (
  severity: ValidationIssue['severity'],
  code: VirtualServiceValidationCode,
  message: string,
  path: string,
) => void;

function keyPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function checkStringMatch(match: StringMatch, path: string, report: Report): void {
  const operators = stringMatchOperators(match);
  if (operators.length > 1) {
    report('error', 'AVY1002', `sets ${operators.join(' and ')}: Istio accepts exactly one`, path);
  }
  if (match.regex !== undefined && !isPresenceMatch(match)) {
    const compilation = compileRe2(match.regex);
    if (!compilation.ok)
      report(
        'error',
        'AVY1001',
        `"${match.regex}" is not valid RE2: ${compilation.error}`,
        `${path}.regex`,
      );
  }
}

function checkMatchBlock(match: HTTPMatchRequest, path: string, report: Report): void {
  for (const field of ['uri', 'scheme', 'method', 'authority'] as const) {
    const stringMatch = match[field];
    if (stringMatch) checkStringMatch(stringMatch, `${path}.${field}`, report);
  }
  for (const field of ['headers', 'withoutHeaders', 'queryParams'] as const) {
    for (const [name, stringMatch] of Object.entries(match[field] ?? {})) {
      checkStringMatch(stringMatch, `${path}.${field}${keyPath(name)}`, report);
    }
  }
  if (match.ignoreUriCase && match.uri?.regex !== undefined) {
    report(
      'warning',
      'AVY1005',
      'Envoy matches a regex uri case-sensitively whatever ignoreUriCase says; use (?i)',
      `${path}.ignoreUriCase`,
    );
  }
}

function checkWeights(rule: HTTPRoute, path: string, report: Report): void {
  const route = rule.route ?? [];
  const [only] = route;
  if (route.length === 1 && only?.weight !== undefined && only.weight !== 100) {
    report(
      'warning',
      'KIA1104',
      `weight ${only.weight} is treated as 100: it is the only destination`,
      `${path}.route[0].weight`,
    );
  }
  if (route.length < 2) return;
  const total = route.reduce((sum, entry) => sum + (entry.weight ?? 0), 0);
  if (total === 0)
    report(
      'error',
      'AVY1004',
      'all destinations weigh 0: Istio rejects the route',
      `${path}.route`,
    );
  else if (total !== 100) {
    report(
      'warning',
      'AVY1003',
      `weights sum to ${total}; Istio (1.15+) shares traffic relative to the sum`,
      `${path}.route`,
    );
  }
}

function checkRuleAction(rule: HTTPRoute, path: string, report: Report): void {
  const actions = [
    rule.route?.length ? 'route' : '',
    rule.redirect ? 'redirect' : '',
    rule.directResponse ? 'directResponse' : '',
  ];
  const set = actions.filter(Boolean);
  if (set.length !== 1) {
    report(
      'error',
      'AVY1006',
      set.length === 0
        ? 'rule has no route, redirect or directResponse'
        : `rule sets ${set.join(' and ')}`,
      path,
    );
  }
}

interface DestinationCheck {
  namespace: string;
  context: ValidationContext;
  clusterDomain: string;
  report: Report;
}

function checkDestination(destination: Destination, path: string, check: DestinationCheck): void {
  const host = resolveConfigHost(destination.host, check.namespace, check.clusterDomain);
  const service = serviceOfHost(host, check.clusterDomain);
  const services = check.context.services;
  if (
    services &&
    service &&
    !services.some(
      (candidate) => candidate.name === service.name && candidate.namespace === service.namespace,
    )
  ) {
    check.report(
      'error',
      'KIA1101',
      `host "${destination.host}" (${host}) is not a service in the registry`,
      `${path}.host`,
    );
  }
  if (
    destination.subset &&
    !findSubset(check.context.destinationRules, host, destination.subset, check.clusterDomain)
  ) {
    check.report(
      'error',
      'KIA1107',
      `subset "${destination.subset}" of ${host} is defined in no DestinationRule: requests get 503 NC`,
      `${path}.subset`,
    );
  }
}

function checkDestinations(rule: HTTPRoute, path: string, check: DestinationCheck): void {
  const seen = new Map<string, number>();
  (rule.route ?? []).forEach((entry, index) => {
    checkDestination(entry.destination, `${path}.route[${index}].destination`, check);
    const key = `${resolveConfigHost(entry.destination.host, check.namespace, check.clusterDomain)}|${entry.destination.subset ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      check.report(
        'warning',
        'KIA1105',
        `same host and subset as route[${first}]`,
        `${path}.route[${index}].destination`,
      );
    } else seen.set(key, index);
  });
  if (rule.mirror) checkDestination(rule.mirror, `${path}.mirror`, check);
  (rule.mirrors ?? []).forEach((mirror, index) =>
    checkDestination(mirror.destination, `${path}.mirrors[${index}].destination`, check),
  );
}

/** IST0130 for rules no request can reach, IST0131 for single blocks an earlier block always takes first. */
function checkReachability(rules: readonly HTTPRoute[], report: Report): void {
  const blocksOf = (rule: HTTPRoute): (HTTPMatchRequest | undefined)[] =>
    rule.match?.length ? rule.match : [undefined];
  rules.forEach((rule, ruleIndex) => {
    const coveredBy = blocksOf(rule).map((block, blockIndex) => {
      const earlierRule = rules
        .slice(0, ruleIndex)
        .findIndex((earlier) => blocksOf(earlier).some((wider) => matchBlockCovers(wider, block)));
      if (earlierRule !== -1) return { rule: earlierRule, sameRule: false };
      const sameRule = blocksOf(rule)
        .slice(0, blockIndex)
        .some((wider) => matchBlockCovers(wider, block));
      return sameRule ? { rule: ruleIndex, sameRule: true } : undefined;
    });
    if (coveredBy.every((cover) => cover && !cover.sameRule)) {
      const earlier = Math.max(...coveredBy.map((cover) => cover?.rule ?? -1));
      report(
        'warning',
        'IST0130',
        `rule #${ruleIndex} is never reached: rule #${earlier} takes every request it matches`,
        `spec.http[${ruleIndex}]`,
      );
      return;
    }
    coveredBy.forEach((cover, blockIndex) => {
      if (!cover) return;
      const by = cover.sameRule ? 'an earlier block of the same rule' : `rule #${cover.rule}`;
      report(
        'warning',
        'IST0131',
        `match block #${blockIndex} is never used: ${by} matches every request it does`,
        `spec.http[${ruleIndex}].match[${blockIndex}]`,
      );
    });
  });
}

function checkGateways(
  virtualService: VirtualService,
  context: ValidationContext,
  report: Report,
): void {
  const namespace = objectNamespace(virtualService);
  (virtualService.spec.gateways ?? []).forEach((gateway, index) => {
    if (gateway === meshGateway) return;
    const path = `spec.gateways[${index}]`;
    if (!gateway.includes('/')) {
      report(
        'warning',
        'KIA1108',
        `write "${namespace}/${gateway}" rather than "${gateway}"`,
        path,
      );
    }
    const [gatewayNamespace, name] = gateway.includes('/')
      ? gateway.split('/')
      : [namespace, gateway];
    const known = context.gateways?.some(
      (candidate) =>
        candidate.metadata.name === name && objectNamespace(candidate) === gatewayNamespace,
    );
    if (context.gateways && !known)
      report('error', 'KIA1102', `gateway "${gatewayNamespace}/${name}" does not exist`, path);
  });
}

function resolvedGateways(virtualService: VirtualService): string[] {
  const gateways = virtualService.spec.gateways?.length
    ? virtualService.spec.gateways
    : [meshGateway];
  return gateways.map((gateway) => resolveGatewayName(gateway, objectNamespace(virtualService)));
}

/** Two VirtualServices only compete for a host on a proxy both are bound to. */
function sharesGateway(a: VirtualService, b: VirtualService): boolean {
  const ofB = resolvedGateways(b);
  return resolvedGateways(a).some((gateway) => ofB.includes(gateway));
}

function checkDuplicateHosts(
  virtualService: VirtualService,
  context: ValidationContext,
  clusterDomain: string,
  report: Report,
): void {
  const namespace = objectNamespace(virtualService);
  const others = (context.virtualServices ?? []).filter(
    (other) =>
      !(
        other.metadata.name === virtualService.metadata.name && objectNamespace(other) === namespace
      ) && sharesGateway(virtualService, other),
  );
  (virtualService.spec.hosts ?? []).forEach((host, index) => {
    const resolved = resolveConfigHost(host, namespace, clusterDomain);
    const clash = others.find((other) =>
      (other.spec.hosts ?? []).some(
        (otherHost) =>
          hostMatchScore(resolveConfigHost(otherHost, objectNamespace(other), clusterDomain), [
            resolved,
          ]) === exactHostScore,
      ),
    );
    if (clash) {
      report(
        'warning',
        'KIA1106',
        `VirtualService ${objectNamespace(clash)}/${clash.metadata.name} also routes ${resolved}`,
        `spec.hosts[${index}]`,
      );
    }
  });
}

/**
 * Validates a VirtualService the way the console shows it: Istio's admission rules (errors), the
 * traffic it would drop (503 NC subsets, unreachable rules) and Kiali's warnings.
 * @returns the issues found, in the order of the object; empty when all is well.
 */
export function validateVirtualService(
  virtualService: VirtualService,
  context: ValidationContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report: Report = (severity, code, message, path) =>
    issues.push({ severity, code, message, path });
  const clusterDomain = context.clusterDomain ?? defaultClusterDomain;
  const check: DestinationCheck = {
    namespace: objectNamespace(virtualService),
    context,
    clusterDomain,
    report,
  };
  checkDuplicateHosts(virtualService, context, clusterDomain, report);
  checkGateways(virtualService, context, report);
  const rules = virtualService.spec.http ?? [];
  rules.forEach((rule, ruleIndex) => {
    const path = `spec.http[${ruleIndex}]`;
    checkRuleAction(rule, path, report);
    (rule.match ?? []).forEach((match, matchIndex) =>
      checkMatchBlock(match, `${path}.match[${matchIndex}]`, report),
    );
    checkWeights(rule, path, report);
    checkDestinations(rule, path, check);
  });
  checkReachability(rules, report);
  (virtualService.spec.tcp ?? []).forEach((rule, ruleIndex) =>
    (rule.route ?? []).forEach((entry, index) =>
      checkDestination(
        entry.destination,
        `spec.tcp[${ruleIndex}].route[${index}].destination`,
        check,
      ),
    ),
  );
  return issues;
}
