using System.Collections.Immutable;
using Simulator.Model;

namespace Simulator.Testing;

/// <summary>
/// Builds a <see cref="DaemonSet"/> with one container: selector and template labels <c>name: NAME</c> (as the Kubernetes
/// DaemonSet guide writes them), image <c>NAME:v1</c>, the RollingUpdate strategy with Kubernetes' defaults unless changed.
/// Immutable: every method returns a new builder, so presets and builders can be shared between tests running in parallel.
/// </summary>
/// <example><code>var agent = DaemonSetBuilder.Named("monitoring/node-exporter").Requests("100m", "64Mi").ToleratingEverything();</code></example>
public sealed record DaemonSetBuilder
{
    private DaemonSetBuilder(string ns, string name)
    {
        Namespace = ns;
        Name = name;
        ContainerName = name;
        Image = name + ":v1";
    }

    /// <summary>The namespace.</summary>
    public string Namespace { get; init; }

    /// <summary>The name.</summary>
    public string Name { get; init; }

    /// <summary>The pod template as it stands (the container, scheduling constraints and tolerations set so far are applied by <see cref="Build"/>).</summary>
    public PodSpec TemplateSpec { get; init; } = new();

    /// <summary>The container's name.</summary>
    public string ContainerName { get; init; }

    /// <summary>The container's image.</summary>
    public string Image { get; init; }

    /// <summary>The container's resource requests and limits.</summary>
    public ResourceRequirements Resources { get; init; } = new();

    /// <summary>The container's ports.</summary>
    public ImmutableList<ContainerPort> Ports { get; init; } = [];

    /// <summary>The container's volume mounts.</summary>
    public ImmutableList<VolumeMount> VolumeMounts { get; init; } = [];

    /// <summary>The container's security context.</summary>
    public SecurityContext? ContainerSecurityContext { get; init; }

    /// <summary>The DaemonSet's own labels.</summary>
    public StringMap Labels { get; init; }

    /// <summary>The update strategy.</summary>
    public DaemonSetUpdateStrategy UpdateStrategy { get; init; } = new();

    /// <summary><c>spec.minReadySeconds</c>.</summary>
    public int MinReadySeconds { get; init; }

    /// <summary><c>spec.revisionHistoryLimit</c> (null: Kubernetes' default of 10).</summary>
    public int? RevisionHistoryLimit { get; init; }

    /// <summary>Starts a DaemonSet named <c>namespace/name</c>, or <c>name</c> in the <c>default</c> namespace.</summary>
    /// <param name="key">The name, optionally prefixed by its namespace and a slash, e.g. <c>logging/fluentd</c>.</param>
    /// <returns>The builder.</returns>
    public static DaemonSetBuilder Named(string key)
    {
        var (ns, name) = Keys.Split(key);
        return new DaemonSetBuilder(ns, name);
    }

    /// <summary>The DaemonSet's <c>namespace/name</c>, the key the assertions take.</summary>
    public string Key => Namespace + "/" + Name;

    /// <summary>Sets the container's name and image.</summary>
    /// <param name="image">The image, e.g. <c>quay.io/fluentd_elasticsearch/fluentd:v2.5.2</c>.</param>
    /// <param name="containerName">The container's name; unchanged when null.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithImage(string image, string? containerName = null) => this with { Image = image, ContainerName = containerName ?? ContainerName };

    /// <summary>Adds a label to the DaemonSet itself (not to its pods).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder Labelled(string key, string value) => this with { Labels = Labels.With(key, value) };

    /// <summary>Sets the container's resource requests.</summary>
    /// <param name="cpu">CPU, e.g. <c>100m</c>; none when null.</param>
    /// <param name="memory">Memory, e.g. <c>200Mi</c>; none when null.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder Requests(string? cpu, string? memory = null) => this with { Resources = Resources with { Requests = Quantities(cpu, memory) } };

    /// <summary>Sets the container's resource limits.</summary>
    /// <param name="cpu">CPU; none when null.</param>
    /// <param name="memory">Memory; none when null.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder Limits(string? cpu, string? memory = null) => this with { Resources = Resources with { Limits = Quantities(cpu, memory) } };

    /// <summary>Adds <c>key: value</c> to the template's <c>nodeSelector</c>.</summary>
    /// <param name="key">The node label key.</param>
    /// <param name="value">The value the node's label must have.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithNodeSelector(string key, string value) =>
        Template(s => s with { NodeSelector = s.NodeSelector.With(key, value) });

    /// <summary>
    /// Adds a term to the template's required node affinity (<c>requiredDuringSchedulingIgnoredDuringExecution</c>); terms are
    /// ORed, the requirements inside one term ANDed.
    /// </summary>
    /// <param name="requirements">The term's match expressions, e.g. <c>SelectorRequirement.Of("type", "In", "platform-tools")</c>.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder RequiringNodes(params SelectorRequirement[] requirements) => Template(s =>
    {
        var affinity = s.Affinity?.NodeAffinity ?? new NodeAffinity();
        var required = affinity.Required ?? new NodeSelector();
        var term = new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(requirements) };
        return s with
        {
            Affinity = new Affinity { NodeAffinity = affinity with { Required = required with { NodeSelectorTerms = required.NodeSelectorTerms.Add(term) } } },
        };
    });

    /// <summary>Adds a preferred node affinity term (<c>preferredDuringSchedulingIgnoredDuringExecution</c>).</summary>
    /// <param name="weight">The weight, 1 to 100.</param>
    /// <param name="requirements">The term's match expressions.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder PreferringNodes(int weight, params SelectorRequirement[] requirements) => Template(s =>
    {
        var affinity = s.Affinity?.NodeAffinity ?? new NodeAffinity();
        var term = new PreferredSchedulingTerm(weight, new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(requirements) });
        return s with { Affinity = new Affinity { NodeAffinity = affinity with { Preferred = affinity.Preferred.Add(term) } } };
    });

    /// <summary>Adds a toleration that matches one taint exactly (operator <c>Equal</c>).</summary>
    /// <param name="key">The taint key.</param>
    /// <param name="value">The taint value.</param>
    /// <param name="effect">The effect; empty tolerates every effect.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder Tolerating(string key, string value, string effect) =>
        Tolerating(new Toleration(key, TolerationOperator.Equal, value, effect));

    /// <summary>Adds a toleration.</summary>
    /// <param name="toleration">The toleration.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder Tolerating(Toleration toleration) => Template(s => s with { Tolerations = s.Tolerations.Add(toleration) });

    /// <summary>Tolerates every taint (<c>operator: Exists</c> with no key), as node agents such as CNI plugins do.</summary>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder ToleratingEverything() => Tolerating(new Toleration(Operator: TolerationOperator.Exists));

    /// <summary>Adds a host port to the container (the NodePorts rule then allows one such pod per node and port).</summary>
    /// <param name="port">The container and host port.</param>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithHostPort(int port, string protocol = PortProtocol.Tcp) => this with { Ports = Ports.Add(new ContainerPort(port, port, protocol)) };

    /// <summary>Adds a hostPath volume to the pod template and mounts it in the container, as log agents mount <c>/var/log</c>.</summary>
    /// <param name="name">The volume's name, e.g. <c>varlog</c>.</param>
    /// <param name="hostPath">The directory on the node.</param>
    /// <param name="mountPath">Where the container sees it; the same path when null.</param>
    /// <param name="readOnly">Whether the mount is read-only.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithHostPathVolume(string name, string hostPath, string? mountPath = null, bool readOnly = false) =>
        Template(s => s with { Volumes = s.Volumes.Add(new Volume { Name = name, HostPath = hostPath }) })
            with { VolumeMounts = VolumeMounts.Add(new VolumeMount(name, mountPath ?? hostPath, readOnly)) };

    /// <summary>Sets the container's security context (e.g. <c>allowPrivilegeEscalation: false</c>).</summary>
    /// <param name="securityContext">The security context.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithContainerSecurityContext(SecurityContext securityContext) => this with { ContainerSecurityContext = securityContext };

    /// <summary>Runs the pods in the host's network namespace (<c>hostNetwork: true</c>).</summary>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithHostNetwork() => Template(s => s with { HostNetwork = true });

    /// <summary>Sets the pods' priority class (<c>priorityClassName</c>).</summary>
    /// <param name="priorityClassName">The class, e.g. <c>system-node-critical</c>.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithPriorityClass(string priorityClassName) => Template(s => s with { PriorityClassName = priorityClassName });

    /// <summary>Sets the pods' <c>terminationGracePeriodSeconds</c>.</summary>
    /// <param name="seconds">The grace period.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithTerminationGracePeriod(long seconds) => Template(s => s with { TerminationGracePeriodSeconds = seconds });

    /// <summary>Uses the RollingUpdate strategy with the given budget (null leaves Kubernetes' default: maxUnavailable 1, maxSurge 0).</summary>
    /// <param name="maxUnavailable">An absolute number (<c>1</c>) or a percentage (<c>"10%"</c>).</param>
    /// <param name="maxSurge">An absolute number or a percentage.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder RollingUpdate(IntOrString? maxUnavailable = null, IntOrString? maxSurge = null) => this with
    {
        UpdateStrategy = new DaemonSetUpdateStrategy
        {
            Type = DaemonSetUpdateStrategyType.RollingUpdate,
            RollingUpdate = maxUnavailable is null && maxSurge is null ? null : new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
        },
    };

    /// <summary>Uses the OnDelete strategy: a template change reaches a node only when its pod is deleted.</summary>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder OnDelete() => this with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete } };

    /// <summary>Sets <c>spec.minReadySeconds</c>.</summary>
    /// <param name="seconds">How long a pod must be Ready before it counts as available.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithMinReadySeconds(int seconds) => this with { MinReadySeconds = seconds };

    /// <summary>Sets <c>spec.revisionHistoryLimit</c>.</summary>
    /// <param name="limit">How many old revisions to keep.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder WithRevisionHistoryLimit(int limit) => this with { RevisionHistoryLimit = limit };

    /// <summary>
    /// Changes anything else in the pod template's spec. The builder's own container (image, resources, ports, mounts) is
    /// written first by <see cref="Build"/>; containers added here (sidecars) follow it.
    /// </summary>
    /// <param name="change">The change, e.g. <c>s =&gt; s with { HostPid = true }</c>.</param>
    /// <returns>The new builder.</returns>
    public DaemonSetBuilder Template(Func<PodSpec, PodSpec> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with { TemplateSpec = change(TemplateSpec) };
    }

    /// <summary>Builds the DaemonSet.</summary>
    /// <returns>The DaemonSet, ready to pass to <c>Simulation.CreateDaemonSet</c> or <see cref="TestCluster.Apply(DaemonSet)"/>.</returns>
    public DaemonSet Build()
    {
        var container = new Container
        {
            Name = ContainerName,
            Image = Image,
            Resources = Resources,
            Ports = Ports.ToEquatableArray(),
            VolumeMounts = VolumeMounts.ToEquatableArray(),
            SecurityContext = ContainerSecurityContext,
        };
        return new DaemonSet
        {
            Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = Labels },
            Spec = new DaemonSetSpec
            {
                Selector = LabelSelector.ForLabels("name", Name),
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = StringMap.Of("name", Name) },
                    Spec = TemplateSpec with { Containers = [container, .. TemplateSpec.Containers] },
                },
                UpdateStrategy = UpdateStrategy,
                MinReadySeconds = MinReadySeconds,
                RevisionHistoryLimit = RevisionHistoryLimit,
            },
        };
    }

    /// <summary>Builds the DaemonSet.</summary>
    /// <param name="builder">The builder.</param>
    public static implicit operator DaemonSet(DaemonSetBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Build();
    }

    internal static ResourceList Quantities(string? cpu, string? memory)
    {
        var pairs = new List<string>(4);
        if (cpu is not null)
        {
            pairs.Add(ResourceNames.Cpu);
            pairs.Add(cpu);
        }

        if (memory is not null)
        {
            pairs.Add(ResourceNames.Memory);
            pairs.Add(memory);
        }

        return ResourceList.Of([.. pairs]);
    }
}
