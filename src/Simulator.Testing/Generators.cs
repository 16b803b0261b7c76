using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Simulator.Model;

namespace Simulator.Testing;

/// <summary>
/// FsCheck generators of the things placement depends on: node labels, taints, tolerations, node selectors, required node
/// affinity, nodes, clusters and DaemonSets. Every generator draws from a small vocabulary of keys and values so that selectors
/// match some nodes and tolerations meet some taints; everything generated passes the API server's validation.
/// </summary>
/// <example><code>
/// Prop.ForAll(SimulatorGen.Cluster(500, 520).ToArbitrary(), SimulatorGen.DaemonSet().ToArbitrary(),
///     (cluster, ds) =&gt; cluster.Run(ds).ShouldRunWhereItsRulesAllow(ds.Key));
/// </code></example>
public static class SimulatorGen
{
    /// <summary>The node label keys and values generators choose from.</summary>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> LabelVocabulary { get; } =
    [
        new("type", ["platform-tools", "web", "batch"]),
        new("topology.kubernetes.io/zone", ["zone-a", "zone-b", "zone-c"]),
        new("disk", ["ssd", "hdd"]),
        new("instance-type", ["t2.large", "m5.xlarge"]),
    ];

    /// <summary>The taint keys generators choose from.</summary>
    public static IReadOnlyList<string> TaintKeys { get; } = ["app", "dedicated", "gpu", "maintenance"];

    /// <summary>The taint (and toleration) values generators choose from; empty is a taint without a value.</summary>
    public static IReadOnlyList<string> TaintValues { get; } = ["", "fluentd-logging", "infra"];

    /// <summary>Node labels: each vocabulary key present with probability 3/5.</summary>
    /// <returns>The generator.</returns>
    public static Gen<StringMap> NodeLabels() =>
        Gen.CollectToArray(LabelVocabulary, entry =>
            Gen.Frequency(
                (2, Gen.Constant<KeyValuePair<string, string>?>(null)),
                (3, Gen.Elements(entry.Value.ToArray()).Select(v => (KeyValuePair<string, string>?)new KeyValuePair<string, string>(entry.Key, v)))))
        .Select(pairs => StringMap.From(pairs.Where(p => p is not null).Select(p => p!.Value)));

    /// <summary>A taint with any of the three effects.</summary>
    /// <returns>The generator.</returns>
    public static Gen<Taint> Taint() =>
        from key in Gen.Elements<string>(TaintKeys)
        from value in Gen.Elements<string>(TaintValues)
        from effect in Gen.Elements<string>(TaintEffect.All)
        select new Taint(key, value, effect);

    /// <summary>A node's taints: none half of the time, at most one per key and effect.</summary>
    /// <returns>The generator.</returns>
    public static Gen<IReadOnlyList<Taint>> Taints() =>
        Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)))
            .SelectMany(n => Gen.ArrayOf(Taint(), n))
            .Select(ts => (IReadOnlyList<Taint>)ts.DistinctBy(t => (t.Key, t.Effect)).ToList());

    /// <summary>A toleration: by key and value (<c>Equal</c>), by key (<c>Exists</c>), of one effect or of everything.</summary>
    /// <returns>The generator.</returns>
    public static Gen<Toleration> Toleration() =>
        Gen.Frequency(
            (1, Gen.Constant(new Toleration(Operator: TolerationOperator.Exists))),
            (3, from key in Gen.Elements<string>(TaintKeys)
                from effect in Gen.Elements<string>(["", .. TaintEffect.All])
                select new Toleration(key, TolerationOperator.Exists, "", effect)),
            (6, from key in Gen.Elements<string>(TaintKeys)
                from value in Gen.Elements<string>(TaintValues)
                from effect in Gen.Elements<string>(["", .. TaintEffect.All])
                select new Toleration(key, TolerationOperator.Equal, value, effect)));

    /// <summary>A <c>nodeSelector</c>: empty 60% of the time, else one vocabulary label.</summary>
    /// <returns>The generator.</returns>
    public static Gen<StringMap> NodeSelector() =>
        Gen.Frequency(
            (6, Gen.Constant(StringMap.Empty)),
            (4, from entry in Gen.Elements<KeyValuePair<string, IReadOnlyList<string>>>(LabelVocabulary)
                from value in Gen.Elements<string>(entry.Value)
                select StringMap.Of(entry.Key, value)));

    /// <summary>A node affinity match expression over the vocabulary (<c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>).</summary>
    /// <returns>The generator.</returns>
    public static Gen<SelectorRequirement> NodeSelectorRequirement() =>
        from entry in Gen.Elements<KeyValuePair<string, IReadOnlyList<string>>>(LabelVocabulary)
        from op in Gen.Elements(SelectorOperator.In, SelectorOperator.NotIn, SelectorOperator.Exists, SelectorOperator.DoesNotExist)
        from count in Gen.Choose(1, 2)
        from values in Gen.ArrayOf(Gen.Elements<string>(entry.Value), count)
        select op is SelectorOperator.In or SelectorOperator.NotIn
            ? SelectorRequirement.Of(entry.Key, op, [.. values.Distinct()])
            : SelectorRequirement.Of(entry.Key, op);

    /// <summary>Required node affinity: none 60% of the time, else one or two ORed terms of one or two ANDed expressions.</summary>
    /// <returns>The generator; null stands for no required affinity.</returns>
    public static Gen<NodeSelector?> RequiredNodeAffinity() =>
        Gen.Frequency(
            (6, Gen.Constant<NodeSelector?>(null)),
            (4, from termCount in Gen.Choose(1, 2)
                from terms in Gen.ArrayOf(Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(NodeSelectorRequirement(), n)), termCount)
                select (NodeSelector?)Model.NodeSelector.Of([.. terms.Select(t => new NodeSelectorTerm { MatchExpressions = t.ToEquatableArray() })])));

    /// <summary>A node: vocabulary labels, taints, cordoned one time in ten, one of a few capacities.</summary>
    /// <param name="name">The node's name.</param>
    /// <returns>The generator.</returns>
    public static Gen<NodeBuilder> Node(string name) =>
        from labels in NodeLabels()
        from taints in Taints()
        from cordoned in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from capacity in Gen.Elements(("1", "2Gi"), ("2", "4Gi"), ("4", "16Gi"), ("8", "32Gi"))
        from pods in Gen.Frequency((1, Gen.Constant(2)), (9, Gen.Constant(110)))
        select Build(name, labels, taints, cordoned, capacity, pods);

    /// <summary>A cluster of <c>k8s-worker-1..N</c> nodes drawn by <see cref="Node"/>, N between the bounds.</summary>
    /// <param name="minNodes">The fewest nodes.</param>
    /// <param name="maxNodes">The most nodes.</param>
    /// <returns>The generator.</returns>
    public static Gen<ClusterBuilder> Cluster(int minNodes, int maxNodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minNodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, minNodes);
        return from count in Gen.Choose(minNodes, maxNodes)
               from nodes in Gen.CollectToArray(Enumerable.Range(1, count), i => Node("k8s-worker-" + i.ToString(CultureInfo.InvariantCulture)))
               from seed in Gen.Choose(1, int.MaxValue)
               select Testing.Cluster.Of(nodes).WithSeed((ulong)seed);
    }

    /// <summary>A DaemonSet with a generated nodeSelector, required affinity, tolerations and requests.</summary>
    /// <param name="key">Its <c>namespace/name</c>.</param>
    /// <returns>The generator.</returns>
    public static Gen<DaemonSetBuilder> DaemonSet(string key = "default/agent") =>
        from selector in NodeSelector()
        from required in RequiredNodeAffinity()
        from tolerationCount in Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Constant(1)), (2, Gen.Constant(2)))
        from tolerations in Gen.ArrayOf(Toleration(), tolerationCount)
        from requests in Gen.Elements<(string? Cpu, string? Memory)>((null, null), ("100m", "200Mi"), ("500m", "1Gi"), ("3", "6Gi"))
        select DaemonSetBuilder.Named(key)
            .Requests(requests.Cpu, requests.Memory)
            .Template(s => s with
            {
                NodeSelector = selector,
                Affinity = required is null ? null : new Affinity { NodeAffinity = new NodeAffinity { Required = required } },
                Tolerations = tolerations.Distinct().ToEquatableArray(),
            });

    /// <summary>
    /// Shrinks a cluster towards fewer nodes, so a failing property reports a small cluster: single nodes by dropping halves, then
    /// one node at a time; groups by halving their count, then one node fewer. Candidates whose <see cref="ClusterBuilder.Node"/>
    /// changes name a node that no longer exists are skipped.
    /// </summary>
    /// <param name="cluster">The cluster to shrink.</param>
    /// <returns>Smaller clusters.</returns>
    public static IEnumerable<ClusterBuilder> ShrinkCluster(ClusterBuilder cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Candidates(cluster).Where(IsValid);

        static IEnumerable<ClusterBuilder> Candidates(ClusterBuilder cluster)
        {
            var nodes = cluster.SingleNodes;
            if (nodes.Count > 1)
            {
                yield return cluster with { SingleNodes = nodes.GetRange(0, nodes.Count / 2) };
                yield return cluster with { SingleNodes = nodes.GetRange(nodes.Count / 2, nodes.Count - (nodes.Count / 2)) };
                for (var i = 0; i < Math.Min(nodes.Count, 16); i++)
                {
                    yield return cluster with { SingleNodes = nodes.RemoveAt(i) };
                }
            }

            for (var g = 0; g < cluster.Groups.Count; g++)
            {
                var group = cluster.Groups[g];
                if (group.Count > 1)
                {
                    yield return cluster with { Groups = cluster.Groups.SetItem(g, group with { Count = group.Count / 2 }) };
                    yield return cluster with { Groups = cluster.Groups.SetItem(g, group with { Count = group.Count - 1 }) };
                }
            }
        }

        static bool IsValid(ClusterBuilder candidate)
        {
            try
            {
                _ = candidate.Nodes();
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    private static NodeBuilder Build(string name, StringMap labels, IReadOnlyList<Taint> taints, bool cordoned, (string Cpu, string Memory) capacity, int pods)
    {
        var node = NodeBuilder.Named(name).WithCapacity(capacity.Cpu, capacity.Memory, pods);
        foreach (var (key, value) in labels)
        {
            node = node.Labelled(key, value);
        }

        foreach (var taint in taints)
        {
            node = node.Tainted(taint);
        }

        return cordoned ? node.Cordoned() : node;
    }
}

/// <summary>
/// FsCheck arbitraries for the simulator's types, for <c>[Property(Arbitrary = [typeof(SimulatorArbitraries)])]</c>: a test
/// method may then take a <see cref="Taint"/>, <see cref="Toleration"/>, <see cref="NodeBuilder"/>, <see cref="ClusterBuilder"/>
/// (1 to 50 nodes, shrinking) or <see cref="DaemonSetBuilder"/> parameter.
/// </summary>
public static class SimulatorArbitraries
{
    /// <summary>Taints.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Taint> Taint() => SimulatorGen.Taint().ToArbitrary();

    /// <summary>Tolerations.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Toleration> Toleration() => SimulatorGen.Toleration().ToArbitrary();

    /// <summary>Nodes named <c>k8s-worker-1</c>.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<NodeBuilder> Node() => SimulatorGen.Node("k8s-worker-1").ToArbitrary();

    /// <summary>Clusters of 1 to 50 nodes, shrinking towards fewer nodes.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ClusterBuilder> Cluster() => Arb.From(SimulatorGen.Cluster(1, 50), SimulatorGen.ShrinkCluster);

    /// <summary>DaemonSets named <c>default/agent</c>.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<DaemonSetBuilder> DaemonSet() => SimulatorGen.DaemonSet().ToArbitrary();
}
