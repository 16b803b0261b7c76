using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>Failures FsCheck found and shrank, frozen as plain facts (see the property named in each summary).</summary>
public sealed class DaemonSetPropertyRegressions
{
    private static Simulation NewSimulation(ulong seed) =>
        new(new SimulationOptions { Seed = seed, Kubelet = new KubeletOptions { RecordEvents = false } });

    private static Node PlainNode(string name) => new NodeShape(name, StringMap.Empty, default, false, "8", "16Gi", "110").ToNode();

    /// <summary>
    /// From <c>DaemonSet_Settled_OnePodPerEligibleNode</c> (seed 1548560897, shrunk from 504 nodes / 20 ops): a surge update with
    /// minReadySeconds creates the new pod, but nothing wakes the controller when that pod becomes available, so the old pod is
    /// never deleted and the node keeps two Running pods for ever (§12.2 step 5, §13.2 "new available → delete the old pod",
    /// §13.3 "re-queues itself minReadySeconds after a pod turns ready").
    /// </summary>
    [Fact]
    public void SurgeUpdate_WithMinReadySeconds_DeletesOldPodOnceNewPodIsAvailable()
    {
        var sim = NewSimulation(1548560897);
        sim.CreateNode(PlainNode("n-223"));
        var shape = new DaemonSetShape("ds-c", "default", "agent:v2", StringMap.Empty, null, default, null, null, StrategyKind.RollingUpdate, 0, false, "");
        sim.CreateDaemonSet(shape.ToDaemonSet());
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var stored = sim.State.GetDaemonSet("default", "ds-c")!;
        sim.UpdateDaemonSet((shape with { Image = "agent:v1", Strategy = StrategyKind.Surge, MinReadySeconds = 5 }).ApplyTo(stored));
        sim.RunUntilSettled().Settled.ShouldBeTrue();
        sim.RunFor(ScenarioRunner.QuietWindow);

        Invariants.OnePodPerEligibleNode(sim.State).ShouldBeEmpty();
        Invariants.StatusDifferences(sim.State).ShouldBeEmpty();
    }

    /// <summary>
    /// From <c>Nodes_Settled_NeverOverAllocatable</c> / <c>DaemonSet_Settled_StatusEqualsReference</c> (seed 1843514806, shrunk
    /// from 500+ nodes; both shrank to "did not settle"): a system-node-critical DaemonSet pod that needs the whole node preempts
    /// a priority-0 surge DaemonSet's pod; that DaemonSet at once creates a replacement (a terminating pod does not block under
    /// surge, §12.2 step 5) and the scheduler binds the replacement to the node the preemptor is nominated for, ignoring the
    /// nomination. The preemptor preempts again every 30 s, for ever: the cluster never settles and the critical pod never binds.
    /// </summary>
    [Fact]
    public void Preemption_ByNodeCriticalDaemonPod_SettlesWithThePreemptorBound()
    {
        var sim = NewSimulation(1843514806);
        sim.CreateNode(new NodeShape("n-198", StringMap.Empty, default, false, "1", "16Gi", "110").ToNode());
        var surge = new DaemonSetShape("ds-c", "default", "agent:v3", StringMap.Empty, null, default, "100m", null, StrategyKind.Surge, 0, false, "");
        var plain = new DaemonSetShape("ds-d", "default", "agent:v1", StringMap.Empty, null, default, null, null, StrategyKind.RollingUpdate, 0, false, "");
        sim.CreateDaemonSet(surge.ToDaemonSet());
        sim.CreateDaemonSet(plain.ToDaemonSet());
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var critical = plain with { Image = "agent:v2", Cpu = "1", PriorityClassName = PriorityClass.SystemNodeCritical.Name };
        sim.UpdateDaemonSet(critical.ApplyTo(sim.State.GetDaemonSet("default", "ds-d")!));

        sim.RunUntilSettled(TimeSpan.FromHours(1)).Settled.ShouldBeTrue();
        sim.State.Pods.Values.Where(p => p.Name.StartsWith("ds-d-", StringComparison.Ordinal)).ShouldAllBe(p => p.Spec.NodeName == "n-198");
    }

    /// <summary>
    /// From <c>DaemonSet_Settled_StatusEqualsReference</c> (seed 1876947522, shrunk from 500+ nodes / 4 DaemonSets): a DaemonSet
    /// deleted with orphan propagation and re-created under the same name adopts its old pod, deletes it (the new nodeSelector
    /// excludes the node, §12.2 case C), but the status keeps counting the vanished pod: numberMisscheduled stays 1 for ever
    /// (§16 counts only pods that exist).
    /// </summary>
    [Fact]
    public void RecreatedDaemonSet_AfterOrphanDelete_StatusForgetsDeletedAdoptedPod()
    {
        var sim = NewSimulation(1876947522);
        sim.CreateNode(PlainNode("n-007"));
        var shape = new DaemonSetShape("ds-e", "kube-system", "agent:v3", StringMap.Empty, null, default, null, null, StrategyKind.RollingUpdate, 0, false, "");
        sim.CreateDaemonSet(shape.ToDaemonSet());
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        sim.DeleteDaemonSet("kube-system", "ds-e", DeletionPropagation.Orphan);
        sim.CreateDaemonSet((shape with { Image = "agent:v1", NodeSelector = StringMap.Of("disk", "hdd") }).ToDaemonSet());
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        sim.State.Pods.ShouldBeEmpty();
        sim.State.GetDaemonSet("kube-system", "ds-e")!.Status.NumberMisscheduled.ShouldBe(0);
        Invariants.StatusDifferences(sim.State).ShouldBeEmpty();
    }
}
