namespace Simulator.Kubernetes.Tests.Manifests;

/// <summary>Manifests shared by the manifest, output and CLI tests.</summary>
internal static class ManifestTexts
{
    public const string LoggingNamespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: logging
        """;

    /// <summary>The seed guide's fluentd DaemonSet in the logging namespace.</summary>
    public static string Fluentd(string image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2", string extraLabels = "", string nodeSelector = "", string ns = "logging") => $$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
        {{(ns.Length == 0 ? "" : "  namespace: " + ns)}}
          labels:
            k8s-app: fluentd-logging
        {{extraLabels}}
        spec:
          selector:
            matchLabels:
              name: fluentd
          template:
            metadata:
              labels:
                name: fluentd
            spec:
        {{nodeSelector}}
              terminationGracePeriodSeconds: 30
              containers:
              - name: fluentd-elasticsearch
                image: {{image}}
                resources:
                  limits:
                    memory: 200Mi
                  requests:
                    cpu: 100m
                    memory: 200Mi
        """;
}
