using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Tests.Support;
using static Simulator.Tests.Scheduling.ClusterBuilder;

namespace Simulator.Tests.Scheduling;

// End-to-end behaviour of kube-scheduler's scheduling cycle: filters in order, the FitError message (schedule_one.go,
// framework FitError.Error), DefaultPreemption's PostFilter message, and scoring.
public class SchedulerTests
{
    [Fact]
    public void Schedule_PinnedPodOnFullNode_ExactFailedSchedulingMessage()
    {
        var sim = Fixtures.Cluster(3);
        sim.Bind("hog", "node-1", memory: "15Gi");

        var decision = Scheduler.Schedule(sim.State, Incoming(memory: "2Gi").PinnedTo("node-1"));

        decision.IsScheduled.ShouldBeFalse();
        decision.Message.ShouldBe(
            "0/3 nodes are available: 1 Insufficient memory, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
            "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
        decision.FailedNodes.Keys.ShouldBe(["node-1"]);
        decision.NominatedNodeName.ShouldBeNull();
        decision.Victims.ShouldBeEmpty();
    }

    [Fact]
    public void Schedule_PinnedPodFits_BindsToThatNodeOnly()
    {
        var sim = Fixtures.Cluster(3);

        Scheduler.Schedule(sim.State, Incoming(cpu: "1").PinnedTo("node-3")).NodeName.ShouldBe("node-3");
    }

    [Fact]
    public void Schedule_PinnedToMissingNode_AllNodesExcludedByNodeAffinity()
    {
        var sim = Fixtures.Cluster(2);

        var decision = Scheduler.Schedule(sim.State, Incoming().PinnedTo("gone"));

        decision.Message.ShouldBe(
            "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
            "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    }

    [Fact]
    public void Schedule_MixedReasons_EachNodeReportsItsFirstFailingFilter()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("a", taints: new Taint("dedicated", "gpu", TaintEffect.NoSchedule)));
        sim.CreateNode(Fixtures.Node("b"));
        sim.Cordon("b");
        sim.CreateNode(Fixtures.Node("c", cpu: "1"));
        sim.CreateNode(Fixtures.Node("d", cpu: "1"));
        sim.Bind("web", "d", cpu: "500m");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "2"));

        // Node c cannot hold 2 cpu even when empty (unresolvable); node d is only short of free cpu.
        decision.Message.ShouldBe(
            "0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 2 Insufficient cpu. " +
            "preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.");
        decision.FailedNodes["a"].Code.ShouldBe(FilterCode.UnschedulableAndUnresolvable);
        decision.FailedNodes["d"].Code.ShouldBe(FilterCode.UnschedulableAndUnresolvable);
    }

    [Fact]
    public void Schedule_TaintedAndCordoned_CordonIsCheckedFirst()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("a", taints: new Taint("k", "v", TaintEffect.NoSchedule)));
        sim.Cordon("a");

        Scheduler.Schedule(sim.State, Incoming()).FailedNodes["a"].Reasons.ToArray().ShouldBe(["node(s) were unschedulable"]);
    }

    [Fact]
    public void Schedule_ReasonHistogram_SortedAsStringsNotByCount()
    {
        // FitError.Error sorts the "<count> <reason>" strings, so "10 ..." sorts before "2 ...".
        var sim = Fixtures.Cluster(0);
        for (var i = 0; i < 10; i++)
        {
            sim.CreateNode(Fixtures.Node($"small-{i:00}", cpu: "1"));
        }

        sim.CreateNode(Fixtures.Node("tainted-1", taints: new Taint("a", "b", TaintEffect.NoSchedule)));
        sim.CreateNode(Fixtures.Node("tainted-2", taints: new Taint("a", "b", TaintEffect.NoExecute)));

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "2", preemptionPolicy: PreemptionPolicy.Never));

        decision.Message.ShouldBe(
            "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) had untolerated taint {a: b}. preemption: not eligible due to preemptionPolicy=Never.");
    }

    [Fact]
    public void Histogram_Reasons_FormattedAndSortedOrdinally()
    {
        var histogram = new Dictionary<string, int>
        {
            ["node(s) were unschedulable"] = 2,
            ["Insufficient memory"] = 1,
            ["Insufficient cpu"] = 1,
            ["Too many pods"] = 12,
        };

        Scheduler.Histogram(histogram).ShouldBe("1 Insufficient cpu, 1 Insufficient memory, 12 Too many pods, 2 node(s) were unschedulable");
    }

    [Fact]
    public void Schedule_IdenticalNodes_TieGoesToFirstNameInOrdinalOrder()
    {
        var sim = Fixtures.Cluster(0);
        foreach (var name in new[] { "node-b", "node-c", "node-a", "node.a" })
        {
            sim.CreateNode(Fixtures.Node(name));
        }

        // Kubernetes picks among tied nodes at random; the simulator takes the ordinal first ('-' sorts before '.').
        Scheduler.Schedule(sim.State, Incoming(cpu: "1")).NodeName.ShouldBe("node-a");
        Scheduler.Schedule(sim.State, Incoming(cpu: "1")).NodeName.ShouldBe("node-a");
    }

    [Fact]
    public void Schedule_NumericNames_TieBreakIsOrdinalNotNatural()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-2"));
        sim.CreateNode(Fixtures.Node("node-10"));

        Scheduler.Schedule(sim.State, Incoming()).NodeName.ShouldBe("node-10");
    }

    [Fact]
    public void Schedule_LeastAllocated_PicksTheEmptierNode()
    {
        var sim = Fixtures.Cluster(3);
        sim.Bind("a", "node-1", cpu: "2", memory: "8Gi");
        sim.Bind("b", "node-2", cpu: "1", memory: "4Gi");

        Scheduler.Schedule(sim.State, Incoming(cpu: "500m", memory: "1Gi")).NodeName.ShouldBe("node-3");
    }

    [Fact]
    public void Schedule_BalancedAllocation_PrefersEvenUse()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-a", cpu: "4", memory: "8Gi"));
        sim.CreateNode(Fixtures.Node("node-b", cpu: "4", memory: "8Gi"));
        sim.Bind("cpu-heavy", "node-a", cpu: "2", memory: "1Mi");
        sim.Bind("even", "node-b", cpu: "1", memory: "2Gi");
        var balancedOnly = new SchedulerProfile
        {
            Filters = SchedulerProfile.Default.Filters,
            Scores = [new WeightedScoreRule(new Simulator.Scheduling.Rules.NodeResourcesBalancedAllocation(), 1)],
        };

        // node-a ends at cpu 3/4 and memory ~2/8; node-b at 2/4 and 4/8.
        Scheduler.Schedule(sim.State, Incoming(cpu: "1", memory: "2Gi"), balancedOnly).NodeName.ShouldBe("node-b");
        Scheduler.Schedule(sim.State, Incoming(cpu: "1", memory: "2Gi")).NodeName.ShouldBe("node-b");
    }

    [Fact]
    public void Schedule_PreferNoScheduleTaint_AvoidsTheNodeWhenAnotherFits()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-1", taints: new Taint("spot", "true", TaintEffect.PreferNoSchedule)));
        sim.CreateNode(Fixtures.Node("node-2"));

        Scheduler.Schedule(sim.State, Incoming()).NodeName.ShouldBe("node-2");
    }

    [Fact]
    public void Schedule_OnlyPreferNoScheduleNodes_StillSchedules()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-1", taints: new Taint("spot", "true", TaintEffect.PreferNoSchedule)));

        Scheduler.Schedule(sim.State, Incoming()).NodeName.ShouldBe("node-1");
    }

    [Fact]
    public void Schedule_PreferredAffinity_WinsOverNameOrder()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-1"));
        sim.CreateNode(Fixtures.Node("node-2", labels: StringMap.Of("disk", "ssd")));
        var pod = Incoming() with
        {
            Spec = Incoming().Spec with
            {
                Affinity = new Affinity
                {
                    NodeAffinity = new NodeAffinity
                    {
                        Preferred = EquatableArray.Create(new PreferredSchedulingTerm(1, new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("disk", SelectorOperator.In, "ssd")) })),
                    },
                },
            },
        };

        Scheduler.Schedule(sim.State, pod).NodeName.ShouldBe("node-2");
    }

    [Fact]
    public void Schedule_NodeSelector_FiltersWithAffinityReason()
    {
        var sim = Fixtures.Cluster(2);
        var pod = Incoming() with { Spec = Incoming().Spec with { NodeSelector = StringMap.Of("disk", "ssd") } };

        Scheduler.Schedule(sim.State, pod).Message.ShouldBe(
            "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. " +
            "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    }

    [Fact]
    public void Schedule_HostPortTaken_ReportsPortsAndTriesPreemption()
    {
        var sim = Fixtures.Cluster(1);
        sim.Bind("dns", "node-1", ports: new ContainerPort(53, 53, PortProtocol.Udp));

        Scheduler.Schedule(sim.State, Incoming(ports: new ContainerPort(53, 53, PortProtocol.Tcp))).NodeName.ShouldBe("node-1");
        Scheduler.Schedule(sim.State, Incoming(ports: new ContainerPort(53, 53, PortProtocol.Udp))).Message.ShouldBe(
            "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. " +
            "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
    }

    [Fact]
    public void Schedule_NodeWithoutPodsAllocatable_TooManyPods()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(new Node
        {
            Metadata = new ObjectMeta { Name = "no-pods" },
            Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "4", "memory", "8Gi") },
        });

        Scheduler.Schedule(sim.State, Incoming()).Message.ShouldStartWith("0/1 nodes are available: 1 Too many pods.");
    }

    [Fact]
    public void Schedule_TerminalPodsOnNode_FreeTheirResources()
    {
        var sim = Fixtures.Cluster(1);
        var done = sim.Bind("batch", "node-1", cpu: "4");
        // No public API finishes a pod on demand; the kubelet model would, so write the terminal phase directly.
        sim.PutPod(done with { Status = done.Status with { Phase = PodPhase.Succeeded } });

        Scheduler.Schedule(sim.State, Incoming(cpu: "4")).NodeName.ShouldBe("node-1");
    }

    [Fact]
    public void Schedule_NoNodes_ZeroOfZero()
    {
        var decision = Scheduler.Schedule(Fixtures.Cluster(0).State, Incoming());

        decision.IsScheduled.ShouldBeFalse();
        decision.Message.ShouldStartWith("0/0 nodes are available: ");
    }

    [Fact]
    public void Simulation_UnschedulablePod_StaysPendingWithFailedSchedulingEvent()
    {
        var sim = Fixtures.Cluster(3);
        sim.CreatePod(Incoming(cpu: "8"));

        sim.RunUntilSettled(TimeSpan.FromMinutes(1));

        var pod = sim.State.GetPod("default", "incoming")!;
        pod.Status.Phase.ShouldBe(PodPhase.Pending);
        pod.Spec.NodeName.ShouldBe("");
        var failed = sim.Events.Where(e => e.Reason == "FailedScheduling" && e.InvolvedObject.Name == "incoming").ToList();
        failed.ShouldNotBeEmpty();
        failed[0].Type.ShouldBe("Warning");
        failed[0].Message.ShouldBe(
            "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    }
}
