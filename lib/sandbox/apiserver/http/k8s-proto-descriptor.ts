import type { IField, IMapField, INamespace } from 'protobufjs';

/**
 * Marks a field Go declares as a pointer (`*int32`, `*bool`): gogo-protobuf writes it only when set,
 * so a zero on the wire was meant. Every other scalar is written even when zero, and the decoder
 * drops those zeros as the JSON encoder's omitempty would.
 */
const pointer = { nullable: true };

/** A map<string, T> field (IType's field list is typed without the map's keyType). */
function stringMap(type: string, id: number): IField {
  const field: IMapField = { keyType: 'string', type, id };
  return field;
}

/**
 * go-to-protobuf writes proto2, where a scalar's presence is kept (that is how a pointer's zero
 * gets through). protobufjs reads a JSON descriptor's messages as proto3 unless each says its
 * edition, so every message here is marked proto2.
 */
function asProto2(namespace: INamespace): INamespace {
  for (const nested of Object.values(namespace.nested ?? {})) {
    if ('fields' in nested) Object.assign(nested, { edition: 'proto2' });
    if ('nested' in nested) asProto2(nested as INamespace);
  }
  return namespace;
}

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const CORE = 'k8s.io.api.core.v1.';
const INTSTR = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';

/**
 * The Kubernetes messages kubectl 1.32+ sends as protobuf from its imperative `create` generators
 * and `auth can-i` / `auth whoami`, as a protobufjs JSON descriptor: the runtime.Unknown envelope
 * (k8s.io/apimachinery pkg/runtime/generated.proto) and the kinds below, from k8s.io/api
 * {core,apps,rbac,authorization,authentication}/v1/generated.proto and apimachinery's meta/v1,
 * intstr and resource protos. Written out here, like the OTLP descriptor, so the sandbox reads no
 * files at run time. Only the fields those generators can set are declared: protobuf skips
 * unknown fields, so a body carrying more still decodes (minus those fields). Timestamps are left
 * out on purpose: clients may not set them, and a zero Go time is written as an empty message.
 * Field numbers follow the upstream files exactly.
 */
export const k8sProtoDescriptor: INamespace = asProto2({
  nested: {
    k8s: {
      nested: {
        io: {
          nested: {
            apimachinery: {
              nested: {
                pkg: {
                  nested: {
                    runtime: {
                      nested: {
                        TypeMeta: {
                          fields: {
                            apiVersion: { type: 'string', id: 1 },
                            kind: { type: 'string', id: 2 },
                          },
                        },
                        Unknown: {
                          fields: {
                            typeMeta: { type: 'TypeMeta', id: 1 },
                            raw: { type: 'bytes', id: 2 },
                            contentEncoding: { type: 'string', id: 3 },
                            contentType: { type: 'string', id: 4 },
                          },
                        },
                      },
                    },
                    util: {
                      nested: {
                        intstr: {
                          nested: {
                            IntOrString: {
                              fields: {
                                type: { type: 'int64', id: 1 },
                                intVal: { type: 'int32', id: 2 },
                                strVal: { type: 'string', id: 3 },
                              },
                            },
                          },
                        },
                      },
                    },
                    api: {
                      nested: {
                        resource: {
                          nested: {
                            Quantity: { fields: { string: { type: 'string', id: 1 } } },
                          },
                        },
                      },
                    },
                    apis: {
                      nested: {
                        meta: {
                          nested: {
                            v1: {
                              nested: {
                                ObjectMeta: {
                                  fields: {
                                    name: { type: 'string', id: 1 },
                                    generateName: { type: 'string', id: 2 },
                                    namespace: { type: 'string', id: 3 },
                                    uid: { type: 'string', id: 5 },
                                    resourceVersion: { type: 'string', id: 6 },
                                    labels: stringMap('string', 11),
                                    annotations: stringMap('string', 12),
                                    ownerReferences: {
                                      rule: 'repeated',
                                      type: 'OwnerReference',
                                      id: 13,
                                    },
                                    finalizers: { rule: 'repeated', type: 'string', id: 14 },
                                  },
                                },
                                OwnerReference: {
                                  fields: {
                                    kind: { type: 'string', id: 1 },
                                    name: { type: 'string', id: 3 },
                                    uid: { type: 'string', id: 4 },
                                    apiVersion: { type: 'string', id: 5 },
                                    controller: { type: 'bool', id: 6, options: pointer },
                                    blockOwnerDeletion: { type: 'bool', id: 7, options: pointer },
                                  },
                                },
                                LabelSelector: {
                                  fields: {
                                    matchLabels: stringMap('string', 1),
                                    matchExpressions: {
                                      rule: 'repeated',
                                      type: 'LabelSelectorRequirement',
                                      id: 2,
                                    },
                                  },
                                },
                                LabelSelectorRequirement: {
                                  fields: {
                                    key: { type: 'string', id: 1 },
                                    operator: { type: 'string', id: 2 },
                                    values: { rule: 'repeated', type: 'string', id: 3 },
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            api: {
              nested: {
                core: {
                  nested: {
                    v1: {
                      nested: {
                        Namespace: { fields: { metadata: { type: META + 'ObjectMeta', id: 1 } } },
                        ConfigMap: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            data: stringMap('string', 2),
                            binaryData: stringMap('bytes', 3),
                            immutable: { type: 'bool', id: 4, options: pointer },
                          },
                        },
                        Secret: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            data: stringMap('bytes', 2),
                            type: { type: 'string', id: 3 },
                            stringData: stringMap('string', 4),
                            immutable: { type: 'bool', id: 5, options: pointer },
                          },
                        },
                        ServiceAccount: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            automountServiceAccountToken: {
                              type: 'bool',
                              id: 4,
                              options: pointer,
                            },
                          },
                        },
                        Service: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            spec: { type: 'ServiceSpec', id: 2 },
                          },
                        },
                        ServiceSpec: {
                          fields: {
                            ports: { rule: 'repeated', type: 'ServicePort', id: 1 },
                            selector: stringMap('string', 2),
                            clusterIP: { type: 'string', id: 3 },
                            type: { type: 'string', id: 4 },
                            externalIPs: { rule: 'repeated', type: 'string', id: 5 },
                            sessionAffinity: { type: 'string', id: 7 },
                            externalName: { type: 'string', id: 10 },
                            clusterIPs: { rule: 'repeated', type: 'string', id: 18 },
                          },
                        },
                        ServicePort: {
                          fields: {
                            name: { type: 'string', id: 1 },
                            protocol: { type: 'string', id: 2 },
                            port: { type: 'int32', id: 3 },
                            targetPort: { type: INTSTR, id: 4 },
                            nodePort: { type: 'int32', id: 5 },
                            appProtocol: { type: 'string', id: 6, options: pointer },
                          },
                        },
                        PodTemplateSpec: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            spec: { type: 'PodSpec', id: 2 },
                          },
                        },
                        PodSpec: {
                          fields: {
                            containers: { rule: 'repeated', type: 'Container', id: 2 },
                            restartPolicy: { type: 'string', id: 3 },
                            terminationGracePeriodSeconds: {
                              type: 'int64',
                              id: 4,
                              options: pointer,
                            },
                            dnsPolicy: { type: 'string', id: 6 },
                            nodeSelector: stringMap('string', 7),
                            serviceAccountName: { type: 'string', id: 8 },
                            initContainers: { rule: 'repeated', type: 'Container', id: 20 },
                          },
                        },
                        Container: {
                          fields: {
                            name: { type: 'string', id: 1 },
                            image: { type: 'string', id: 2 },
                            command: { rule: 'repeated', type: 'string', id: 3 },
                            args: { rule: 'repeated', type: 'string', id: 4 },
                            workingDir: { type: 'string', id: 5 },
                            ports: { rule: 'repeated', type: 'ContainerPort', id: 6 },
                            resources: { type: 'ResourceRequirements', id: 8 },
                            terminationMessagePath: { type: 'string', id: 13 },
                            imagePullPolicy: { type: 'string', id: 14 },
                            terminationMessagePolicy: { type: 'string', id: 20 },
                          },
                        },
                        ContainerPort: {
                          fields: {
                            name: { type: 'string', id: 1 },
                            hostPort: { type: 'int32', id: 2 },
                            containerPort: { type: 'int32', id: 3 },
                            protocol: { type: 'string', id: 4 },
                            hostIP: { type: 'string', id: 5 },
                          },
                        },
                        ResourceRequirements: {
                          fields: {
                            limits: stringMap(QUANTITY, 1),
                            requests: stringMap(QUANTITY, 2),
                          },
                        },
                      },
                    },
                  },
                },
                apps: {
                  nested: {
                    v1: {
                      nested: {
                        Deployment: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            spec: { type: 'DeploymentSpec', id: 2 },
                          },
                        },
                        DeploymentSpec: {
                          fields: {
                            replicas: { type: 'int32', id: 1, options: pointer },
                            selector: { type: META + 'LabelSelector', id: 2 },
                            template: { type: CORE + 'PodTemplateSpec', id: 3 },
                            strategy: { type: 'DeploymentStrategy', id: 4 },
                            minReadySeconds: { type: 'int32', id: 5 },
                            revisionHistoryLimit: { type: 'int32', id: 6, options: pointer },
                            paused: { type: 'bool', id: 7 },
                            progressDeadlineSeconds: { type: 'int32', id: 9, options: pointer },
                          },
                        },
                        DeploymentStrategy: {
                          fields: {
                            type: { type: 'string', id: 1 },
                            rollingUpdate: { type: 'RollingUpdateDeployment', id: 2 },
                          },
                        },
                        RollingUpdateDeployment: {
                          fields: {
                            maxUnavailable: { type: INTSTR, id: 1, options: pointer },
                            maxSurge: { type: INTSTR, id: 2, options: pointer },
                          },
                        },
                      },
                    },
                  },
                },
                rbac: {
                  nested: {
                    v1: {
                      nested: {
                        Role: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            rules: { rule: 'repeated', type: 'PolicyRule', id: 2 },
                          },
                        },
                        ClusterRole: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            rules: { rule: 'repeated', type: 'PolicyRule', id: 2 },
                            aggregationRule: { type: 'AggregationRule', id: 3 },
                          },
                        },
                        AggregationRule: {
                          fields: {
                            clusterRoleSelectors: {
                              rule: 'repeated',
                              type: META + 'LabelSelector',
                              id: 1,
                            },
                          },
                        },
                        PolicyRule: {
                          fields: {
                            verbs: { rule: 'repeated', type: 'string', id: 1 },
                            apiGroups: { rule: 'repeated', type: 'string', id: 2 },
                            resources: { rule: 'repeated', type: 'string', id: 3 },
                            resourceNames: { rule: 'repeated', type: 'string', id: 4 },
                            nonResourceURLs: { rule: 'repeated', type: 'string', id: 5 },
                          },
                        },
                        RoleBinding: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            subjects: { rule: 'repeated', type: 'Subject', id: 2 },
                            roleRef: { type: 'RoleRef', id: 3 },
                          },
                        },
                        ClusterRoleBinding: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            subjects: { rule: 'repeated', type: 'Subject', id: 2 },
                            roleRef: { type: 'RoleRef', id: 3 },
                          },
                        },
                        Subject: {
                          fields: {
                            kind: { type: 'string', id: 1 },
                            apiGroup: { type: 'string', id: 2 },
                            name: { type: 'string', id: 3 },
                            namespace: { type: 'string', id: 4 },
                          },
                        },
                        RoleRef: {
                          fields: {
                            apiGroup: { type: 'string', id: 1 },
                            kind: { type: 'string', id: 2 },
                            name: { type: 'string', id: 3 },
                          },
                        },
                      },
                    },
                  },
                },
                authorization: {
                  nested: {
                    v1: {
                      nested: {
                        SelfSubjectAccessReview: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            spec: { type: 'SelfSubjectAccessReviewSpec', id: 2 },
                          },
                        },
                        SelfSubjectAccessReviewSpec: {
                          fields: {
                            resourceAttributes: { type: 'ResourceAttributes', id: 1 },
                            nonResourceAttributes: { type: 'NonResourceAttributes', id: 2 },
                          },
                        },
                        ResourceAttributes: {
                          fields: {
                            namespace: { type: 'string', id: 1 },
                            verb: { type: 'string', id: 2 },
                            group: { type: 'string', id: 3 },
                            version: { type: 'string', id: 4 },
                            resource: { type: 'string', id: 5 },
                            subresource: { type: 'string', id: 6 },
                            name: { type: 'string', id: 7 },
                          },
                        },
                        NonResourceAttributes: {
                          fields: {
                            path: { type: 'string', id: 1 },
                            verb: { type: 'string', id: 2 },
                          },
                        },
                        SelfSubjectRulesReview: {
                          fields: {
                            metadata: { type: META + 'ObjectMeta', id: 1 },
                            spec: { type: 'SelfSubjectRulesReviewSpec', id: 2 },
                          },
                        },
                        SelfSubjectRulesReviewSpec: {
                          fields: { namespace: { type: 'string', id: 1 } },
                        },
                      },
                    },
                  },
                },
                authentication: {
                  nested: {
                    v1: {
                      nested: {
                        SelfSubjectReview: {
                          fields: { metadata: { type: META + 'ObjectMeta', id: 1 } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});

/** The message of each kind the sandbox decodes, by `apiVersion/kind` as runtime.Unknown names it. */
export const protobufKinds: Readonly<Record<string, string>> = {
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  'v1/Service': 'k8s.io.api.core.v1.Service',
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'rbac.authorization.k8s.io/v1/Role': 'k8s.io.api.rbac.v1.Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'k8s.io.api.rbac.v1.ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'k8s.io.api.rbac.v1.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'k8s.io.api.rbac.v1.ClusterRoleBinding',
  'authorization.k8s.io/v1/SelfSubjectAccessReview':
    'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview':
    'k8s.io.api.authorization.v1.SelfSubjectRulesReview',
  'authentication.k8s.io/v1/SelfSubjectReview': 'k8s.io.api.authentication.v1.SelfSubjectReview',
};
