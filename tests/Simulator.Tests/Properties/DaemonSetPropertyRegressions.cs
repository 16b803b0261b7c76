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

    private static Pod PlainPod(string name, string cpu, string priorityClassName = "", string nodeName = "") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            NodeName = nodeName,
            PriorityClassName = priorityClassName,
            Containers = EquatableArray.Create(new Container
            {
                Name = "c",
                Image = "app:1",
                Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", cpu) },
            }),
        },
    };

    /// <summary>
    /// Each node (4 cpu) runs a priority-0 pod v (2 cpu) and a priority −10 pod l (1 cpu); a priority-1000 pod n (3 cpu) preempts v,
    /// so n is nominated to the node while v terminates. Then a priority-0 pod p (1 cpu) arrives.
    /// </summary>
    private static Simulation NominatedNodes(int nodeCount)
    {
        var sim = NewSimulation(1);
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("low"), Value = -10 });
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("high"), Value = 1000 });
        for (var i = 1; i <= nodeCount; i++)
        {
            var node = "n-" + i;
            sim.CreateNode(new NodeShape(node, StringMap.Empty, default, false, "4", "16Gi", "110").ToNode());
            sim.CreatePod(PlainPod("v" + i, "2", nodeName: node));
            sim.CreatePod(PlainPod("l" + i, "1", "low", node));
        }

        sim.RunFor(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= nodeCount; i++)
        {
            sim.CreatePod(PlainPod("n" + i, "3", "high"));
            sim.RunFor(TimeSpan.FromSeconds(1));
            sim.State.GetPod("default", "n" + i)!.Status.NominatedNodeName.ShouldBe("n-" + i);
            sim.State.GetPod("default", "v" + i)!.IsTerminating.ShouldBeTrue();
        }

        return sim;
    }

    /// <summary>
    /// From a scratch run of the properties with few nodes, filler pods and priority classes (<c>DaemonSet_Settled_StatusEqualsReference</c>
    /// shape; the run crashed instead of settling). p's filter fails on n-1 only because the nominated n is counted (n ≥ p in priority),
    /// but victim selection re-runs the filters without nominated pods, so removing l "helps", re-adding l still fits, and a candidate
    /// with zero victims comes out. Kubernetes re-runs victim selection with <c>RunFilterPluginsWithNominatedPods</c> (removing l
    /// leaves v 2 + n 3 + p 1 > 4: no candidate) and <c>DryRunPreemption</c> never accepts a zero-victim candidate ("expected at
    /// least one victim pod on node"), §11.3. The simulator nominates p to n-1 with no victims.
    /// </summary>
    [Fact]
    public void Preemption_FailingOnlyBecauseOfANominatedPod_NominatesNothing()
    {
        var sim = NominatedNodes(1);

        sim.CreatePod(PlainPod("p", "1"));
        sim.RunFor(TimeSpan.FromSeconds(1));

        sim.State.GetPod("default", "p")!.Status.NominatedNodeName.ShouldBe("");
        sim.State.GetPod("default", "l1")!.IsTerminating.ShouldBeFalse();
    }

    /// <summary>
    /// Same cause with two such nodes: two zero-victim candidates are compared and <c>Candidate.HighestPriority</c> takes the
    /// maximum of an empty victim list, so the scheduler throws InvalidOperationException ("Sequence contains no elements") out of
    /// the simulation loop. Kubernetes finds no candidate on either node (§11.3) and leaves p Pending, unnominated.
    /// </summary>
    [Fact]
    public void Preemption_TwoNodesFailingOnlyBecauseOfNominatedPods_DoesNotThrow()
    {
        var sim = NominatedNodes(2);

        sim.CreatePod(PlainPod("p", "1"));
        Should.NotThrow(() => sim.RunFor(TimeSpan.FromSeconds(1)));

        sim.State.GetPod("default", "p")!.Status.NominatedNodeName.ShouldBe("");
        sim.State.GetPod("default", "l1")!.IsTerminating.ShouldBeFalse();
        sim.State.GetPod("default", "l2")!.IsTerminating.ShouldBeFalse();
    }

    /// <summary>
    /// From a scratch run of the properties with few nodes, filler pods and node re-adds (<c>DaemonSet_Settled_OnePodPerEligibleNode</c>
    /// shape; shrank to "did not settle"). A priority-0 pod f (1 cpu) preempts the priority −10 pod l1 on n-1 and is nominated there; while
    /// l1 terminates, a node add re-queues f, and f preempts l2 on n-2 as well and moves its nomination there. Kubernetes'
    /// <c>PodEligibleToPreemptOthers</c> refuses a second preemption while a lower-priority pod terminating by preemption is still on
    /// the nominated node ("not eligible due to a terminating pod on the nominated node."), so l2 is never touched and f stays
    /// nominated to n-1 (§11.3).
    /// </summary>
    [Fact]
    public void Preemption_WhileTheVictimTerminates_DoesNotPreemptAgainElsewhere()
    {
        var sim = NewSimulation(1);
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("low"), Value = -10 });
        sim.CreateNode(new NodeShape("n-1", StringMap.Empty, default, false, "1", "16Gi", "110").ToNode());
        sim.CreateNode(new NodeShape("n-2", StringMap.Empty, default, false, "1", "16Gi", "110").ToNode());
        sim.CreatePod(PlainPod("l1", "1", "low", "n-1"));
        sim.CreatePod(PlainPod("l2", "1", "low", "n-2"));
        sim.RunFor(TimeSpan.FromSeconds(10));

        sim.CreatePod(PlainPod("f", "1"));
        sim.RunFor(TimeSpan.FromSeconds(1));
        sim.State.GetPod("default", "f")!.Status.NominatedNodeName.ShouldBe("n-1");
        sim.State.GetPod("default", "l1")!.IsTerminating.ShouldBeTrue();

        sim.CreateNode(new NodeShape("n-3", StringMap.Empty, default, false, "500m", "16Gi", "110").ToNode());
        sim.RunFor(TimeSpan.FromSeconds(5));

        sim.State.GetPod("default", "l2")!.IsTerminating.ShouldBeFalse();
        sim.State.GetPod("default", "f")!.Status.NominatedNodeName.ShouldBe("n-1");
    }

    /// <summary>
    /// The same missing eligibility check with a surge DaemonSet as the victim turns into a livelock. Two 1-cpu nodes run a
    /// priority −10 surge DaemonSet (100m); a priority-0 pod f (1 cpu) preempts the daemon pod on n-1; the DaemonSet replaces it at
    /// once (a terminating pod does not block under surge, §12.2 step 5); a node add re-queues f, which preempts the daemon pod on
    /// n-2 and moves its nomination there, which lets the replacement bind on n-1; and so on every 30 s for ever. In Kubernetes f
    /// stays nominated to n-1 (§11.3, <c>PodEligibleToPreemptOthers</c>), binds there once its victim is gone, and the replacement
    /// daemon pod stays Pending: the cluster settles.
    /// </summary>
    [Fact]
    public void SurgeDaemonSet_PreemptedByAPod_SettlesWithThePreemptorBound()
    {
        var sim = NewSimulation(1);
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("low"), Value = -10 });
        sim.CreateNode(new NodeShape("n-1", StringMap.Empty, default, false, "1", "16Gi", "110").ToNode());
        sim.CreateNode(new NodeShape("n-2", StringMap.Empty, default, false, "1", "16Gi", "110").ToNode());
        var shape = new DaemonSetShape("ds", "default", "agent:v1", StringMap.Empty, null, default, "100m", null, StrategyKind.Surge, 0, false, "low");
        sim.CreateDaemonSet(shape.ToDaemonSet());
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        sim.CreatePod(PlainPod("f", "1"));
        sim.RunFor(TimeSpan.FromSeconds(1));
        sim.CreateNode(new NodeShape("n-3", StringMap.Empty, default, false, "500m", "16Gi", "110").ToNode());

        sim.RunUntilSettled(TimeSpan.FromHours(1)).Settled.ShouldBeTrue();
        sim.State.GetPod("default", "f")!.Spec.NodeName.ShouldNotBeEmpty();
        Invariants.NeverOverAllocatable(sim.State).ShouldBeEmpty();
    }
}
