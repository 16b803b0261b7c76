using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Tests.Support;
using static Simulator.Tests.Scheduling.ClusterBuilder;

namespace Simulator.Tests.Scheduling;

public class SchedulerProfileTests
{
    private sealed class RejectLabelled(string label) : IFilterRule
    {
        public string Name => "RejectLabelled";

        public FilterResult Filter(PodSchedulingContext pod, NodeInfo node) =>
            node.Node.Labels.ContainsKey(label) ? FilterResult.Unresolvable($"node(s) had label {label}") : FilterResult.Success;
    }

    private sealed class PreferNamed(string nodeName) : IScoreRule
    {
        public string Name => "PreferNamed";

        public long Score(PodSchedulingContext pod, NodeInfo node) => node.Node.Name == nodeName ? 1 : 0;

        public void Normalize(PodSchedulingContext pod, Span<long> scores) => ScoreNormalization.Default(scores, reverse: false);
    }

    private sealed class NotARule : ISchedulerRule
    {
        public string Name => "Nothing";
    }

    [Fact]
    public void Default_Rules_InKubernetesOrderAndWeights()
    {
        var profile = SchedulerProfile.Default;

        profile.Name.ShouldBe("default-scheduler");
        profile.PreFilters.Select(r => r.Name).ShouldBe(["NodeAffinity"]);
        profile.Filters.Select(r => r.Name).ShouldBe(["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit"]);
        profile.Scores.Select(s => (s.Rule.Name, s.Weight)).ShouldBe(
            [("TaintToleration", 3), ("NodeAffinity", 2), ("NodeResourcesFit", 1), ("NodeResourcesBalancedAllocation", 1)]);
    }

    [Fact]
    public void Without_NodePorts_PortConflictNoLongerBlocks()
    {
        var sim = Fixtures.Cluster(1);
        sim.Bind("dns", "node-1", ports: new ContainerPort(53, 53));
        var pod = Incoming(ports: new ContainerPort(53, 53));

        Scheduler.Schedule(sim.State, pod).IsScheduled.ShouldBeFalse();
        Scheduler.Schedule(sim.State, pod, SchedulerProfile.Default.Without("NodePorts")).NodeName.ShouldBe("node-1");
    }

    [Fact]
    public void Without_NodeAffinity_RemovedFromEveryExtensionPoint()
    {
        var profile = SchedulerProfile.Default.Without("NodeAffinity");

        profile.PreFilters.ShouldBeEmpty();
        profile.Filters.Select(r => r.Name).ShouldNotContain("NodeAffinity");
        profile.Scores.Select(s => s.Rule.Name).ShouldNotContain("NodeAffinity");
        SchedulerProfile.Default.Filters.Length.ShouldBe(6);
    }

    [Fact]
    public void Without_UnknownRule_Throws()
    {
        Should.Throw<ArgumentException>(() => SchedulerProfile.Default.Without("VolumeBinding")).ParamName.ShouldBe("ruleName");
    }

    [Fact]
    public void WithWeight_ScoreRule_ChangesOnlyThatWeight()
    {
        var profile = SchedulerProfile.Default.WithWeight("NodeResourcesFit", 5);

        profile.Scores.Select(s => (s.Rule.Name, s.Weight)).ShouldBe(
            [("TaintToleration", 3), ("NodeAffinity", 2), ("NodeResourcesFit", 5), ("NodeResourcesBalancedAllocation", 1)]);
        SchedulerProfile.Default.Scores[2].Weight.ShouldBe(1);
    }

    [Theory]
    [InlineData("a zero weight", "NodeResourcesFit", 0)]
    [InlineData("a negative weight", "NodeResourcesFit", -1)]
    public void WithWeight_WeightBelowOne_Throws(string description, string rule, int weight)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SchedulerProfile.Default.WithWeight(rule, weight), description);
    }

    [Fact]
    public void WithWeight_FilterOnlyRule_Throws()
    {
        Should.Throw<ArgumentException>(() => SchedulerProfile.Default.WithWeight("NodePorts", 2));
    }

    [Fact]
    public void WithWeight_HeavierBalance_CanOutweighLeastAllocated()
    {
        // node-a: emptier but lopsided after placement; node-b: busier but even.
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-a", cpu: "8", memory: "8Gi"));
        sim.CreateNode(Fixtures.Node("node-b", cpu: "4", memory: "8Gi"));
        sim.Bind("even", "node-b", cpu: "1", memory: "2Gi");
        var pod = Incoming(cpu: "1", memory: "2Gi");

        var leastAllocatedHeavy = SchedulerProfile.Default.WithWeight("NodeResourcesFit", 100);
        var balanceHeavy = SchedulerProfile.Default.WithWeight("NodeResourcesBalancedAllocation", 100);

        Scheduler.Schedule(sim.State, pod, leastAllocatedHeavy).NodeName.ShouldBe("node-a");
        Scheduler.Schedule(sim.State, pod, balanceHeavy).NodeName.ShouldBe("node-b");
    }

    [Fact]
    public void With_CustomFilter_RunsAfterBuiltInsAndNamesItsReason()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("node-1", labels: StringMap.Of("legacy", "true")));
        sim.CreateNode(Fixtures.Node("node-2", labels: StringMap.Of("legacy", "true"), cpu: "1"));
        var profile = SchedulerProfile.Default.With(new RejectLabelled("legacy"));

        var decision = Scheduler.Schedule(sim.State, Incoming(cpu: "2", preemptionPolicy: PreemptionPolicy.Never), profile);

        profile.Filters[^1].Name.ShouldBe("RejectLabelled");
        decision.Message.ShouldBe("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had label legacy. preemption: not eligible due to preemptionPolicy=Never.");
    }

    [Fact]
    public void With_CustomScore_WeightedIntoTheTotal()
    {
        var sim = Fixtures.Cluster(3);
        var profile = SchedulerProfile.Default.With(new PreferNamed("node-3"), weight: 10);

        profile.Scores[^1].Weight.ShouldBe(10);
        Scheduler.Schedule(sim.State, Incoming(), profile).NodeName.ShouldBe("node-3");
        Scheduler.Schedule(sim.State, Incoming()).NodeName.ShouldBe("node-1");
    }

    [Fact]
    public void With_RuleWithoutExtensionPoint_Throws()
    {
        Should.Throw<ArgumentException>(() => SchedulerProfile.Default.With(new NotARule()));
    }
}
