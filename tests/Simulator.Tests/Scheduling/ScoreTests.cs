using Simulator.Scheduling;
using Simulator.Scheduling.Rules;
using static Simulator.Tests.Scheduling.SchedulingFixtures;

namespace Simulator.Tests.Scheduling;

// Cases follow pkg/scheduler/framework/plugins/noderesources least_allocated_test.go and balanced_allocation_test.go,
// and the framework's DefaultNormalizeScore.
public class ScoreTests
{
    [Theory]
    [InlineData("nothing requested counts as 100m and 200Mi", "", "", "1000m", "2000Mi", 90)]
    [InlineData("differently sized nodes, small node", "3000m", "5000", "4000m", "10000", 37)]
    [InlineData("differently sized nodes, big node", "3000m", "5000", "6000m", "10000", 50)]
    [InlineData("a request that fills the node scores 0", "4000m", "10000", "4000m", "10000", 0)]
    public void LeastAllocated_EmptyNode_MatchesUpstream(string description, string cpu, string memory, string nodeCpu, string nodeMemory, long expected)
    {
        var pod = cpu.Length == 0 ? Pod("p") : Pod("p", "cpu", cpu, "memory", memory);
        var node = Info(Node("n", "cpu", nodeCpu, "memory", nodeMemory, "pods", "10"));

        // Per resource (alloc - req) * 100 / alloc, then the average.
        new NodeResourcesFit().Score(Context(pod), node).ShouldBe(expected, description);
    }

    [Fact]
    public void LeastAllocated_BoundPods_CountTowardsUse()
    {
        var node = Node("n", "cpu", "10", "memory", "20Gi", "pods", "10");
        var pod = Pod("p", "cpu", "1", "memory", "2Gi");

        var empty = new NodeResourcesFit().Score(Context(pod), Info(node));
        var busy = new NodeResourcesFit().Score(Context(pod), Info(node, Pod("a", "cpu", "5", "memory", "10Gi")));

        empty.ShouldBe(90);
        busy.ShouldBe(40);
    }

    [Theory]
    [InlineData("cpu 3/4 and memory 1/2: std 0.125", "3000m", "5000", "4000m", "10000", 87)]
    [InlineData("cpu 1/2 and memory 1/2: perfectly balanced", "3000m", "5000", "6000m", "10000", 100)]
    [InlineData("cpu full and memory empty-ish: fractions capped at 1", "8", "1", "4", "10000", 50)]
    public void BalancedAllocation_EmptyNode_MatchesUpstream(string description, string cpu, string memory, string nodeCpu, string nodeMemory, long expected)
    {
        var node = Info(Node("n", "cpu", nodeCpu, "memory", nodeMemory, "pods", "10"));

        new NodeResourcesBalancedAllocation().Score(Context(Pod("p", "cpu", cpu, "memory", memory)), node).ShouldBe(expected, description);
    }

    [Fact]
    public void BalancedAllocation_UsesActualRequestsOfBoundPods()
    {
        // useRequested: bound pods without requests add nothing (no 100m/200Mi defaults).
        var node = Node("n", "cpu", "4", "memory", "8Gi", "pods", "10");
        var pod = Pod("p", "cpu", "2", "memory", "4Gi");

        new NodeResourcesBalancedAllocation().Score(Context(pod), Info(node, Pod("best-effort-1"), Pod("best-effort-2"))).ShouldBe(100);
    }

    [Fact]
    public void BalancedAllocation_BestEffortPod_NotScored()
    {
        var rule = new NodeResourcesBalancedAllocation();
        var lopsided = Info(Node("a", "cpu", "4", "memory", "8Gi", "pods", "10"), Pod("x", "cpu", "4"));
        var balanced = Info(Node("b", "cpu", "4", "memory", "8Gi", "pods", "10"));

        rule.Score(Context(Pod("p")), lopsided).ShouldBe(0);
        rule.Score(Context(Pod("p")), balanced).ShouldBe(0);
    }

    [Theory]
    [InlineData("straight scaling", new long[] { 10, 5, 0 }, false, new long[] { 100, 50, 0 })]
    [InlineData("reversed scaling", new long[] { 10, 5, 0 }, true, new long[] { 0, 50, 100 })]
    [InlineData("integer division truncates", new long[] { 3, 1 }, false, new long[] { 100, 33 })]
    [InlineData("all zero stays zero", new long[] { 0, 0 }, false, new long[] { 0, 0 })]
    [InlineData("all zero reversed becomes max", new long[] { 0, 0 }, true, new long[] { 100, 100 })]
    public void DefaultNormalize_Table_MatchesFramework(string description, long[] raw, bool reverse, long[] expected)
    {
        var scores = raw.ToArray();

        ScoreNormalization.Default(scores, reverse);

        scores.ShouldBe(expected, description);
    }
}
