import {
  labelSelectorFromObject,
  validateLabelSelectorObject,
  type LabelSelectorObject,
} from '../selectors/label-selector-object';
import { isEmptySelector, matchesLabels } from '../selectors/label-selector';
import type { StatusCause } from '../types';
import { typeMismatches } from './builtin-types';
import { fieldInvalid, fieldNotSupported, fieldRequired } from './field-errors';
import { goLiteral, goStringMap, literalText } from './go-format';
import { validateAnnotations, validateLabels } from './object-meta';
import { validatePodSpec } from './pod-spec';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

function nonNegative(value: unknown, path: string): StatusCause[] {
  return typeof value === 'number' && value < 0
    ? [fieldInvalid(path, value, 'must be greater than or equal to 0')]
    : [];
}

// How Go prints the *metav1.LabelSelector in "empty selector is invalid for deployment".
function selectorLiteral(selector: Json) {
  const labels = literalText(
    goStringMap(selector.matchLabels as Record<string, string> | undefined),
  );
  const expressions = Array.isArray(selector.matchExpressions)
    ? '[]v1.LabelSelectorRequirement{}'
    : '[]v1.LabelSelectorRequirement(nil)';
  return goLiteral(`&v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${expressions}}`);
}

/**
 * ValidatePodTemplateSpecForReplicaSet: the template's labels must satisfy the selector, the pod
 * spec must be valid, and a controller's pods always restart.
 */
function validateTemplateForSelector(
  template: unknown,
  selector: Json | undefined,
  path: string,
): StatusCause[] {
  if (template === undefined) return [fieldRequired(path)];
  const t = asObject(template);
  const meta = asObject(t.metadata);
  const labels = meta.labels as Record<string, string> | undefined;
  const causes: StatusCause[] = [];
  if (selector) {
    const parsed = safeSelector(selector);
    if (parsed && !isEmptySelector(parsed) && !matchesLabels(parsed, labels)) {
      causes.push(
        fieldInvalid(
          `${path}.metadata.labels`,
          goStringMap(labels),
          '`selector` does not match template `labels`',
        ),
      );
    }
  }
  causes.push(...validateLabels(meta.labels, `${path}.metadata.labels`));
  causes.push(...validateAnnotations(meta.annotations, `${path}.metadata.annotations`));
  causes.push(...validatePodSpec(t.spec, `${path}.spec`));
  const restartPolicy = asObject(t.spec).restartPolicy;
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    causes.push(fieldNotSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']));
  }
  return causes;
}

function safeSelector(selector: Json) {
  try {
    return labelSelectorFromObject(selector as LabelSelectorObject);
  } catch {
    // An invalid selector is reported by validateLabelSelectorObject already.
    return undefined;
  }
}

/** ValidateDeploymentSpec (light), also right for ReplicaSets minus the strategy. */
export function validateDeployment(object: Json): StatusCause[] {
  const spec = asObject(object.spec);
  const typeCauses = typeMismatches([
    [object.spec, 'object', 'spec'],
    [spec.replicas, 'integer', 'spec.replicas'],
    [spec.selector, 'object', 'spec.selector'],
    [spec.template, 'object', 'spec.template'],
    [spec.minReadySeconds, 'integer', 'spec.minReadySeconds'],
    [spec.revisionHistoryLimit, 'integer', 'spec.revisionHistoryLimit'],
    [spec.progressDeadlineSeconds, 'integer', 'spec.progressDeadlineSeconds'],
    [spec.paused, 'boolean', 'spec.paused'],
    [asObject(spec.template).spec, 'object', 'spec.template.spec'],
    [asObject(asObject(spec.template).spec).containers, 'array', 'spec.template.spec.containers'],
  ]);
  if (typeCauses.length) return typeCauses;
  const causes = nonNegative(spec.replicas, 'spec.replicas');
  let selector: Json | undefined;
  if (spec.selector === undefined || spec.selector === null) {
    causes.push(fieldRequired('spec.selector'));
  } else {
    selector = asObject(spec.selector);
    causes.push(...validateLabelSelectorObject(selector, 'spec.selector'));
    const size =
      Object.keys(asObject(selector.matchLabels)).length +
      (Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0);
    if (size === 0)
      causes.push(
        fieldInvalid(
          'spec.selector',
          selectorLiteral(selector),
          'empty selector is invalid for deployment',
        ),
      );
  }
  causes.push(...validateTemplateForSelector(spec.template, selector, 'spec.template'));
  const strategyType = asObject(spec.strategy).type;
  if (
    strategyType !== undefined &&
    strategyType !== 'Recreate' &&
    strategyType !== 'RollingUpdate'
  ) {
    causes.push(
      fieldNotSupported('spec.strategy.type', strategyType, ['Recreate', 'RollingUpdate']),
    );
  }
  causes.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  causes.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  causes.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number' && deadline <= Number(spec.minReadySeconds ?? 0)) {
    causes.push(
      fieldInvalid(
        'spec.progressDeadlineSeconds',
        deadline,
        'must be greater than minReadySeconds',
      ),
    );
  }
  return causes;
}

/** A Pod: its spec, with the paths rooted at `spec`. */
export function validatePod(object: Json): StatusCause[] {
  const typeCauses = typeMismatches([
    [object.spec, 'object', 'spec'],
    [asObject(object.spec).containers, 'array', 'spec.containers'],
  ]);
  return typeCauses.length ? typeCauses : validatePodSpec(object.spec, 'spec');
}
