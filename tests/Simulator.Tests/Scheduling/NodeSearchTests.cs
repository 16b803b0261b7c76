using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Tests.Support;
using static Simulator.Tests.Scheduling.ClusterBuilder;

namespace Simulator.Tests.Scheduling;

// kube-scheduler's node search (schedule_one.go): numFeasibleNodesToFind, the filter walk from nextStartNodeIndex that stops once
// enough nodes are feasible, and the start index moving on by the number of nodes processed.
public class NodeSearchTests
{
    // In a 300-node cluster the adaptive share is 50 - 300/125 = 48%, so the search stops after 300 * 48 / 100 = 144 feasible nodes.
    private const int ClusterSize = 300;
    private const int SearchSize = 144;

    /// <summary>
    /// A simulation with identical empty nodes <c>node-000</c>.. (name order is creation order and index order); the node at
    /// <paramref name="bigAt"/>, if any, has twice the cpu and memory, so it outscores every other node it is searched with.
    /// </summary>
    private static Simulation Nodes(int count = ClusterSize, int? bigAt = null)
    {
        var sim = Fixtures.Cluster(0);
        for (var i = 0; i < count; i++)
        {
            sim.CreateNode(i == bigAt ? Fixtures.Node(Name(i), cpu: "8", memory: "32Gi") : Fixtures.Node(Name(i)));
        }

        return sim;
    }

    private static string Name(int index) => $"node-{index:000}";

    [Theory]
    [InlineData(0, null, 0)]
    [InlineData(50, null, 50)]
    [InlineData(99, null, 99)]
    [InlineData(99, 10, 99)]
    [InlineData(100, null, 100)]
    [InlineData(200, null, 100)]
    [InlineData(300, null, 144)]
    [InlineData(1000, null, 420)]
    [InlineData(5000, null, 500)]
    [InlineData(6000, null, 300)]
    [InlineData(50000, null, 2500)]
    [InlineData(5000, 0, 500)]
    [InlineData(5000, 100, 5000)]
    [InlineData(5000, 30, 1500)]
    [InlineData(1000, 1, 100)]
    public void FeasibleNodesToFind_MatchesNumFeasibleNodesToFind(int nodes, int? percentage, int expected)
    {
        var profile = SchedulerProfile.Default with { PercentageOfNodesToScore = percentage };

        profile.FeasibleNodesToFind(nodes).ShouldBe(expected);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void PercentageOfNodesToScore_OutsideZeroToHundred_Throws(int percentage)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => SchedulerProfile.Default with { PercentageOfNodesToScore = percentage });

        error.Message.ShouldContain("not in valid range [0-100]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void PercentageOfNodesToScore_Bounds_Accepted(int percentage)
    {
        (SchedulerProfile.Default with { PercentageOfNodesToScore = percentage }).PercentageOfNodesToScore.ShouldBe(percentage);
    }

    [Fact]
    public void Schedule_IdenticalEmptyNodes_ExaminesFeasibleNodesToFindFromTheFirstAndPicksTheFirstName()
    {
        var sim = Nodes();
        SchedulerProfile.Default.FeasibleNodesToFind(ClusterSize).ShouldBe(SearchSize);

        var decision = Scheduler.Schedule(sim.State, Incoming());

        decision.NodeName.ShouldBe("node-000");
        decision.ProcessedNodes.ShouldBe(SearchSize);
        var fromZero = Scheduler.Schedule(sim.State, Incoming(), null, 0);
        (fromZero.NodeName, fromZero.ProcessedNodes).ShouldBe((decision.NodeName, decision.ProcessedNodes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(144)]
    [InlineData(156)] // the last start whose search ends exactly at the last node, without wrapping
    public void Schedule_StartIndex_PicksTheNodeAtThatPosition(int startIndex)
    {
        var sim = Nodes();

        var decision = Scheduler.Schedule(sim.State, Incoming(), null, startIndex);

        decision.NodeName.ShouldBe(Name(startIndex));
        decision.ProcessedNodes.ShouldBe(SearchSize);
    }

    [Theory]
    [InlineData(143, "node-143")] // the 144th node examined from index 0 is scored
    [InlineData(144, "node-000")] // the 145th is never looked at
    public void Schedule_FromIndexZero_SearchStopsAfterFeasibleNodesToFind(int bigAt, string expected)
    {
        var sim = Nodes(bigAt: bigAt);

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1"));

        decision.NodeName.ShouldBe(expected);
        decision.ProcessedNodes.ShouldBe(SearchSize);
    }

    [Theory]
    [InlineData(157, 0, "node-000")] // 157..299 then node-000: the search wraps round by one node
    [InlineData(290, 133, "node-133")] // 290..299 (10 nodes) then 0..133 (134 nodes)
    [InlineData(290, 134, "node-000")] // node-134 is one past the end of the wrapped search
    [InlineData(299, 142, "node-142")] // node-299 then 0..142
    public void Schedule_StartNearTheEnd_WrapsRoundToTheFirstNodes(int startIndex, int bigAt, string expected)
    {
        var sim = Nodes(bigAt: bigAt);

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1"), null, startIndex);

        decision.NodeName.ShouldBe(expected);
        decision.ProcessedNodes.ShouldBe(SearchSize);
    }

    [Fact]
    public void Schedule_FailingNodesOnTheWay_CountAsProcessedButNotTowardsTheFeasibleCount()
    {
        var sim = Nodes();
        for (var i = 0; i < 10; i++)
        {
            sim.Cordon(Name(i));
        }

        var decision = Scheduler.Schedule(sim.State, Incoming());

        // 10 cordoned nodes fail, then 144 feasible nodes (node-010..node-153) end the search.
        decision.NodeName.ShouldBe("node-010");
        decision.ProcessedNodes.ShouldBe(10 + SearchSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(123)]
    [InlineData(299)]
    public void Schedule_PodFitsNowhere_ExaminesEveryNode(int startIndex)
    {
        var sim = Nodes();

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "8"), null, startIndex);

        decision.IsScheduled.ShouldBeFalse();
        decision.ProcessedNodes.ShouldBe(ClusterSize);
        decision.FailedNodes.Count.ShouldBe(ClusterSize);
        decision.Message.ShouldBe(
            "0/300 nodes are available: 300 Insufficient cpu. preemption: 0/300 nodes are available: 300 Preemption is not helpful for scheduling.");
    }

    [Fact]
    public void Schedule_PreFilterNarrowsToOneNode_OnlyThatNodeIsProcessed()
    {
        var sim = Nodes();

        // Nodes excluded by NodeAffinity's pre-filter are not examined (kube-scheduler's NodeToStatus.Len() leaves them out).
        var decision = Scheduler.Schedule(sim.State, Incoming().PinnedTo("node-250"), null, 200);

        decision.NodeName.ShouldBe("node-250");
        decision.ProcessedNodes.ShouldBe(1);
    }

    [Fact]
    public void Schedule_SmallCluster_ExaminesEveryNode()
    {
        var sim = Fixtures.Cluster(3);

        var decision = Scheduler.Schedule(sim.State, Incoming(), null, 2);

        decision.NodeName.ShouldBe("node-1");
        decision.ProcessedNodes.ShouldBe(3);
    }

    [Fact]
    public void Schedule_PercentageOfNodesToScore100_ExaminesAndScoresEveryNode()
    {
        var sim = Nodes(bigAt: 299);
        var everyNode = SchedulerProfile.Default with { PercentageOfNodesToScore = 100 };

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "1"), everyNode, 0);

        decision.NodeName.ShouldBe("node-299");
        decision.ProcessedNodes.ShouldBe(ClusterSize);
        Scheduler.Schedule(sim.State, Incoming(cpu: "1")).NodeName.ShouldBe("node-000");
    }

    [Fact]
    public void Simulation_ConsecutivePods_StartWhereTheLastSearchStopped()
    {
        var sim = Nodes();

        var placed = new List<string>();
        foreach (var name in new[] { "web-1", "web-2", "web-3" })
        {
            sim.CreatePod(SchedulingFixtures.Pod(name));
            sim.RunUntilSettled(TimeSpan.FromMinutes(1));
            placed.Add(sim.State.GetPod("default", name)!.Spec.NodeName);
        }

        // web-1 searches 0..143 and takes node-000; web-2 searches 144..287 (all empty) and takes node-144; web-3 searches
        // 288..299 and 0..131, where node-000 already holds web-1 and scores lower, so the first empty name, node-001, wins.
        placed.ShouldBe(["node-000", "node-144", "node-001"]);
    }

    [Fact]
    public void Schedule_ProfileWithoutScores_TakesTheFirstFeasibleNodeFromTheStart()
    {
        // Since v1.30 kube-scheduler stops at the first feasible node when no score plugin could rank the others.
        var sim = Nodes();
        var unscored = SchedulerProfile.Default with { Scores = [] };

        var decision = Scheduler.Schedule(sim.State, Incoming(), unscored, 290);

        decision.NodeName.ShouldBe("node-290");
        decision.ProcessedNodes.ShouldBe(1);
    }

    [Fact]
    public void Schedule_NominatedNodeThatFits_IsChosenWithoutASearch()
    {
        // A pod preemption nominated to a node is tried there alone first (evaluateNominatedNode); the start index stays.
        var sim = Nodes(bigAt: 0);
        var nominated = Incoming() with { Status = new PodStatus { NominatedNodeName = "node-200" } };

        var decision = Scheduler.Schedule(sim.State, nominated, null, 0);

        decision.NodeName.ShouldBe("node-200");
        decision.ProcessedNodes.ShouldBe(0);
    }

    [Fact]
    public void Schedule_NominatedNodeThatNoLongerFits_SearchesAsUsual()
    {
        var sim = Nodes();
        sim.Cordon("node-200");
        var nominated = Incoming() with { Status = new PodStatus { NominatedNodeName = "node-200" } };

        var decision = Scheduler.Schedule(sim.State, nominated, null, 0);

        decision.NodeName.ShouldBe("node-000");
        decision.ProcessedNodes.ShouldBe(SearchSize);
    }

    [Fact]
    public void Schedule_NegativeStartIndex_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Scheduler.Schedule(Nodes(3).State, Incoming(), null, -1));
}
