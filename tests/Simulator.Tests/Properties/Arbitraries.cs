using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>A (node, DaemonSet) pair for the predicate property; either side may be outside what the API accepts.</summary>
public sealed record NodeDaemonSetPair(Node Node, DaemonSet DaemonSet)
{
    public override string ToString()
    {
        var spec = DaemonSet.Spec.Template.Spec;
        var required = spec.Affinity?.NodeAffinity?.Required;
        var affinity = required is null ? "-" : string.Join(" OR ", required.NodeSelectorTerms.Select(t =>
            "{" + string.Join(" & ", t.MatchExpressions.Select(r => $"{r.Key} {r.Operator} {r.Values}").Concat(t.MatchFields.Select(r => $"field {r.Key} {r.Operator} {r.Values}"))) + "}"));
        return $"node {Node.Name} labels=[{Node.Labels}] taints=[{string.Join(" ", Node.Spec.Taints)}] | " +
            $"ds nodeName={spec.NodeName} nodeSelector=[{spec.NodeSelector}] affinity={affinity} hostNetwork={spec.HostNetwork} " +
            $"tolerations=[{string.Join(" ", spec.Tolerations.Select(t => $"{t.Key}:{t.Operator}:{t.Value}:{t.Effect}"))}]";
    }
}

/// <summary>Every generator and shrinker of the property suites (register with <c>Arbitrary = [typeof(Arbitraries)]</c>).</summary>
public sealed class Arbitraries
{
    // ----- vocabularies: small, so that selectors, tolerations and taints often meet -----

    private static readonly (string Key, string[] Values)[] LabelVocabulary =
    [
        ("zone", ["a", "b", "c"]),
        ("disk", ["ssd", "hdd"]),
        ("tier", ["web", "db", "batch"]),
        ("rank", ["0", "3", "07", "12", "0206", "x1"]),
        ("example.com/pool", ["p1", "p2"]),
    ];

    private static readonly string[] TaintKeys = ["dedicated", "gpu", "maintenance", "example.com/flaky"];
    private static readonly string[] TaintValues = ["", "a", "b"];
    private static readonly string[] Effects = [TaintEffect.NoSchedule, TaintEffect.PreferNoSchedule, TaintEffect.NoExecute];
    private static readonly string[] DaemonSetNames = ["ds-a", "ds-b", "ds-c", "ds-d", "ds-e"];
    private static readonly string[] Namespaces = ["default", "kube-system"];

    // ----- registered arbitraries -----

    public static Arbitrary<Scenario> Scenario() => Arb.From(ScenarioGen(500, 540), ShrinkScenario);

    public static Arbitrary<NodeDaemonSetPair> NodeDaemonSetPair() => Arb.From(PairGen(), ShrinkPair);

    // ----- scenario generators -----

    public static Gen<Scenario> ScenarioGen(int minNodes, int maxNodes) =>
        from seed in Gen.Choose(1, int.MaxValue)
        from nodeCount in Gen.Choose(minNodes, maxNodes)
        from nodes in Gen.CollectToArray(Enumerable.Range(1, nodeCount), i => NodeShapeGen(NodeName(i)))
        from dsCount in Gen.Choose(1, 4)
        from daemonSets in Gen.ArrayOf(DaemonSetShapeGen(), dsCount)
        from opCount in Gen.Choose(5, 25)
        from ops in Gen.ArrayOf(OpGen(nodeCount), opCount)
        select new Scenario(
            (ulong)seed,
            nodes.ToEquatableArray(),
            daemonSets.DistinctBy(d => (d.Namespace, d.Name)).ToEquatableArray(),
            ops.Select((op, i) => op is AddNode add ? new AddNode(add.Node with { Name = $"add-{i:D2}" }) : op).ToEquatableArray());

    public static string NodeName(int i) => "n-" + i.ToString("D3", CultureInfo.InvariantCulture);

    public static Gen<StringMap> NodeLabelsGen() =>
        Gen.CollectToArray(LabelVocabulary, entry =>
            Gen.Frequency(
                (2, Gen.Constant<KeyValuePair<string, string>?>(null)),
                (3, Gen.Elements(entry.Values).Select(v => (KeyValuePair<string, string>?)new KeyValuePair<string, string>(entry.Key, v)))))
        .Select(pairs => StringMap.From(pairs.Where(p => p is not null).Select(p => p!.Value)));

    public static Gen<Taint> TaintGen() =>
        from key in Gen.Elements(TaintKeys)
        from value in Gen.Elements(TaintValues)
        from effect in Gen.Elements(Effects)
        select new Taint(key, value, effect);

    public static Gen<EquatableArray<Taint>> TaintsGen() =>
        Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)))
            .SelectMany(n => Gen.ArrayOf(TaintGen(), n))
            .Select(ts => ts.DistinctBy(t => (t.Key, t.Effect)).ToEquatableArray());

    public static Gen<NodeShape> NodeShapeGen(string name) =>
        from labels in NodeLabelsGen()
        from taints in TaintsGen()
        from cordoned in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from cpu in Gen.Elements("500m", "1", "2", "4", "8")
        from memory in Gen.Elements("1Gi", "4Gi", "16Gi")
        from pods in Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (1, Gen.Constant<string?>("0")),
            (3, Gen.Elements<string?>("1", "2", "3")),
            (5, Gen.Constant<string?>("110")))
        select new NodeShape(name, labels, taints, cordoned, cpu, memory, pods);

    public static Gen<SelectorRequirement> ExpressionGen(bool allowMalformed) =>
        from entry in Gen.Elements(LabelVocabulary)
        from key in allowMalformed
            ? Gen.Frequency((12, Gen.Constant(entry.Key)), (1, Gen.Elements("missing", "bad key", "-x", "a/b/c", "Example.COM/x")))
            : Gen.Frequency((12, Gen.Constant(entry.Key)), (1, Gen.Constant("missing")))
        from op in allowMalformed
            ? Gen.Frequency((6, Gen.Elements("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")), (1, Gen.Elements("Near", "in", "")))
            : Gen.Elements("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")
        from values in op switch
        {
            "In" or "NotIn" or "in" or "Near" or "" => Gen.Choose(allowMalformed ? 0 : 1, 2).SelectMany(n => Gen.ArrayOf(
                Gen.Frequency((10, Gen.Elements(entry.Values)), (1, Gen.Elements("bad value", "-lead", "x1"))), n)),
            "Gt" or "Lt" => Gen.Choose(allowMalformed ? 0 : 1, allowMalformed ? 2 : 1).SelectMany(n => Gen.ArrayOf(
                Gen.Elements("2", "5", "007", "10", "-1", "+3", "abc", "99999999999999999999"), n)),
            _ => allowMalformed
                ? Gen.Frequency((9, Gen.Constant(Array.Empty<string>())), (1, Gen.Constant(new[] { "a" })))
                : Gen.Constant(Array.Empty<string>()),
        }
        select new SelectorRequirement(key, op, values.ToEquatableArray());

    public static Gen<SelectorRequirement> FieldGen(bool allowMalformed, Gen<string> nodeNames) =>
        from op in allowMalformed ? Gen.Frequency((8, Gen.Elements("In", "NotIn")), (1, Gen.Constant("Exists"))) : Gen.Elements("In", "NotIn")
        from count in allowMalformed ? Gen.Frequency((8, Gen.Constant(1)), (1, Gen.Constant(2))) : Gen.Constant(1)
        from values in Gen.ArrayOf(nodeNames, count)
        select new SelectorRequirement("metadata.name", op, values.ToEquatableArray());

    public static Gen<NodeSelectorTerm> TermGen(bool allowMalformed, Gen<string> nodeNames) =>
        from expressionCount in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Constant(1)), (3, Gen.Constant(2)))
        from expressions in Gen.ArrayOf(ExpressionGen(allowMalformed), expressionCount)
        from fieldCount in Gen.Frequency((6, Gen.Constant(0)), (expressionCount == 0 ? 3 : 1, Gen.Constant(1)))
        from fields in Gen.ArrayOf(FieldGen(allowMalformed, nodeNames), fieldCount)
        select new NodeSelectorTerm { MatchExpressions = expressions.ToEquatableArray(), MatchFields = fields.ToEquatableArray() };

    public static Gen<NodeSelector?> RequiredGen(bool allowMalformed, Gen<string> nodeNames) =>
        Gen.Frequency(
            (11, Gen.Constant<NodeSelector?>(null)),
            (9, Gen.Choose(allowMalformed ? 0 : 1, 2).SelectMany(n => Gen.ArrayOf(TermGen(allowMalformed, nodeNames), n))
                .Select(terms => (NodeSelector?)new NodeSelector { NodeSelectorTerms = terms.ToEquatableArray() })));

    public static Gen<StringMap> NodeSelectorGen() =>
        Gen.Frequency(
            (6, Gen.Constant(StringMap.Empty)),
            (4, from entry in Gen.Elements(LabelVocabulary)
                from value in Gen.Elements(entry.Values)
                select StringMap.Of(entry.Key, value)));

    public static Gen<Toleration> TolerationGen(bool allowMalformed)
    {
        var valid = Gen.Elements(
            new Toleration("", "Exists"),
            new Toleration("", "Exists", "", TaintEffect.NoSchedule),
            new Toleration("", "Exists", "", TaintEffect.NoExecute),
            new Toleration("dedicated", "Equal", "a", TaintEffect.NoSchedule),
            new Toleration("dedicated", "Exists"),
            new Toleration("gpu", "", "b"),
            new Toleration("gpu", "Equal", "", TaintEffect.NoExecute),
            new Toleration("maintenance", "Exists", "", TaintEffect.NoExecute),
            new Toleration("example.com/flaky", "Equal", "", TaintEffect.NoExecute),
            new Toleration("example.com/flaky", "Exists", "", TaintEffect.PreferNoSchedule),
            new Toleration(WellKnownTaints.Unschedulable, "Exists", "", TaintEffect.NoSchedule),
            new Toleration(WellKnownTaints.NotReady, "Exists", "", TaintEffect.NoSchedule));
        if (!allowMalformed)
        {
            return valid;
        }

        var odd = Gen.Elements(
            new Toleration("rank", "Gt", "1"),
            new Toleration("dedicated", "Lt", "9"),
            new Toleration("dedicated", "Foo", "a"),
            new Toleration("", "", ""),
            new Toleration("", "Equal", "a"),
            new Toleration(WellKnownTaints.NotReady, "Exists", "", TaintEffect.NoExecute, 30),
            new Toleration(WellKnownTaints.NetworkUnavailable, "Exists", "", TaintEffect.NoSchedule));
        return Gen.Frequency((6, valid), (1, odd));
    }

    public static Gen<DaemonSetShape> DaemonSetShapeGen() =>
        from name in Gen.Elements(DaemonSetNames)
        from ns in Gen.Elements(Namespaces)
        from image in Gen.Elements("agent:v1", "agent:v2", "agent:v3")
        from nodeSelector in NodeSelectorGen()
        from required in RequiredGen(false, Gen.Choose(1, 560).Select(NodeName))
        from tolerationCount in Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Constant(1)), (2, Gen.Constant(3)))
        from tolerations in Gen.ArrayOf(TolerationGen(false), tolerationCount)
        from cpu in Gen.Elements<string?>(null, "100m", "250m", "1", "3")
        from memory in Gen.Elements<string?>(null, "128Mi", "1Gi", "6Gi")
        from strategy in Gen.Frequency((6, Gen.Constant(StrategyKind.RollingUpdate)), (2, Gen.Constant(StrategyKind.OnDelete)), (2, Gen.Constant(StrategyKind.Surge)))
        from minReady in Gen.Elements(0, 0, 0, 5, 30)
        from hostNetwork in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from priorityClass in Gen.Frequency((6, Gen.Constant("")), (1, Gen.Constant(PriorityClass.SystemNodeCritical.Name)))
        select new DaemonSetShape(name, ns, image, nodeSelector, required, tolerations.Distinct().ToEquatableArray(), cpu, memory, strategy, minReady, hostNetwork, priorityClass);

    public static Gen<ScenarioOp> OpGen(int nodeCount)
    {
        var index = Gen.Choose(0, 100_000);
        return Gen.Frequency(
            (8, NodeShapeGen("add").Select(n => (ScenarioOp)new AddNode(n))),
            (6, index.Select(i => (ScenarioOp)new RemoveNode(i))),
            (14, from i in index
                 from entry in Gen.Elements(LabelVocabulary)
                 from value in Gen.Frequency((3, Gen.Elements(entry.Values).Select(v => (string?)v)), (1, Gen.Constant<string?>(null)))
                 select (ScenarioOp)new LabelNode(i, entry.Key, value)),
            (12, from i in index from t in TaintGen() select (ScenarioOp)new TaintNode(i, t)),
            (8, from i in index
                from key in Gen.Elements(TaintKeys)
                from effect in Gen.Elements<string?>(null, TaintEffect.NoSchedule, TaintEffect.NoExecute, TaintEffect.PreferNoSchedule)
                select (ScenarioOp)new UntaintNode(i, key, effect)),
            (5, index.Select(i => (ScenarioOp)new CordonNode(i))),
            (4, index.Select(i => (ScenarioOp)new UncordonNode(i))),
            (8, from i in index from grace in Gen.Elements<long?>(null, null, 0, 5) select (ScenarioOp)new DeleteDaemonPod(i, grace)),
            (5, DaemonSetShapeGen().Select(d => (ScenarioOp)new CreateDaemonSet(d))),
            (8, from i in index from d in DaemonSetShapeGen() select (ScenarioOp)new UpdateDaemonSet(i, d)),
            (3, from i in index
                from p in Gen.Elements(DeletionPropagation.Background, DeletionPropagation.Foreground, DeletionPropagation.Orphan)
                select (ScenarioOp)new DeleteDaemonSet(i, p)),
            (8, Gen.Elements(1, 2, 5, 15, 40, 120).Select(s => (ScenarioOp)new AdvanceTime(s))),
            (6, Gen.Constant((ScenarioOp)new Settle())));
    }

    // ----- scenario shrinking: big chunks first, since every run costs a whole simulation -----

    /// <summary>Shrinks of a list, biggest first: each half, then the list without one item (the last one first).</summary>
    public static IEnumerable<ImmutableArray<T>> HalvesThenEachRemoved<T>(ImmutableArray<T> items)
    {
        if (items.Length > 1)
        {
            yield return items[..(items.Length / 2)];
            yield return items[(items.Length / 2)..];
        }

        for (var i = items.Length - 1; i >= 0; i--)
        {
            yield return items.RemoveAt(i);
        }
    }

    /// <summary>The list without one item, for each item, when more than one is left.</summary>
    public static IEnumerable<ImmutableArray<T>> EachRemovedKeepingOne<T>(ImmutableArray<T> items)
    {
        for (var i = 0; items.Length > 1 && i < items.Length; i++)
        {
            yield return items.RemoveAt(i);
        }
    }

    public static IEnumerable<Scenario> ShrinkScenario(Scenario s)
    {
        var ops = s.Ops.Items;
        if (ops.Length > 0)
        {
            yield return s with { Ops = default };
            foreach (var shrunk in HalvesThenEachRemoved(ops))
            {
                yield return s with { Ops = shrunk };
            }
        }

        var dss = s.DaemonSets.Items;
        foreach (var shrunk in EachRemovedKeepingOne(dss))
        {
            yield return s with { DaemonSets = shrunk };
        }

        var nodes = s.Nodes.Items;
        if (nodes.Length > 1)
        {
            yield return s with { Nodes = nodes[..(nodes.Length / 2)] };
            yield return s with { Nodes = nodes[(nodes.Length / 2)..] };
            if (nodes.Length > 12)
            {
                var quarter = nodes.Length / 4;
                for (var q = 0; q < 4; q++)
                {
                    var start = q * quarter;
                    var end = q == 3 ? nodes.Length : start + quarter;
                    yield return s with { Nodes = nodes[..start].AddRange(nodes[end..]) };
                }
            }
            else
            {
                for (var i = 0; i < nodes.Length; i++)
                {
                    yield return s with { Nodes = nodes.RemoveAt(i) };
                }
            }
        }

        for (var i = 0; i < dss.Length; i++)
        {
            foreach (var simpler in SimplerDaemonSets(dss[i]))
            {
                yield return s with { DaemonSets = dss.SetItem(i, simpler) };
            }
        }

        for (var i = 0; i < ops.Length; i++)
        {
            var simplerOp = ops[i] switch
            {
                UpdateDaemonSet u => SimplerDaemonSets(u.Shape).Select(d => (ScenarioOp)(u with { Shape = d })),
                CreateDaemonSet c => SimplerDaemonSets(c.DaemonSet).Select(d => (ScenarioOp)(c with { DaemonSet = d })),
                AddNode a => SimplerNodes(a.Node).Select(n => (ScenarioOp)(a with { Node = n })),
                RemoveNode { Index: > 0 } r => [r with { Index = 0 }],
                LabelNode { Index: > 0 } l => [l with { Index = 0 }],
                TaintNode { Index: > 0 } t => [t with { Index = 0 }],
                UntaintNode { Index: > 0 } u => [u with { Index = 0 }],
                CordonNode { Index: > 0 } c => [c with { Index = 0 }],
                UncordonNode { Index: > 0 } u => [u with { Index = 0 }],
                DeleteDaemonPod { Index: > 0 } d => [d with { Index = 0 }],
                _ => [],
            };
            foreach (var op in simplerOp)
            {
                yield return s with { Ops = ops.SetItem(i, op) };
            }
        }

        if (nodes.Length <= 12)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                foreach (var simpler in SimplerNodes(nodes[i]))
                {
                    yield return s with { Nodes = nodes.SetItem(i, simpler) };
                }
            }
        }
    }

    private static IEnumerable<DaemonSetShape> SimplerDaemonSets(DaemonSetShape d)
    {
        if (!d.Tolerations.IsEmpty)
        {
            yield return d with { Tolerations = default };
            for (var i = 0; i < d.Tolerations.Count && d.Tolerations.Count > 1; i++)
            {
                yield return d with { Tolerations = d.Tolerations.Items.RemoveAt(i) };
            }
        }

        if (d.Required is not null)
        {
            yield return d with { Required = null };
        }

        if (!d.NodeSelector.IsEmpty)
        {
            yield return d with { NodeSelector = StringMap.Empty };
        }

        if (d.Cpu is not null || d.Memory is not null)
        {
            yield return d with { Cpu = null, Memory = null };
        }

        if (d.Strategy != StrategyKind.RollingUpdate)
        {
            yield return d with { Strategy = StrategyKind.RollingUpdate };
        }

        if (d.MinReadySeconds != 0)
        {
            yield return d with { MinReadySeconds = 0 };
        }

        if (d.HostNetwork)
        {
            yield return d with { HostNetwork = false };
        }

        if (d.PriorityClassName.Length != 0)
        {
            yield return d with { PriorityClassName = "" };
        }
    }

    private static IEnumerable<NodeShape> SimplerNodes(NodeShape n)
    {
        if (!n.Taints.IsEmpty)
        {
            yield return n with { Taints = default };
        }

        if (!n.Labels.IsEmpty)
        {
            yield return n with { Labels = StringMap.Empty };
        }

        if (n.Cordoned)
        {
            yield return n with { Cordoned = false };
        }

        if (n.Pods != "110" || n.Cpu != "8" || n.Memory != "16Gi")
        {
            yield return n with { Pods = "110", Cpu = "8", Memory = "16Gi" };
        }
    }

    // ----- (node, DaemonSet) pairs, including shapes the API would reject -----

    public static Gen<NodeDaemonSetPair> PairGen()
    {
        var names = Gen.Elements("n-001", "n-002", "n-003");
        var platformTaints = Gen.Elements(
            new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoSchedule),
            new Taint(WellKnownTaints.NotReady, "", TaintEffect.NoExecute),
            new Taint(WellKnownTaints.Unreachable, "", TaintEffect.NoExecute),
            new Taint(WellKnownTaints.Unreachable, "", TaintEffect.NoSchedule),
            new Taint(WellKnownTaints.Unschedulable, "", TaintEffect.NoSchedule),
            new Taint(WellKnownTaints.DiskPressure, "", TaintEffect.NoSchedule),
            new Taint(WellKnownTaints.NetworkUnavailable, "", TaintEffect.NoSchedule),
            new Taint("rank", "5", TaintEffect.NoSchedule));
        var taint = Gen.Frequency((3, TaintGen()), (1, platformTaints));
        var node =
            from name in names
            from labels in NodeLabelsGen()
            from taintCount in Gen.Choose(0, 3)
            from taints in Gen.ArrayOf(taint, taintCount)
            select new Node
            {
                Metadata = new ObjectMeta { Name = name, Labels = labels },
                Spec = new NodeSpec { Taints = taints.ToEquatableArray() },
            };
        var ds =
            from nodeName in Gen.Frequency((8, Gen.Constant("")), (1, names))
            from nodeSelector in NodeSelectorGen()
            from required in RequiredGen(true, names)
            from tolerationCount in Gen.Choose(0, 3)
            from tolerations in Gen.ArrayOf(TolerationGen(true), tolerationCount)
            from hostNetwork in Gen.Elements(false, true)
            select new DaemonSet
            {
                Metadata = new ObjectMeta { Name = "ds", Namespace = "default", Uid = "uid-ds" },
                Spec = new DaemonSetSpec
                {
                    Selector = LabelSelector.ForLabels("app", "ds"),
                    Template = new PodTemplateSpec
                    {
                        Metadata = new ObjectMeta { Labels = StringMap.Of("app", "ds") },
                        Spec = new PodSpec
                        {
                            NodeName = nodeName,
                            NodeSelector = nodeSelector,
                            Affinity = required is null ? null : new Affinity { NodeAffinity = new NodeAffinity { Required = required } },
                            Tolerations = tolerations.ToEquatableArray(),
                            HostNetwork = hostNetwork,
                        },
                    },
                },
            };
        return from n in node from d in ds select new NodeDaemonSetPair(n, d);
    }

    public static IEnumerable<NodeDaemonSetPair> ShrinkPair(NodeDaemonSetPair pair)
    {
        var taints = pair.Node.Spec.Taints.Items;
        for (var i = 0; i < taints.Length; i++)
        {
            yield return pair with { Node = pair.Node with { Spec = pair.Node.Spec with { Taints = taints.RemoveAt(i) } } };
        }

        foreach (var key in pair.Node.Labels.Keys)
        {
            yield return pair with { Node = pair.Node with { Metadata = pair.Node.Metadata with { Labels = pair.Node.Labels.Without(key) } } };
        }

        var spec = pair.DaemonSet.Spec.Template.Spec;
        PodSpec[] simpler =
        [
            .. Enumerable.Range(0, spec.Tolerations.Count).Select(i => spec with { Tolerations = spec.Tolerations.Items.RemoveAt(i) }),
            .. spec.Affinity is null ? Array.Empty<PodSpec>() : [spec with { Affinity = null }],
            .. spec.NodeSelector.IsEmpty ? Array.Empty<PodSpec>() : [spec with { NodeSelector = StringMap.Empty }],
            .. spec.NodeName.Length == 0 ? Array.Empty<PodSpec>() : [spec with { NodeName = "" }],
            .. spec.HostNetwork ? [spec with { HostNetwork = false }] : Array.Empty<PodSpec>(),
        ];
        var required = spec.Affinity?.NodeAffinity?.Required;
        if (required is not null)
        {
            var terms = required.NodeSelectorTerms.Items;
            for (var t = 0; t < terms.Length; t++)
            {
                simpler = [.. simpler, WithTerms(spec, terms.RemoveAt(t))];
                var exprs = terms[t].MatchExpressions.Items;
                for (var e = 0; e < exprs.Length; e++)
                {
                    simpler = [.. simpler, WithTerms(spec, terms.SetItem(t, terms[t] with { MatchExpressions = exprs.RemoveAt(e) }))];
                }

                var fields = terms[t].MatchFields.Items;
                for (var f = 0; f < fields.Length; f++)
                {
                    simpler = [.. simpler, WithTerms(spec, terms.SetItem(t, terms[t] with { MatchFields = fields.RemoveAt(f) }))];
                }
            }
        }

        foreach (var s in simpler)
        {
            yield return pair with { DaemonSet = pair.DaemonSet with { Spec = pair.DaemonSet.Spec with { Template = pair.DaemonSet.Spec.Template with { Spec = s } } } };
        }
    }

    private static PodSpec WithTerms(PodSpec spec, System.Collections.Immutable.ImmutableArray<NodeSelectorTerm> terms) =>
        spec with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = new NodeSelector { NodeSelectorTerms = terms } } } };
}
