using Simulator.Model;

namespace Simulator.Testing;

/// <summary>
/// The objects of the Kubernetes DaemonSet guide this project follows, ready to use or to vary: its fluentd DaemonSet
/// (<c>daemonset.yaml</c>) and each variant the guide applies, its priority class and its kubeadm-style control-plane node.
/// Every preset is an immutable builder: vary it with the builder's methods.
/// </summary>
public static class Presets
{
    /// <summary>The guide's <c>daemonset.yaml</c>: <c>logging/fluentd</c>, image <c>quay.io/fluentd_elasticsearch/fluentd:v2.5.2</c>,
    /// requests 100m CPU and 200Mi memory, limit 200Mi memory, hostPath <c>/var/log</c> mounted at <c>/var/log</c>, grace period 30 s, no tolerations.</summary>
    public static DaemonSetBuilder Fluentd { get; } = DaemonSetBuilder.Named("logging/fluentd")
        .Labelled("app", "fluentd-logging")
        .WithImage("quay.io/fluentd_elasticsearch/fluentd:v2.5.2", "fluentd-elasticsearch")
        .Requests("100m", "200Mi")
        .Limits(null, "200Mi")
        .WithTerminationGracePeriod(30)
        .WithHostPathVolume("varlog", "/var/log");

    /// <summary>The guide's <c>daemonset-toleration.yaml</c>: <see cref="Fluentd"/> tolerating <c>app=fluentd-logging:NoExecute</c>.</summary>
    public static DaemonSetBuilder FluentdTolerating { get; } = Fluentd.Tolerating("app", "fluentd-logging", TaintEffect.NoExecute);

    /// <summary>The guide's <c>daemonset-nodeselector.yaml</c>: <see cref="Fluentd"/> with <c>nodeSelector: {type: platform-tools}</c>.</summary>
    public static DaemonSetBuilder FluentdOnPlatformTools { get; } = Fluentd.WithNodeSelector("type", "platform-tools");

    /// <summary>The guide's <c>daemonset-affinity.yaml</c>: <see cref="Fluentd"/> requiring <c>type In (platform-tools)</c> and
    /// preferring (weight 1) <c>instance-type In (t2.large)</c>.</summary>
    public static DaemonSetBuilder FluentdWithAffinity { get; } = Fluentd
        .RequiringNodes(SelectorRequirement.Of("type", SelectorOperator.In, "platform-tools"))
        .PreferringNodes(1, SelectorRequirement.Of("instance-type", SelectorOperator.In, "t2.large"));

    /// <summary>The guide's <c>daemonset-rollingupdate.yaml</c>: <see cref="Fluentd"/> with RollingUpdate <c>maxUnavailable: 1</c>,
    /// <c>runAsNonRoot: true</c> and <c>allowPrivilegeEscalation: false</c>.</summary>
    public static DaemonSetBuilder FluentdRollingUpdate { get; } = Fluentd
        .RollingUpdate(maxUnavailable: 1)
        .Template(s => s with { SecurityContext = new PodSecurityContext { RunAsNonRoot = true } })
        .WithContainerSecurityContext(new SecurityContext { AllowPrivilegeEscalation = false });

    /// <summary>The guide's <c>daemonset-priority.yaml</c>: <see cref="Fluentd"/> with <c>priorityClassName: high-priority</c>
    /// (create <see cref="HighPriority"/> first, e.g. with <see cref="ClusterBuilder.WithPriorityClass(PriorityClass)"/>).</summary>
    public static DaemonSetBuilder FluentdWithPriority { get; } = Fluentd.WithPriorityClass("high-priority");

    /// <summary>The guide's <c>priorityclass.yaml</c>: <c>high-priority</c>, value 100000, not the global default.</summary>
    public static PriorityClass HighPriority { get; } = new()
    {
        Metadata = ObjectMeta.Named("high-priority"),
        Value = 100_000,
        Description = "daemonset priority class",
    };

    /// <summary>A kubeadm-style control-plane node <c>k8s-control-plane</c> (2 CPU, 4Gi), labelled and tainted
    /// <c>node-role.kubernetes.io/control-plane:NoSchedule</c>.</summary>
    public static NodeBuilder ControlPlaneNode { get; } = NodeBuilder.Named("k8s-control-plane").WithCapacity("2", "4Gi").ControlPlane();

    /// <summary>The guide's cluster: <see cref="ControlPlaneNode"/> and <paramref name="workers"/> workers <c>k8s-worker-1..N</c>
    /// (4 CPU, 16Gi, 110 pods each).</summary>
    /// <param name="workers">How many workers.</param>
    /// <returns>The cluster description; add DaemonSets with <see cref="ClusterBuilder.Run"/>.</returns>
    public static ClusterBuilder GuideCluster(int workers = 5) => Cluster.With(workers).Workers().WithNodes(ControlPlaneNode);
}
