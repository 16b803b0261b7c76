using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>What the two DaemonSet controller modes must agree on about one pod (its name aside).</summary>
public sealed record PodPrint(string Owner, string Target, string BoundTo, string Hash, string Phase, bool Ready, bool Terminating)
{
    public static PodPrint Of(Pod pod) => new(
        pod.Metadata.ControllerRef is { } owner ? $"{owner.Kind} {pod.Namespace}/{owner.Name}" : $"<no owner> {pod.Namespace}",
        ReferenceModel.TargetNode(pod) ?? "-",
        pod.Spec.NodeName.Length == 0 ? "-" : pod.Spec.NodeName,
        pod.Metadata.Labels.GetValueOrDefault(DaemonSetLabels.ControllerRevisionHash) ?? "-",
        pod.Status.Phase,
        pod.IsReady,
        pod.IsTerminating);

    public override string ToString() =>
        $"{Owner} on {Target}{(BoundTo == Target ? "" : $" (bound to {BoundTo})")} hash={Hash} {Phase}{(Ready ? " ready" : "")}{(Terminating ? " terminating" : "")}";
}

/// <summary>What the two modes must agree on about one DaemonSet: generation, deletion, status and its ControllerRevisions.</summary>
public sealed record DaemonSetPrint(long Generation, bool Deleting, DaemonSetStatus Status, string Revisions)
{
    public static DaemonSetPrint Of(ClusterState state, DaemonSet ds) => new(
        ds.Metadata.Generation,
        ds.Metadata.DeletionTimestamp is not null,
        ds.Status,
        string.Join(", ", state.RevisionsControlledBy(ds.Metadata.Uid)
            .OrderBy(r => r.Revision)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => $"#{r.Revision} {r.Hash} ({r.Name})")));
}

/// <summary>The comparable part of a cluster at one moment: the clock, every pod (by name) and every DaemonSet.</summary>
public sealed record ClusterPrint(string Where, SimTime Now, SortedDictionary<string, PodPrint> Pods, SortedDictionary<string, DaemonSetPrint> DaemonSets)
{
    public static ClusterPrint Of(Simulation sim, string where)
    {
        var state = sim.State;
        var pods = new SortedDictionary<string, PodPrint>(StringComparer.Ordinal);
        foreach (var (key, pod) in state.Pods)
        {
            pods[key] = PodPrint.Of(pod);
        }

        var daemonSets = new SortedDictionary<string, DaemonSetPrint>(StringComparer.Ordinal);
        foreach (var (key, ds) in state.DaemonSets)
        {
            daemonSets[key] = DaemonSetPrint.Of(state, ds);
        }

        return new ClusterPrint(where, sim.Now, pods, daemonSets);
    }

    /// <summary>
    /// Every difference between the incremental controller's cluster (this) and the full-resync one: the clock, the pods as a
    /// multiset of prints and then by name (the modes must create pods in the same order, so that the same pods draw the same
    /// names and kubelet start latencies from the seeded generator), and every DaemonSet.
    /// </summary>
    public List<string> DifferencesFrom(ClusterPrint full)
    {
        var errors = new List<string>();
        if (Now != full.Now)
        {
            errors.Add($"time: incremental reached {Now}, full resync {full.Now}");
        }

        var mine = Pods.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
        var theirs = full.Pods.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
        foreach (var print in mine.Keys.Union(theirs.Keys).OrderBy(p => p.ToString(), StringComparer.Ordinal))
        {
            var a = mine.GetValueOrDefault(print) ?? [];
            var b = theirs.GetValueOrDefault(print) ?? [];
            if (a.Count != b.Count)
            {
                errors.Add($"pods [{print}]: {a.Count} with incremental [{string.Join(", ", a)}], {b.Count} with full resync [{string.Join(", ", b)}]");
            }
        }

        // Names only once the multisets agree: a name is the next draw of the seeded generator, so pods created in another order
        // carry each other's names, and the multiset differences say more.
        if (errors.Count == 0)
        {
            foreach (var key in Pods.Keys.Union(full.Pods.Keys).Order(StringComparer.Ordinal))
            {
                var a = Pods.GetValueOrDefault(key);
                var b = full.Pods.GetValueOrDefault(key);
                if (a != b)
                {
                    errors.Add($"pod named {key}: incremental [{a?.ToString() ?? "absent"}], full resync [{b?.ToString() ?? "absent"}]");
                }
            }
        }

        foreach (var key in DaemonSets.Keys.Union(full.DaemonSets.Keys).Order(StringComparer.Ordinal))
        {
            var a = DaemonSets.GetValueOrDefault(key);
            var b = full.DaemonSets.GetValueOrDefault(key);
            if (a is null || b is null)
            {
                errors.Add($"DaemonSet {key}: {(a is null ? "absent" : "present")} with incremental, {(b is null ? "absent" : "present")} with full resync");
                continue;
            }

            if (a.Generation != b.Generation || a.Deleting != b.Deleting)
            {
                errors.Add($"DaemonSet {key}: generation {a.Generation}{(a.Deleting ? " deleting" : "")} with incremental, {b.Generation}{(b.Deleting ? " deleting" : "")} with full resync");
            }

            if (a.Status != b.Status)
            {
                errors.Add($"DaemonSet {key}: status {a.Status} with incremental, {b.Status} with full resync");
            }

            if (a.Revisions != b.Revisions)
            {
                errors.Add($"DaemonSet {key}: revisions [{a.Revisions}] with incremental, [{b.Revisions}] with full resync");
            }
        }

        return errors;
    }
}

/// <summary>
/// Runs the property suites' scenarios with a chosen DaemonSet controller mode, recording a <see cref="ClusterPrint"/> at every op
/// boundary and at the end. The simulation is built and the ops applied by <see cref="ScenarioRunner"/> and
/// <see cref="RolloutRunner"/> themselves, with their default options and the chosen mode.
/// </summary>
public static class EquivalenceRunner
{
    public static List<ClusterPrint> Run(Scenario scenario, bool fullResync)
    {
        var prints = new List<ClusterPrint>();
        var sim = ScenarioRunner.Start(scenario, ScenarioRunner.Options(scenario) with { DaemonSetFullResync = fullResync });
        for (var i = 0; i < scenario.Ops.Count; i++)
        {
            prints.Add(ClusterPrint.Of(sim, i == 0 ? "before the first op" : $"after op {i - 1} ({scenario.Ops[i - 1]})"));
            ScenarioRunner.Apply(sim, scenario.Ops[i], null);
        }

        prints.Add(ClusterPrint.Of(sim, scenario.Ops.Count == 0 ? "before the final settle" : $"after the last op ({scenario.Ops[^1]})"));
        ScenarioRunner.SettleAndCheck(sim, null);
        prints.Add(ClusterPrint.Of(sim, "at the end (settled)"));
        return prints;
    }

    public static List<ClusterPrint> Run(RolloutScenario scenario, bool fullResync)
    {
        var prints = new List<ClusterPrint>();

        // The initial images are good, and the first rollout completes before the ops.
        var sim = RolloutRunner.Start(scenario, RolloutRunner.Options(scenario) with { DaemonSetFullResync = fullResync });

        var op = 0;
        RolloutRunner.Run(sim, scenario, Granularity.Ops, new RolloutHooks(AtBoundary: s =>
        {
            prints.Add(ClusterPrint.Of(s, op == 0 ? "before the first op" : op < scenario.Ops.Count ? $"after op {op - 1} ({scenario.Ops[op - 1]})" : "at the end (settled)"));
            op++;
        }));
        return prints;
    }

    /// <summary>Every difference at the first boundary where the two runs differ (empty when they agree throughout).</summary>
    public static List<string> Differences(List<ClusterPrint> incremental, List<ClusterPrint> full)
    {
        for (var i = 0; i < Math.Max(incremental.Count, full.Count); i++)
        {
            if (i >= incremental.Count || i >= full.Count)
            {
                return [$"the runs stopped at different boundaries: {incremental.Count} with incremental, {full.Count} with full resync"];
            }

            var errors = incremental[i].DifferencesFrom(full[i]);
            if (errors.Count > 0)
            {
                return [$"first difference {incremental[i].Where} (boundary {i} of {incremental.Count}):", .. errors.Take(40), .. errors.Count > 40 ? [$"... and {errors.Count - 40} more"] : Array.Empty<string>()];
            }
        }

        return [];
    }

    public static void ShouldAgree(Scenario scenario) => Check(Run(scenario, fullResync: false), Run(scenario, fullResync: true));

    public static void ShouldAgree(RolloutScenario scenario) => Check(Run(scenario, fullResync: false), Run(scenario, fullResync: true));

    private static void Check(List<ClusterPrint> incremental, List<ClusterPrint> full)
    {
        var errors = Differences(incremental, full);
        if (errors.Count > 0)
        {
            var message = new StringBuilder("The incremental DaemonSet controller and the full resync disagree, ");
            message.AppendJoin('\n', errors);
            throw new ShouldAssertException(message.ToString());
        }
    }
}

/// <summary>A random scenario on a small cluster (3 to 40 nodes), where ops hit the same nodes and DaemonSets often.</summary>
public sealed record SmallScenario(Scenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>A rollout scenario of any of the rollout suites (rolling with bad images, OnDelete, history), cut to 2 to 30 nodes.</summary>
public sealed record SmallRollout(RolloutScenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>Generators of the equivalence properties beyond <see cref="Arbitraries"/> and <see cref="RolloutArbitraries"/>.</summary>
public sealed class EquivalenceArbitraries
{
    public static Arbitrary<SmallScenario> SmallScenario() =>
        Arb.From(Arbitraries.ScenarioGen(3, 40).Select(s => new SmallScenario(s)), c => Arbitraries.ShrinkScenario(c.Scenario).Select(s => new SmallScenario(s)));

    public static Arbitrary<SmallRollout> SmallRollout() =>
        Arb.From(
            from scenario in Gen.OneOf(
                RolloutArbitraries.RollingCase().Generator.Select(c => c.Scenario),
                RolloutArbitraries.OnDeleteCase().Generator.Select(c => c.Scenario),
                RolloutArbitraries.HistoryCase().Generator.Select(c => c.Scenario))
            from nodes in Gen.Choose(2, 30)
            select new SmallRollout(scenario with { Nodes = scenario.Nodes.Items[..nodes] }),
            c => RolloutArbitraries.ShrinkScenario(c.Scenario).Select(s => new SmallRollout(s)));
}

/// <summary>
/// The incremental DaemonSet controller against upstream's plain algorithm (<see cref="SimulationOptions.DaemonSetFullResync"/>):
/// the same scenario, same seed, must give the same cluster at every op boundary and at the end. Small clusters carry most of the
/// cases; the 500+ node ones are few, since every event of the full resync re-syncs every node.
/// </summary>
public sealed class IncrementalEquivalenceProperties
{
    [Property(Arbitrary = new[] { typeof(EquivalenceArbitraries) }, MaxTest = 200)]
    public void SmallCluster_RandomOps_SameCluster(SmallScenario c) => EquivalenceRunner.ShouldAgree(c.Scenario);

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 5)]
    public void LargeCluster_RandomOps_SameCluster(Scenario scenario) => EquivalenceRunner.ShouldAgree(scenario);

    [Property(Arbitrary = new[] { typeof(EquivalenceArbitraries) }, MaxTest = 100)]
    public void SmallCluster_Rollouts_SameCluster(SmallRollout c) => EquivalenceRunner.ShouldAgree(c.Scenario);

    [Property(Arbitrary = new[] { typeof(RolloutArbitraries) }, MaxTest = 2)]
    public void LargeCluster_RollingUpdate_SameCluster(RollingCase c) => EquivalenceRunner.ShouldAgree(c.Scenario);
}

/// <summary>
/// Failures of <see cref="IncrementalEquivalenceProperties"/>, shrunk and frozen as plain facts. Both come from one difference:
/// within one controller pass the incremental controller runs every whole-DaemonSet sync (a DaemonSet created or changed) before
/// any per-node sync (a node or pod event), while the full resync turns every event into a whole sync and runs them in DaemonSet
/// key order. When a DaemonSet created at the same instant sorts after one with a node or pod event, the two modes create the
/// pods of the two DaemonSets in opposite orders, and the order decides who gets a scarce pod slot, which pod draws which name
/// suffix and which kubelet start latency.
/// </summary>
public sealed class IncrementalEquivalenceRegressions
{
    private static NodeShape Node(string name, string? pods) => new(name, StringMap.Empty, default, false, "8", "16Gi", pods);

    private static DaemonSetShape DaemonSet(string ns, string name) =>
        new(name, ns, "agent:v1", StringMap.Empty, null, default, null, null, StrategyKind.RollingUpdate, 0, false, "");

    /// <summary>
    /// From <c>SmallCluster_RandomOps_SameCluster</c> with replay seed 31337,99991 (shrunk from 31 nodes / 25 ops). minReadySeconds
    /// goes from 0 to 5 at t=2 and, at the same instant, n-014's pod (Ready since t=1) starts terminating. The status keeps counting
    /// that pod, which becomes available at t=6; the incremental controller queued no availability re-check for it (terminating pods
    /// were skipped), so at t=7 it still reported it unavailable, while the full resync (re-checking every node on n-015's timer)
    /// counted it.
    /// </summary>
    [Fact]
    public void TerminatingPodBecomingAvailable_IsCountedWhenItDoes()
    {
        var node = Node("n-014", "110");
        var scenario = new Scenario(
            5573940,
            EquatableArray.Create(node, node with { Name = "n-015" }),
            EquatableArray.Create(DaemonSet("default", "ds-a") with { Image = "agent:v3" }),
            EquatableArray.Create<ScenarioOp>(
                new AdvanceTime(2),
                new UpdateDaemonSet(0, DaemonSet("default", "ds-a") with { Image = "agent:v3", MinReadySeconds = 5 }),
                new DeleteDaemonPod(1, null),
                new AdvanceTime(5)));

        EquivalenceRunner.ShouldAgree(scenario);
    }

    /// <summary>
    /// From <c>SmallCluster_RandomOps_SameCluster</c> (replay 3905333851567505897,6974886989780084345, shrunk from 6 nodes / 25 ops).
    /// One node with room for one pod runs kube-system/ds-a's pod; the pod is deleted (grace 0) and kube-system/ds-d is created at
    /// the same instant. The incremental controller syncs the new ds-d first (a whole sync) and ds-a's node after it, so ds-d's
    /// pod takes the slot and ds-a's stays Pending; the full resync syncs ds-a first and ds-a keeps the node.
    /// </summary>
    [Fact]
    public void DeletedPodAndNewDaemonSetAtOneInstant_TheSameDaemonSetGetsTheLastPodSlot()
    {
        var scenario = new Scenario(
            1309538786,
            EquatableArray.Create(Node("n-003", "1")),
            EquatableArray.Create(DaemonSet("kube-system", "ds-a")),
            EquatableArray.Create<ScenarioOp>(
                new Settle(),
                new DeleteDaemonPod(0, 0),
                new CreateDaemonSet(DaemonSet("kube-system", "ds-d"))));

        EquivalenceRunner.ShouldAgree(scenario);
    }

    /// <summary>
    /// The same order with room to spare: default/ds-a runs on n-001; node add-02 is added and default/ds-b created at the same
    /// instant. The modes create ds-a's and ds-b's pods in opposite orders, so the pods draw each other's kubelet start latencies
    /// (and names): two seconds later different pods are Running.
    /// </summary>
    [Fact]
    public void NewNodeAndNewDaemonSetAtOneInstant_TheSamePodsStartFirst()
    {
        var scenario = new Scenario(
            7,
            EquatableArray.Create(Node("n-001", "110")),
            EquatableArray.Create(DaemonSet("default", "ds-a")),
            EquatableArray.Create<ScenarioOp>(
                new Settle(),
                new CreateDaemonSet(DaemonSet("default", "ds-b")),
                new AddNode(Node("add-02", "110")),
                new AdvanceTime(2)));

        EquivalenceRunner.ShouldAgree(scenario);
    }
}
