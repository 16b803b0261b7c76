using FsCheck.Xunit;
using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>
/// Invariants of a settled cluster, each judged against <see cref="ReferenceModel"/>; every method returns the violations
/// (empty when the invariant holds) so that properties and frozen regressions share them.
/// </summary>
public static class Invariants
{
    public static List<string> OnePodPerEligibleNode(ClusterState state)
    {
        var errors = new List<string>();
        foreach (var ds in state.DaemonSets.Values.Where(d => d.Metadata.DeletionTimestamp is null))
        {
            var podsByNode = ReferenceModel.DaemonPodsByNode(state, ds);
            foreach (var node in state.Nodes.Values)
            {
                if (!ReferenceModel.Verdict(node, ds).ShouldRun)
                {
                    continue;
                }

                var live = (podsByNode.TryGetValue(node.Name, out var pods) ? pods : []).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
                if (live.Count != 1 && !IsStuckSurge(state, ds, live))
                {
                    errors.Add($"{ds.Key} should run on {node.Name} and has {live.Count} non-terminating pods [{string.Join(", ", live.Select(p => p.Name + "/" + p.Status.Phase))}]");
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// §12.2 step 5 and §13.2 with surge: an old Ready pod and a new pod that is not yet available may both stay (the new one may
    /// never become available, e.g. when it does not fit next to the old one); once the new pod is available the old one must go.
    /// </summary>
    public static bool IsStuckSurge(ClusterState state, DaemonSet ds, List<Pod> live)
    {
        if (live.Count != 2 || !ReferenceModel.AllowsSurge(ds))
        {
            return false;
        }

        var fresh = live.Where(p => ReferenceModel.IsUpdated(p, ds)).ToList();
        var old = live.Where(p => !ReferenceModel.IsUpdated(p, ds)).ToList();
        return fresh.Count == 1 && old.Count == 1 && ReferenceModel.IsReady(old[0]) && !ReferenceModel.IsAvailable(fresh[0], ds.Spec.MinReadySeconds, state.Now);
    }

    public static List<string> NoPodWhereItMayNotContinue(ClusterState state)
    {
        var errors = new List<string>();
        var liveUids = state.DaemonSets.Values.Select(d => d.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var pod in state.Pods.Values)
        {
            if (pod.Metadata.ControllerRef is { Kind: "DaemonSet" } owner && !liveUids.Contains(owner.Uid))
            {
                errors.Add($"pod {pod.Key} of deleted DaemonSet {owner.Name} ({owner.Uid}) remains");
            }
        }

        foreach (var ds in state.DaemonSets.Values.Where(d => d.Metadata.DeletionTimestamp is null))
        {
            foreach (var (nodeName, pods) in ReferenceModel.DaemonPodsByNode(state, ds))
            {
                var node = state.GetNode(nodeName);
                var verdict = node is null ? default : ReferenceModel.Verdict(node, ds);
                foreach (var pod in pods.Where(p => p.Metadata.DeletionTimestamp is null && !verdict.ShouldContinueRunning))
                {
                    errors.Add($"{ds.Key} pod {pod.Name} targets {nodeName}, where it may not continue running ({(node is null ? "node gone" : "shouldContinueRunning=false")})");
                }
            }
        }

        return errors;
    }

    public static List<string> NeverOverAllocatable(ClusterState state)
    {
        var errors = new List<string>();
        foreach (var node in state.Nodes.Values)
        {
            var bound = state.Pods.Values.Where(p => p.Spec.NodeName == node.Name && p.Status.Phase is not ("Succeeded" or "Failed")).ToList();
            long cpu = 0, memory = 0;
            foreach (var pod in bound)
            {
                var (c, m) = ReferenceModel.Requests(pod.Spec);
                cpu += c;
                memory += m;
            }

            var allocatable = node.Status.Allocatable;
            var cpuCap = allocatable.TryGetValue("cpu", out var qc) ? qc.MilliValue : 0;
            var memCap = allocatable.TryGetValue("memory", out var qm) ? qm.Value : 0;
            var podsCap = allocatable.TryGetValue("pods", out var qp) ? qp.Value : 0;
            if (cpu > cpuCap || memory > memCap || bound.Count > podsCap)
            {
                errors.Add($"node {node.Name}: {bound.Count} pods using cpu {cpu}m memory {memory} > allocatable pods {podsCap} cpu {cpuCap}m memory {memCap} [{string.Join(", ", bound.Select(p => p.Key))}]");
            }
        }

        return errors;
    }

    public static List<string> StatusDifferences(ClusterState state)
    {
        var errors = new List<string>();
        foreach (var ds in state.DaemonSets.Values.Where(d => d.Metadata.DeletionTimestamp is null))
        {
            var expected = ReferenceModel.ExpectedStatus(state, ds);
            if (expected != ds.Status)
            {
                errors.Add($"{ds.Key}: status {ds.Status} but the reference computes {expected}");
            }
        }

        return errors;
    }
}

/// <summary>
/// Watches a run at every op boundary: a DaemonSet pod seen for the first time was created since the previous boundary, while the
/// nodes and DaemonSets were as they are now, so its node must have been one where the DaemonSet should run (misscheduled pods
/// are only allowed when they were already there before the node or DaemonSet changed).
/// </summary>
public sealed class CreationWatcher
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public List<string> Violations { get; } = [];

    public void Observe(Simulation sim)
    {
        var state = sim.State;
        var byUid = state.DaemonSets.Values.ToDictionary(d => d.Metadata.Uid, StringComparer.Ordinal);
        foreach (var pod in state.Pods.Values)
        {
            if (!_seen.Add(pod.Metadata.Uid))
            {
                continue;
            }

            if (pod.Metadata.ControllerRef is not { Kind: "DaemonSet" } owner || !byUid.TryGetValue(owner.Uid, out var ds))
            {
                continue;
            }

            var target = ReferenceModel.TargetNode(pod);
            var node = target is null ? null : state.GetNode(target);
            if (node is null || !ReferenceModel.Verdict(node, ds).ShouldRun)
            {
                Violations.Add($"at {sim.Now}: {ds.Key} pod {pod.Name} (created {pod.Metadata.CreationTimestamp}) targets {target ?? "<none>"}, where the DaemonSet should not run{(node is null ? " (node gone)" : "")}");
            }
        }
    }
}

/// <summary>Random clusters of 500+ nodes, random DaemonSets and random operations, checked after every settle.</summary>
public sealed class DaemonSetProperties
{
    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 100)]
    public void DaemonSet_Settled_OnePodPerEligibleNode(Scenario scenario) =>
        ScenarioRunner.Run(scenario, atSettled: sim => Invariants.OnePodPerEligibleNode(sim.State).ShouldBeEmpty());

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 100)]
    public void DaemonSet_Settled_NoPodWhereItMayNotContinue(Scenario scenario)
    {
        var watcher = new CreationWatcher();
        ScenarioRunner.Run(scenario, atBoundary: watcher.Observe, atSettled: sim =>
        {
            watcher.Observe(sim);
            watcher.Violations.ShouldBeEmpty();
            Invariants.NoPodWhereItMayNotContinue(sim.State).ShouldBeEmpty();
        });
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 100)]
    public void Nodes_Settled_NeverOverAllocatable(Scenario scenario) =>
        ScenarioRunner.Run(scenario, atSettled: sim => Invariants.NeverOverAllocatable(sim.State).ShouldBeEmpty());

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 100)]
    public void DaemonSet_Settled_StatusEqualsReference(Scenario scenario) =>
        ScenarioRunner.Run(scenario, atSettled: sim => Invariants.StatusDifferences(sim.State).ShouldBeEmpty());

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 15)]
    public void Simulation_SameSeed_SameEventLog(Scenario scenario)
    {
        var first = ScenarioRunner.Run(scenario, recordEvents: true);
        var second = ScenarioRunner.Run(scenario, recordEvents: true);

        second.Events.Select(e => e.ToString()).ShouldBe(first.Events.Select(e => e.ToString()));
        second.Now.ShouldBe(first.Now);
        second.State.Nodes.ShouldBe(first.State.Nodes);
        second.State.Pods.ShouldBe(first.State.Pods);
        second.State.DaemonSets.ShouldBe(first.State.DaemonSets);
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 3000)]
    public void Predicates_AgreeWithReference(NodeDaemonSetPair pair)
    {
        var expected = ReferenceModel.Verdict(pair.Node, pair.DaemonSet);
        var actual = DaemonSetPredicates.NodeShouldRunDaemonPod(pair.Node, pair.DaemonSet);

        DaemonSetPredicates.DaemonPodTolerations(pair.DaemonSet.Spec.Template.Spec).Items
            .ShouldBe(ReferenceModel.DaemonPodTolerations(pair.DaemonSet.Spec.Template.Spec));
        new ReferenceVerdict(actual.ShouldRun, actual.ShouldContinueRunning).ShouldBe(expected);
    }
}
