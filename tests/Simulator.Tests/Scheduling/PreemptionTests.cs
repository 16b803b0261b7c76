using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Tests.Support;
using static Simulator.Tests.Scheduling.ClusterBuilder;

namespace Simulator.Tests.Scheduling;

// Cases follow pkg/scheduler/framework/plugins/defaultpreemption default_preemption_test.go (SelectVictimsOnNode,
// pickOneNodeForPreemption) and preemption.go (PodEligibleToPreemptOthers, the PostFilter message).
public class PreemptionTests
{
    private static Simulation Cluster(params string[] nodes)
    {
        var sim = Fixtures.Cluster(0);
        foreach (var node in nodes)
        {
            sim.CreateNode(Fixtures.Node(node, cpu: "4", memory: "16Gi"));
        }

        foreach (var value in new[] { 0, 1, 2, 3, 5, 10, 100, 1000 })
        {
            sim.Priority($"p{value}", value);
        }

        return sim;
    }

    [Theory]
    [InlineData("equal priority is never preempted", "p100", false)]
    [InlineData("higher priority is never preempted", "p1000", false)]
    [InlineData("strictly lower priority is preempted", "p10", true)]
    public void Evaluate_VictimPriority_OnlyStrictlyLower(string description, string victimClass, bool preempts)
    {
        var sim = Cluster("node-1");
        sim.Bind("running", "node-1", cpu: "4", priorityClass: victimClass);

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1", priority: 100));

        decision.IsScheduled.ShouldBeFalse(description);
        if (preempts)
        {
            decision.NominatedNodeName.ShouldBe("node-1");
            decision.Victims.Select(v => v.Name).ShouldBe(["running"]);
            decision.Message.ShouldBe("0/1 nodes are available: 1 Insufficient cpu.");
        }
        else
        {
            decision.NominatedNodeName.ShouldBeNull();
            decision.Message.ShouldBe("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
        }
    }

    [Fact]
    public void Evaluate_DefaultPriorityZero_CannotPreemptPriorityZero()
    {
        var sim = Cluster("node-1");
        sim.Bind("running", "node-1", cpu: "4");

        Scheduler.Schedule(sim.State, Incoming(cpu: "1")).Victims.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_SeveralLowerPods_ReprievesMostImportantFirst()
    {
        var sim = Cluster("node-1");
        sim.Bind("low-1", "node-1", cpu: "1", priorityClass: "p1");
        sim.Bind("low-2", "node-1", cpu: "1", priorityClass: "p2");
        sim.Bind("low-3", "node-1", cpu: "2", priorityClass: "p3");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1", priority: 100));

        decision.NominatedNodeName.ShouldBe("node-1");
        decision.Victims.Select(v => v.Name).ShouldBe(["low-1"]);
    }

    [Fact]
    public void Evaluate_NeedsMoreThanOneVictim_EvictsTheLeastImportant()
    {
        var sim = Cluster("node-1");
        sim.Bind("low-1", "node-1", cpu: "1", priorityClass: "p1");
        sim.Bind("low-2", "node-1", cpu: "1", priorityClass: "p2");
        sim.Bind("low-3", "node-1", cpu: "2", priorityClass: "p3");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "2", priority: 100));

        decision.Victims.Select(v => v.Name).ShouldBe(["low-1", "low-2"]);
    }

    [Fact]
    public void Evaluate_RemovingAllLowerPodsNotEnough_NodeReportsItsFilterReason()
    {
        var sim = Cluster("node-1");
        sim.Bind("high", "node-1", cpu: "3", priorityClass: "p100");
        sim.Bind("low", "node-1", cpu: "1", priorityClass: "p1");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "2", priority: 10));

        decision.Victims.ShouldBeEmpty();
        decision.Message.ShouldBe("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.");
    }

    [Fact]
    public void Evaluate_PreemptionPolicyNever_NotEligible()
    {
        var sim = Cluster("node-1");
        sim.Bind("low", "node-1", cpu: "4", priorityClass: "p1");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1", priority: 100, preemptionPolicy: PreemptionPolicy.Never));

        decision.Victims.ShouldBeEmpty();
        decision.NominatedNodeName.ShouldBeNull();
        decision.Message.ShouldBe("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.");
    }

    [Fact]
    public void Evaluate_UnresolvableReasons_PreemptionNotHelpful()
    {
        var sim = Cluster("node-1", "node-2");
        sim.Bind("low", "node-1", cpu: "4", priorityClass: "p1");
        sim.Cordon("node-2");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "5", priority: 100));

        decision.Victims.ShouldBeEmpty();
        decision.Message.ShouldBe(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    }

    [Fact]
    public void Evaluate_TwoCandidates_PicksLowestHighestVictimPriority()
    {
        var sim = Cluster("node-a", "node-b");
        sim.Bind("a", "node-a", cpu: "4", priorityClass: "p5");
        sim.Bind("b", "node-b", cpu: "4", priorityClass: "p1");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1", priority: 100));

        decision.NominatedNodeName.ShouldBe("node-b");
        decision.Victims.Select(v => v.Name).ShouldBe(["b"]);
    }

    [Fact]
    public void Evaluate_SameHighestPriority_SumCountsEveryVictimAsPriorityPlus2Pow31()
    {
        // node-a: victims 10 and 1 -> 11 + 2*2^31; node-b: victims 10, 0, 0 -> 10 + 3*2^31. A plain sum would pick node-b.
        var sim = Cluster("node-a", "node-b");
        sim.Bind("a-10", "node-a", cpu: "2", priorityClass: "p10");
        sim.Bind("a-1", "node-a", cpu: "2", priorityClass: "p1");
        sim.Bind("b-10", "node-b", cpu: "2", priorityClass: "p10");
        sim.Bind("b-0a", "node-b", cpu: "1", priorityClass: "p0");
        sim.Bind("b-0b", "node-b", cpu: "1", priorityClass: "p0");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "4", priority: 100));

        decision.NominatedNodeName.ShouldBe("node-a");
        decision.Victims.Select(v => v.Name).ShouldBe(["a-1", "a-10"]);
    }

    [Fact]
    public void Evaluate_SameHighestPriorityLowerSum_PicksLowerSum()
    {
        var sim = Cluster("node-a", "node-b");
        sim.Bind("a-5", "node-a", cpu: "2", priorityClass: "p5");
        sim.Bind("a-3", "node-a", cpu: "2", priorityClass: "p3");
        sim.Bind("b-5", "node-b", cpu: "2", priorityClass: "p5");
        sim.Bind("b-1", "node-b", cpu: "2", priorityClass: "p1");

        Scheduler.Schedule(sim.State, Incoming(cpu: "4", priority: 100)).NominatedNodeName.ShouldBe("node-b");
    }

    [Fact]
    public void Evaluate_IdenticalCandidates_TieGoesToFirstName()
    {
        var sim = Cluster("node-b", "node-a");
        sim.Bind("a", "node-a", cpu: "4", priorityClass: "p1");
        sim.Bind("b", "node-b", cpu: "4", priorityClass: "p1");

        Scheduler.Schedule(sim.State, Incoming(cpu: "1", priority: 100)).NominatedNodeName.ShouldBe("node-a");
    }

    [Fact]
    public void Evaluate_PinnedPod_OnlyTheTargetNodeIsACandidate()
    {
        var sim = Cluster("node-1", "node-2");
        sim.Bind("a", "node-1", cpu: "4", priorityClass: "p5");
        sim.Bind("b", "node-2", cpu: "4", priorityClass: "p1");

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1", priority: 100).PinnedTo("node-1"));

        decision.NominatedNodeName.ShouldBe("node-1");
        decision.Victims.Select(v => v.Name).ShouldBe(["a"]);
    }

    [Fact]
    public void Evaluate_HostPortHeldByLowerPriorityPod_PreemptsIt()
    {
        var sim = Cluster("node-1");
        sim.Bind("old-agent", "node-1", priorityClass: "p1", ports: new ContainerPort(9100, 9100));
        sim.Bind("bystander", "node-1", priorityClass: "p1");

        var decision = Scheduler.Schedule(sim.State, Incoming(priority: 100, ports: new ContainerPort(9100, 9100)));

        decision.Victims.Select(v => v.Name).ShouldBe(["old-agent"]);
    }
}
