using System.Collections.Immutable;
using Simulator.Model;

namespace Simulator.Testing;

/// <summary>
/// Builds an ordinary (not daemon) <see cref="Pod"/> with one container, e.g. the workload that fills a node before a DaemonSet
/// arrives. Immutable: every method returns a new builder.
/// </summary>
/// <example><code>var web = PodBuilder.Named("shop/web-1").Requests("3", "1Gi").OnNode("k8s-worker-1");</code></example>
public sealed record PodBuilder
{
    private PodBuilder(string ns, string name)
    {
        Namespace = ns;
        Name = name;
    }

    /// <summary>The namespace.</summary>
    public string Namespace { get; init; }

    /// <summary>The name.</summary>
    public string Name { get; init; }

    /// <summary>The pod's spec as it stands (the container is added by <see cref="Build"/>).</summary>
    public PodSpec Spec { get; init; } = new();

    /// <summary>The pod's labels.</summary>
    public StringMap Labels { get; init; }

    /// <summary>The container's image.</summary>
    public string Image { get; init; } = "registry.k8s.io/pause:3.10";

    /// <summary>The container's resource requests and limits.</summary>
    public ResourceRequirements Resources { get; init; } = new();

    /// <summary>The container's ports.</summary>
    public ImmutableList<ContainerPort> Ports { get; init; } = [];

    /// <summary>Starts a pod named <c>namespace/name</c>, or <c>name</c> in the <c>default</c> namespace.</summary>
    /// <param name="key">The name, optionally prefixed by its namespace and a slash.</param>
    /// <returns>The builder.</returns>
    public static PodBuilder Named(string key)
    {
        var (ns, name) = Keys.Split(key);
        return new PodBuilder(ns, name);
    }

    /// <summary>The pod's <c>namespace/name</c>.</summary>
    public string Key => Namespace + "/" + Name;

    /// <summary>Sets the container's resource requests.</summary>
    /// <param name="cpu">CPU, e.g. <c>500m</c>; none when null.</param>
    /// <param name="memory">Memory, e.g. <c>1Gi</c>; none when null.</param>
    /// <returns>The new builder.</returns>
    public PodBuilder Requests(string? cpu, string? memory = null) => this with { Resources = Resources with { Requests = DaemonSetBuilder.Quantities(cpu, memory) } };

    /// <summary>Binds the pod to a node directly (<c>spec.nodeName</c>), bypassing the scheduler as a static assignment does.</summary>
    /// <param name="nodeName">The node.</param>
    /// <returns>The new builder.</returns>
    public PodBuilder OnNode(string nodeName) => this with { Spec = Spec with { NodeName = nodeName } };

    /// <summary>Adds <c>key: value</c> to the pod's <c>nodeSelector</c>.</summary>
    /// <param name="key">The node label key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new builder.</returns>
    public PodBuilder WithNodeSelector(string key, string value) => this with { Spec = Spec with { NodeSelector = Spec.NodeSelector.With(key, value) } };

    /// <summary>Adds a label.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new builder.</returns>
    public PodBuilder Labelled(string key, string value) => this with { Labels = Labels.With(key, value) };

    /// <summary>Adds a toleration.</summary>
    /// <param name="toleration">The toleration.</param>
    /// <returns>The new builder.</returns>
    public PodBuilder Tolerating(Toleration toleration) => this with { Spec = Spec with { Tolerations = Spec.Tolerations.Add(toleration) } };

    /// <summary>Sets the pod's priority class.</summary>
    /// <param name="priorityClassName">The class.</param>
    /// <returns>The new builder.</returns>
    public PodBuilder WithPriorityClass(string priorityClassName) => this with { Spec = Spec with { PriorityClassName = priorityClassName } };

    /// <summary>Adds a host port to the container.</summary>
    /// <param name="port">The container and host port.</param>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The new builder.</returns>
    public PodBuilder WithHostPort(int port, string protocol = PortProtocol.Tcp) => this with { Ports = Ports.Add(new ContainerPort(port, port, protocol)) };

    /// <summary>Builds the pod.</summary>
    /// <returns>The pod, ready to pass to <c>Simulation.CreatePod</c> or <see cref="TestCluster.Apply(Pod)"/>.</returns>
    public Pod Build() => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Labels = Labels },
        Spec = Spec with { Containers = EquatableArray.Create(new Container { Name = "main", Image = Image, Resources = Resources, Ports = Ports.ToEquatableArray() }) },
    };

    /// <summary>Builds the pod.</summary>
    /// <param name="builder">The builder.</param>
    public static implicit operator Pod(PodBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Build();
    }
}
