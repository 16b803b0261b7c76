using System.Collections.Immutable;
using Simulator.Model;

namespace Simulator.Testing;

/// <summary>
/// Builds one <see cref="Node"/> the way a kubelet registers it: the well-known <c>kubernetes.io/hostname</c>,
/// <c>kubernetes.io/os</c> and <c>kubernetes.io/arch</c> labels and a capacity (4 CPU, 16Gi, 110 pods unless changed).
/// Immutable: every method returns a new builder, so a builder can be shared between tests.
/// </summary>
/// <example><code>var node = NodeBuilder.Named("k8s-worker-1").Labelled("type", "platform-tools").Tainted("app=fluentd-logging:NoExecute").Build();</code></example>
public sealed record NodeBuilder
{
    private NodeBuilder(string name) => Name = name;

    /// <summary>The node's name.</summary>
    public string Name { get; init; }

    /// <summary>The node's labels, beyond the well-known ones the kubelet sets.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The node's taints, in the order they were added.</summary>
    public ImmutableList<Taint> Taints { get; init; } = [];

    /// <summary>The node's CPU capacity (a Kubernetes quantity, e.g. <c>4</c> or <c>3500m</c>).</summary>
    public string Cpu { get; init; } = "4";

    /// <summary>The node's memory capacity (a Kubernetes quantity, e.g. <c>16Gi</c>).</summary>
    public string Memory { get; init; } = "16Gi";

    /// <summary>How many pods the node takes (the kubelet's <c>maxPods</c>).</summary>
    public int Pods { get; init; } = 110;

    /// <summary>Whether the node is cordoned (<c>spec.unschedulable</c>).</summary>
    public bool Unschedulable { get; init; }

    /// <summary>Starts a node named <paramref name="name"/>.</summary>
    /// <param name="name">The node's name.</param>
    /// <returns>The builder.</returns>
    public static NodeBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new NodeBuilder(name);
    }

    /// <summary>Adds or replaces a label (<c>kubectl label node NAME key=value</c>).</summary>
    /// <param name="key">The label key.</param>
    /// <param name="value">The label value (may be empty, as in <c>node-role.kubernetes.io/control-plane=""</c>).</param>
    /// <returns>The new builder.</returns>
    public NodeBuilder Labelled(string key, string value = "") => this with { Labels = Labels.SetItem(key, value) };

    /// <summary>Adds a taint written as kubectl writes it: <c>key=value:Effect</c> or <c>key:Effect</c>.</summary>
    /// <param name="taint">The taint, e.g. <c>app=fluentd-logging:NoExecute</c>.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="FormatException">The text is not a taint.</exception>
    public NodeBuilder Tainted(string taint) => Tainted(Taint.Parse(taint));

    /// <summary>Adds a taint.</summary>
    /// <param name="key">The taint key.</param>
    /// <param name="value">The taint value (may be empty).</param>
    /// <param name="effect">One of <see cref="TaintEffect"/>.</param>
    /// <returns>The new builder.</returns>
    public NodeBuilder Tainted(string key, string value, string effect) => Tainted(new Taint(key, value, effect));

    /// <summary>Adds a taint; one with the same key and effect is replaced, as <c>kubectl taint --overwrite</c> does.</summary>
    /// <param name="taint">The taint.</param>
    /// <returns>The new builder.</returns>
    public NodeBuilder Tainted(Taint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        return this with { Taints = Taints.RemoveAll(t => t.Matches(taint)).Add(taint) };
    }

    /// <summary>Sets the node's capacity (allocatable is the same: the simulator reserves nothing for the system).</summary>
    /// <param name="cpu">CPU, e.g. <c>4</c> or <c>3500m</c>.</param>
    /// <param name="memory">Memory, e.g. <c>16Gi</c>.</param>
    /// <param name="pods">The most pods the node takes.</param>
    /// <returns>The new builder.</returns>
    public NodeBuilder WithCapacity(string cpu, string memory, int pods = 110) => this with { Cpu = cpu, Memory = memory, Pods = pods };

    /// <summary>Cordons the node (<c>kubectl cordon</c>): no new pods are scheduled there; daemon pods tolerate it.</summary>
    /// <returns>The new builder.</returns>
    public NodeBuilder Cordoned() => this with { Unschedulable = true };

    /// <summary>Makes the node a control-plane node as kubeadm does: the <c>node-role.kubernetes.io/control-plane</c> label and taint (NoSchedule).</summary>
    /// <returns>The new builder.</returns>
    public NodeBuilder ControlPlane() =>
        Labelled(WellKnownLabels.ControlPlaneRole).Tainted(new Taint(WellKnownLabels.ControlPlaneRole, "", TaintEffect.NoSchedule));

    /// <summary>Builds the node.</summary>
    /// <returns>The node, ready to pass to <c>Simulation.CreateNode</c>.</returns>
    public Node Build()
    {
        var labels = StringMap.Of(
            WellKnownLabels.Hostname, Name,
            WellKnownLabels.Os, "linux",
            WellKnownLabels.Arch, "amd64").Merge(StringMap.From(Labels));
        return new Node
        {
            Metadata = new ObjectMeta { Name = Name, Labels = labels },
            Spec = new NodeSpec { Unschedulable = Unschedulable, Taints = Taints.ToEquatableArray() },
            Status = new NodeStatus
            {
                Capacity = ResourceList.Of(ResourceNames.Cpu, Cpu, ResourceNames.Memory, Memory, ResourceNames.Pods, Pods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            },
        };
    }

    /// <summary>Builds the node.</summary>
    /// <param name="builder">The builder.</param>
    public static implicit operator Node(NodeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Build();
    }
}

/// <summary>Label keys Kubernetes itself sets on nodes.</summary>
public static class WellKnownLabels
{
    /// <summary><c>kubernetes.io/hostname</c>, set by the kubelet.</summary>
    public const string Hostname = "kubernetes.io/hostname";

    /// <summary><c>kubernetes.io/os</c>, set by the kubelet.</summary>
    public const string Os = "kubernetes.io/os";

    /// <summary><c>kubernetes.io/arch</c>, set by the kubelet.</summary>
    public const string Arch = "kubernetes.io/arch";

    /// <summary><c>node-role.kubernetes.io/control-plane</c>, set (as label and NoSchedule taint) by kubeadm on control-plane nodes.</summary>
    public const string ControlPlaneRole = "node-role.kubernetes.io/control-plane";
}
