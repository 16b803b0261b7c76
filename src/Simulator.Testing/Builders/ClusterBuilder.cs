using System.Collections.Immutable;
using System.Globalization;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Testing;

/// <summary>Where a fluent cluster description starts: <c>Cluster.With(500).Workers().Labelled("type", "platform-tools")</c>.</summary>
public static class Cluster
{
    /// <summary>A cluster with no nodes yet.</summary>
    public static ClusterBuilder Empty { get; } = new();

    /// <summary>Starts a cluster with a group of <paramref name="count"/> nodes; name them with <see cref="ClusterBuilder.Workers"/>,
    /// <see cref="ClusterBuilder.ControlPlanes"/> or <see cref="ClusterBuilder.Named"/> (the default names are <c>node-1</c>, <c>node-2</c>, ...).</summary>
    /// <param name="count">How many nodes the group has.</param>
    /// <returns>The builder; the methods that describe nodes apply to this group.</returns>
    public static ClusterBuilder With(int count) => Empty.And(count);

    /// <summary>Starts a cluster with the given nodes.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The builder.</returns>
    public static ClusterBuilder Of(params NodeBuilder[] nodes) => Empty.WithNodes(nodes);
}

/// <summary>
/// A fluent, immutable description of a cluster: groups of similar nodes, single nodes, priority classes, ordinary pods and
/// DaemonSets. Methods that describe nodes (<see cref="Labelled"/>, <see cref="Tainted(string)"/>, <see cref="WithCapacity"/>,
/// <see cref="Cordoned"/>, the naming methods) apply to the group started last by <see cref="Cluster.With"/> or <see cref="And"/>.
/// Every method returns a new builder, so one description can be shared by tests running in parallel; <see cref="Run"/> turns it
/// into a fresh, settled <see cref="TestCluster"/> each time.
/// </summary>
public sealed record ClusterBuilder
{
    internal ClusterBuilder()
    {
    }

    /// <summary>The node groups, in the order they were added.</summary>
    public ImmutableList<NodeGroup> Groups { get; init; } = [];

    /// <summary>Single nodes added with <see cref="WithNodes"/>.</summary>
    public ImmutableList<NodeBuilder> SingleNodes { get; init; } = [];

    /// <summary>The names of the nodes changed with <see cref="Node"/>, in the order the changes were made.</summary>
    public IEnumerable<string> ChangedNodes => NodeChanges.Select(c => c.Key);

    // Changes to named nodes, applied after the groups are expanded.
    private ImmutableList<KeyValuePair<string, Func<NodeBuilder, NodeBuilder>>> NodeChanges { get; init; } = [];

    /// <summary>Priority classes created before any pod.</summary>
    public ImmutableList<PriorityClass> PriorityClasses { get; init; } = [];

    /// <summary>Ordinary pods, created after the nodes and settled (scheduled and started) before the DaemonSets are created.</summary>
    public ImmutableList<Pod> Pods { get; init; } = [];

    /// <summary>DaemonSets created last.</summary>
    public ImmutableList<DaemonSet> DaemonSets { get; init; } = [];

    /// <summary>The simulation's options (seed, kubelet timing, scheduler profile).</summary>
    public SimulationOptions Options { get; init; } = new();

    /// <summary>Adds a group of <paramref name="count"/> nodes; later node methods apply to it.</summary>
    /// <param name="count">How many nodes (0 or more).</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder And(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return this with { Groups = Groups.Add(new NodeGroup(count, "node-", NodeBuilder.Named("node"))) };
    }

    /// <summary>Names the current group's nodes <c>k8s-worker-1</c>, <c>k8s-worker-2</c>, ... (numbering continues across groups of workers).</summary>
    /// <returns>The new builder.</returns>
    public ClusterBuilder Workers() => Named("k8s-worker-");

    /// <summary>Makes the current group control-plane nodes named <c>k8s-control-plane-1</c>, ..., labelled and tainted
    /// <c>node-role.kubernetes.io/control-plane:NoSchedule</c> as kubeadm does.</summary>
    /// <returns>The new builder.</returns>
    public ClusterBuilder ControlPlanes() => Named("k8s-control-plane-").Group(n => n.ControlPlane());

    /// <summary>Names the current group's nodes <c>PREFIX1</c>, <c>PREFIX2</c>, ... (numbering continues across groups with the same prefix).</summary>
    /// <param name="prefix">The prefix, e.g. <c>gpu-</c>.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder Named(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var group = CurrentGroup();
        return this with { Groups = Groups.SetItem(Groups.Count - 1, group with { Prefix = prefix }) };
    }

    /// <summary>Labels every node of the current group.</summary>
    /// <param name="key">The label key.</param>
    /// <param name="value">The label value.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder Labelled(string key, string value = "") => Group(n => n.Labelled(key, value));

    /// <summary>Taints every node of the current group; the taint is written as kubectl writes it, <c>key=value:Effect</c>.</summary>
    /// <param name="taint">The taint.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder Tainted(string taint) => Group(n => n.Tainted(taint));

    /// <summary>Taints every node of the current group.</summary>
    /// <param name="key">The taint key.</param>
    /// <param name="value">The taint value.</param>
    /// <param name="effect">One of <see cref="TaintEffect"/>.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder Tainted(string key, string value, string effect) => Group(n => n.Tainted(key, value, effect));

    /// <summary>Sets the capacity of every node of the current group.</summary>
    /// <param name="cpu">CPU, e.g. <c>4</c>.</param>
    /// <param name="memory">Memory, e.g. <c>16Gi</c>.</param>
    /// <param name="pods">The most pods a node takes.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithCapacity(string cpu, string memory, int pods = 110) => Group(n => n.WithCapacity(cpu, memory, pods));

    /// <summary>Cordons every node of the current group.</summary>
    /// <returns>The new builder.</returns>
    public ClusterBuilder Cordoned() => Group(n => n.Cordoned());

    /// <summary>Changes one node, named as the built cluster names it, e.g. <c>.Node("k8s-worker-2", n =&gt; n.Tainted("app=fluentd-logging:NoExecute"))</c>.</summary>
    /// <param name="name">The node's name; <see cref="Nodes"/> fails when no node has it.</param>
    /// <param name="change">The change.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder Node(string name, Func<NodeBuilder, NodeBuilder> change)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(change);
        return this with { NodeChanges = NodeChanges.Add(new(name, change)) };
    }

    /// <summary>Adds single nodes.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithNodes(params NodeBuilder[] nodes) => this with { SingleNodes = SingleNodes.AddRange(nodes) };

    /// <summary>Adds a priority class.</summary>
    /// <param name="name">The class name.</param>
    /// <param name="value">The priority.</param>
    /// <param name="globalDefault">Whether pods without a class get it.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithPriorityClass(string name, int value, bool globalDefault = false) =>
        WithPriorityClass(new PriorityClass { Metadata = ObjectMeta.Named(name), Value = value, GlobalDefault = globalDefault });

    /// <summary>Adds a priority class.</summary>
    /// <param name="priorityClass">The class.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithPriorityClass(PriorityClass priorityClass) => this with { PriorityClasses = PriorityClasses.Add(priorityClass) };

    /// <summary>Adds ordinary pods (their namespaces are created as needed); <see cref="Run"/> settles them before it creates the DaemonSets.</summary>
    /// <param name="pods">The pods.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithPods(params Pod[] pods) => this with { Pods = Pods.AddRange(pods) };

    /// <summary>Adds DaemonSets (their namespaces are created as needed).</summary>
    /// <param name="daemonSets">The DaemonSets.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithDaemonSets(params DaemonSet[] daemonSets) => this with { DaemonSets = DaemonSets.AddRange(daemonSets) };

    /// <summary>Sets the simulation's seed (the default is 1). The same description and seed always give the same cluster.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithSeed(ulong seed) => this with { Options = Options with { Seed = seed } };

    /// <summary>Changes the simulation's options, e.g. the kubelet's start latency or the scheduler profile.</summary>
    /// <param name="change">The change.</param>
    /// <returns>The new builder.</returns>
    public ClusterBuilder WithOptions(Func<SimulationOptions, SimulationOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with { Options = change(Options) };
    }

    /// <summary>The nodes this description stands for, groups first, then single nodes.</summary>
    /// <returns>The nodes.</returns>
    /// <exception cref="ArgumentException">Two nodes share a name, or <see cref="Node"/> names a node that does not exist.</exception>
    public IReadOnlyList<Node> Nodes()
    {
        var builders = new List<NodeBuilder>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var next = numbers.GetValueOrDefault(group.Prefix);
            for (var i = 1; i <= group.Count; i++)
            {
                builders.Add(group.Template with { Name = group.Prefix + (next + i).ToString(CultureInfo.InvariantCulture) });
            }

            numbers[group.Prefix] = next + group.Count;
        }

        builders.AddRange(SingleNodes);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < builders.Count; i++)
        {
            if (!index.TryAdd(builders[i].Name, i))
            {
                throw new ArgumentException($"The cluster has two nodes named '{builders[i].Name}'.");
            }
        }

        foreach (var (name, change) in NodeChanges)
        {
            if (!index.TryGetValue(name, out var i))
            {
                throw new ArgumentException($"Node(\"{name}\", ...): the cluster has no node named '{name}'.");
            }

            builders[i] = change(builders[i]) with { Name = name };
        }

        return builders.ConvertAll(b => b.Build());
    }

    /// <summary>Creates a fresh simulation of this cluster, adds <paramref name="daemonSets"/> to those described, and runs it
    /// until nothing more happens.</summary>
    /// <param name="daemonSets">More DaemonSets to apply (a <see cref="DaemonSetBuilder"/> converts implicitly).</param>
    /// <returns>The settled cluster, ready for assertions.</returns>
    /// <exception cref="InvalidOperationException">The cluster did not settle within a simulated day.</exception>
    public TestCluster Run(params DaemonSet[] daemonSets) => TestCluster.Start(WithDaemonSets(daemonSets));

    private NodeGroup CurrentGroup() =>
        Groups.Count == 0 ? throw new InvalidOperationException("Start a group of nodes first, with Cluster.With(count) or And(count).") : Groups[^1];

    private ClusterBuilder Group(Func<NodeBuilder, NodeBuilder> change)
    {
        var group = CurrentGroup();
        return this with { Groups = Groups.SetItem(Groups.Count - 1, group with { Template = change(group.Template) }) };
    }
}

/// <summary>A group of similar nodes in a <see cref="ClusterBuilder"/>.</summary>
/// <param name="Count">How many nodes.</param>
/// <param name="Prefix">Their names' prefix; the nodes are numbered from 1.</param>
/// <param name="Template">What every node of the group looks like (its name is replaced).</param>
public sealed record NodeGroup(int Count, string Prefix, NodeBuilder Template);
