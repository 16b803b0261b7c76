using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Scheduling.Rules;
using static Simulator.Tests.Scheduling.SchedulingFixtures;

namespace Simulator.Tests.Scheduling;

// Cases follow pkg/scheduler/framework/plugins/tainttoleration taint_toleration_test.go (TestTaintTolerationFilter, TestTaintTolerationScore).
public class TaintTolerationTests
{
    private static readonly TaintToleration Rule = new();

    private static Node Tainted(string name, params Taint[] taints) =>
        Node(name, "cpu", "4", "memory", "8Gi", "pods", "10") with { Spec = new NodeSpec { Taints = EquatableArray.Create(taints) } };

    [Theory]
    [InlineData("no tolerations and a NoSchedule taint", "", "", "", "", false)]
    [InlineData("a matching Equal toleration", "dedicated", "Equal", "user1", "NoSchedule", true)]
    [InlineData("a toleration with another value", "dedicated", "Equal", "user2", "NoSchedule", false)]
    [InlineData("an Exists toleration for the key", "dedicated", "Exists", "", "NoSchedule", true)]
    [InlineData("a toleration for another effect", "dedicated", "Equal", "user1", "NoExecute", false)]
    [InlineData("a toleration with empty effect", "dedicated", "Equal", "user1", "", true)]
    [InlineData("tolerate everything", "", "Exists", "", "", true)]
    public void Filter_NoScheduleTaint_NeedsMatchingToleration(string description, string key, string op, string value, string effect, bool passes)
    {
        var pod = key.Length == 0 && op.Length == 0 ? Pod("p") : Pod("p").WithTolerations(new Toleration(key, op, value, effect));
        var node = Tainted("n", new Taint("dedicated", "user1", TaintEffect.NoSchedule));

        var result = Rule.Filter(Context(pod), Info(node));

        result.IsSuccess.ShouldBe(passes, description);
        if (!passes)
        {
            result.Code.ShouldBe(FilterCode.UnschedulableAndUnresolvable);
            result.Reasons.ToArray().ShouldBe(["node(s) had untolerated taint {dedicated: user1}"], description);
        }
    }

    [Fact]
    public void Filter_NoExecuteTaint_BlocksLikeNoSchedule()
    {
        var node = Tainted("n", new Taint("node.kubernetes.io/unreachable", "", TaintEffect.NoExecute));

        Rule.Filter(Context(Pod("p")), Info(node)).Reasons.ToArray().ShouldBe(["node(s) had untolerated taint {node.kubernetes.io/unreachable: }"]);
    }

    [Fact]
    public void Filter_PreferNoScheduleTaint_NeverBlocks()
    {
        var node = Tainted("n", new Taint("foo", "bar", TaintEffect.PreferNoSchedule));

        Rule.Filter(Context(Pod("p")), Info(node)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Filter_SeveralUntoleratedTaints_ReportsTheFirst()
    {
        var node = Tainted("n", new Taint("soft", "x", TaintEffect.PreferNoSchedule), new Taint("a", "1", TaintEffect.NoSchedule), new Taint("b", "2", TaintEffect.NoExecute));

        Rule.Filter(Context(Pod("p")), Info(node)).Reasons.ToArray().ShouldBe(["node(s) had untolerated taint {a: 1}"]);
    }

    [Fact]
    public void Filter_OneTaintToleratedOneNot_ReportsTheUntolerated()
    {
        var node = Tainted("n", new Taint("a", "1", TaintEffect.NoSchedule), new Taint("b", "2", TaintEffect.NoSchedule));
        var pod = Pod("p").WithTolerations(new Toleration("a", TolerationOperator.Exists));

        Rule.Filter(Context(pod), Info(node)).Reasons.ToArray().ShouldBe(["node(s) had untolerated taint {b: 2}"]);
    }

    [Theory]
    [InlineData("no PreferNoSchedule taints", 0, 0)]
    [InlineData("one untolerated PreferNoSchedule taint", 1, 1)]
    [InlineData("two untolerated PreferNoSchedule taints", 2, 2)]
    public void Score_UntoleratedPreferNoSchedule_CountsTaints(string description, int taintCount, long expected)
    {
        var taints = Enumerable.Range(0, taintCount).Select(i => new Taint($"k{i}", "v", TaintEffect.PreferNoSchedule)).ToArray();

        Rule.Score(Context(Pod("p")), Info(Tainted("n", taints))).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("a PreferNoSchedule toleration counts", "PreferNoSchedule", 0)]
    [InlineData("an empty-effect toleration counts", "", 0)]
    [InlineData("a NoSchedule toleration does not count for scoring", "NoSchedule", 1)]
    public void Score_TolerationEffect_OnlyPreferNoScheduleOrEmptyCounts(string description, string effect, long expected)
    {
        var node = Tainted("n", new Taint("foo", "bar", TaintEffect.PreferNoSchedule));
        var pod = Pod("p").WithTolerations(new Toleration("foo", TolerationOperator.Equal, "bar", effect));

        Rule.Score(Context(pod), Info(node)).ShouldBe(expected, description);
    }

    [Fact]
    public void Score_NoScheduleTaints_AreNotCounted()
    {
        Rule.Score(Context(Pod("p")), Info(Tainted("n", new Taint("a", "", TaintEffect.NoSchedule), new Taint("b", "", TaintEffect.NoExecute)))).ShouldBe(0);
    }

    [Fact]
    public void Normalize_MoreIntolerableTaints_LowerScore()
    {
        // taint_toleration_test.go: 0, 1 and 2 intolerable taints score 100, 50 and 0.
        long[] scores = [0, 1, 2];

        Rule.Normalize(Context(Pod("p")), scores);

        scores.ShouldBe([100L, 50L, 0L]);
    }

    [Fact]
    public void Normalize_AllZero_EveryNodeGetsMax()
    {
        long[] scores = [0, 0];

        Rule.Normalize(Context(Pod("p")), scores);

        scores.ShouldBe([100L, 100L]);
    }
}
