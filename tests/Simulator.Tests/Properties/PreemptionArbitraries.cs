using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>A workload pod pinned to one node by required node affinity (it goes through the scheduler and may preempt there).</summary>
public sealed record WorkloadShape(int NodeIndex, string Cpu, string? Memory, string PriorityClass, long Grace)
{
    public override string ToString() => $"n{NodeIndex}:{Cpu}/{Memory ?? "-"}/{(PriorityClass.Length == 0 ? "none" : PriorityClass)}/{Grace}s";
}

/// <summary>
/// A cluster under pressure: nodes filled by workload pods of random priorities, then DaemonSets of random priority classes
/// (the first one, <c>critical</c>, is system-node-critical and fits every node's allocatable), then more workload pods.
/// </summary>
public sealed record PreemptionScenario(
    ulong Seed,
    EquatableArray<NodeShape> Nodes,
    EquatableArray<WorkloadShape> Workload,
    EquatableArray<DaemonSetShape> DaemonSets,
    EquatableArray<WorkloadShape> LateWorkload)
{
    public override string ToString() =>
        $"PreemptionScenario seed={Seed}, {Nodes.Count} nodes, {Workload.Count} workload pods, {LateWorkload.Count} late pods\n" +
        (Nodes.Count <= 40 ? "  nodes:\n" + string.Join("\n", Nodes.Select(n => "    " + n)) + "\n" : "") +
        (Workload.Count <= 60 ? "  workload: " + string.Join(" ", Workload) + "\n" : "") +
        (LateWorkload.Count <= 60 ? "  late: " + string.Join(" ", LateWorkload) + "\n" : "") +
        "  daemonsets:\n" + string.Join("\n", DaemonSets.Select(d => "    " + d));
}

/// <summary>Generators and shrinkers of the preemption suite (register with <c>Arbitrary = [typeof(PreemptionArbitraries)]</c>).</summary>
public sealed class PreemptionArbitraries
{
    /// <summary>Workload classes; values stay below system-cluster-critical, so the critical DaemonSet outranks all of them.</summary>
    public static readonly (string Name, int Value, string Policy)[] WorkloadClasses =
    [
        ("w-neg", -10, PreemptionPolicy.PreemptLowerPriority),
        ("w0", 0, PreemptionPolicy.PreemptLowerPriority),
        ("w100", 100, PreemptionPolicy.PreemptLowerPriority),
        ("w1000", 1000, PreemptionPolicy.PreemptLowerPriority),
        ("never1000", 1000, PreemptionPolicy.Never),
        ("w-top", 1_000_000_000, PreemptionPolicy.PreemptLowerPriority),
    ];

    private static readonly string[] PodClasses = ["", "w-neg", "w0", "w100", "w1000", "never1000", "w-top"];

    // Every class a non-critical DaemonSet may use: anything but system-node-critical.
    private static readonly string[] DaemonSetClasses = ["", "", "w-neg", "w0", "w100", "w1000", "never1000", "w-top", PriorityClass.SystemClusterCritical.Name];

    public static Arbitrary<PreemptionScenario> PreemptionScenario() => Arb.From(ScenarioGen(500, 520), Shrink);

    public static string NodeName(int i) => "p-" + i.ToString("D3", CultureInfo.InvariantCulture);

    public static Gen<NodeShape> NodeGen(string name) =>
        from zone in Gen.Elements("a", "b", "c")
        from taint in Gen.Frequency(
            (12, Gen.Constant<Taint?>(null)),
            (1, Gen.Constant<Taint?>(new Taint("dedicated", "a", TaintEffect.NoSchedule))),
            (1, Gen.Constant<Taint?>(new Taint("dedicated", "a", TaintEffect.NoExecute))),
            (1, Gen.Constant<Taint?>(new Taint("maintenance", "", TaintEffect.PreferNoSchedule))))
        from cordoned in Gen.Frequency((15, Gen.Constant(false)), (1, Gen.Constant(true)))
        from cpu in Gen.Elements("1", "2", "4")
        from memory in Gen.Elements("4Gi", "16Gi")
        from pods in Gen.Frequency((6, Gen.Constant<string?>("110")), (2, Gen.Elements<string?>("2", "4")), (1, Gen.Constant<string?>("0")))
        select new NodeShape(name, StringMap.Of("zone", zone), taint is null ? default : EquatableArray.Create(taint), cordoned, cpu, memory, pods);

    public static Gen<WorkloadShape> WorkloadGen(int nodeIndex) =>
        from cpu in Gen.Elements("250m", "500m", "1", "1")
        from memory in Gen.Elements<string?>(null, null, "512Mi", "2Gi")
        from priorityClass in Gen.Elements(PodClasses)
        from grace in Gen.Elements(5L, 30L)
        select new WorkloadShape(nodeIndex, cpu, memory, priorityClass, grace);

    public static Gen<DaemonSetShape> DaemonSetGen(string name, bool critical) =>
        from nodeSelector in Gen.Frequency((4, Gen.Constant(StringMap.Empty)), (1, Gen.Elements("a", "b").Select(z => StringMap.Of("zone", z))))
        from tolerations in Gen.Frequency(
            (3, Gen.Constant(EquatableArray<Toleration>.Empty)),
            (1, Gen.Constant(EquatableArray.Create(new Toleration("dedicated", TolerationOperator.Exists)))))
        from cpu in critical ? Gen.Elements<string?>(null, "100m", "500m", "1") : Gen.Elements<string?>(null, "100m", "500m", "1", "3")
        from memory in Gen.Elements<string?>(null, "128Mi", "1Gi")
        from priorityClass in critical ? Gen.Constant(PriorityClass.SystemNodeCritical.Name) : Gen.Elements(DaemonSetClasses)
        select new DaemonSetShape(name, "default", "agent:v1", nodeSelector, null, tolerations, cpu, memory, StrategyKind.RollingUpdate, 0, false, priorityClass);

    public static Gen<PreemptionScenario> ScenarioGen(int minNodes, int maxNodes) =>
        from seed in Gen.Choose(1, int.MaxValue)
        from nodeCount in Gen.Choose(minNodes, maxNodes)
        from nodes in Gen.CollectToArray(Enumerable.Range(1, nodeCount), i => NodeGen(NodeName(i)))
        from perNode in Gen.ArrayOf(Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 3)), (2, Gen.Choose(4, 6))), nodeCount)
        from workload in Gen.CollectToArray(
            perNode.SelectMany((count, node) => Enumerable.Repeat(node, count)),
            WorkloadGen)
        from critical in DaemonSetGen("critical", critical: true)
        from othersCount in Gen.Choose(0, 3)
        from others in Gen.CollectToArray(Enumerable.Range(0, othersCount), i => DaemonSetGen("agent-" + (char)('a' + i), critical: false))
        from lateCount in Gen.Choose(0, 150)
        from late in Gen.ArrayOf(Gen.Choose(0, nodeCount - 1).SelectMany(WorkloadGen), lateCount)
        select new PreemptionScenario((ulong)seed, nodes.ToEquatableArray(), workload.ToEquatableArray(), others.Prepend(critical).ToEquatableArray(), late.ToEquatableArray());

    public static IEnumerable<PreemptionScenario> Shrink(PreemptionScenario s)
    {
        if (s.LateWorkload.Count > 0)
        {
            yield return s with { LateWorkload = default };
            yield return s with { LateWorkload = s.LateWorkload.Items[..(s.LateWorkload.Count / 2)] };
        }

        for (var i = s.DaemonSets.Count - 1; i >= 1; i--)
        {
            yield return s with { DaemonSets = s.DaemonSets.Items.RemoveAt(i) };
        }

        if (s.Nodes.Count > 1)
        {
            // Keep the first half of the nodes and the pods aimed at them.
            var keep = s.Nodes.Count / 2;
            yield return s with
            {
                Nodes = s.Nodes.Items[..keep],
                Workload = s.Workload.Where(w => w.NodeIndex < keep).ToEquatableArray(),
                LateWorkload = s.LateWorkload.Where(w => w.NodeIndex < keep).ToEquatableArray(),
            };
        }

        if (s.Workload.Count > 1)
        {
            yield return s with { Workload = s.Workload.Items[..(s.Workload.Count / 2)] };
            yield return s with { Workload = s.Workload.Items[(s.Workload.Count / 2)..] };
        }
    }
}
