using Simulator.Model;
using Simulator.Scheduling;
using static Simulator.Tests.Scheduling.SchedulingFixtures;
using NodeAffinityRule = Simulator.Scheduling.Rules.NodeAffinity;

namespace Simulator.Tests.Scheduling;

// Cases follow pkg/scheduler/framework/plugins/nodeaffinity node_affinity_test.go and nodeaffinity_test.go (TestPreferredSchedulingTermsScore).
public class NodeAffinityRuleTests
{
    private static readonly NodeAffinityRule Rule = new();

    private static Node Labelled(string name, params string[] labels) =>
        Node(name, "pods", "10") with { Metadata = new ObjectMeta { Name = name, Labels = StringMap.Of(labels) } };

    private static Pod WithRequired(Pod pod, params NodeSelectorTerm[] terms) => pod with
    {
        Spec = pod.Spec with { Affinity = new Affinity { NodeAffinity = new Simulator.Model.NodeAffinity { Required = NodeSelector.Of(terms) } } },
    };

    private static NodeSelectorTerm Term(string key, string op, params string[] values) =>
        new() { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of(key, op, values)) };

    [Theory]
    [InlineData("no selector", "", "foo=bar", true)]
    [InlineData("missing labels", "foo=bar", "", false)]
    [InlineData("same labels", "foo=bar", "foo=bar", true)]
    [InlineData("node labels are a superset", "foo=bar", "foo=bar,baz=blah", true)]
    [InlineData("node labels are a subset", "foo=bar,baz=blah", "foo=bar", false)]
    [InlineData("same key, other value", "foo=bar", "foo=barrrrrr", false)]
    public void Filter_NodeSelector_RequiresEveryPair(string description, string selector, string labels, bool passes)
    {
        static string[] Pairs(string s) => s.Length == 0 ? [] : s.Split(',').SelectMany(p => p.Split('=')).ToArray();
        var pod = Pod("p") with { Spec = Pod("p").Spec with { NodeSelector = StringMap.Of(Pairs(selector)) } };

        var result = Rule.Filter(Context(pod), Info(Labelled("n", Pairs(labels))));

        result.IsSuccess.ShouldBe(passes, description);
        if (!passes)
        {
            result.Code.ShouldBe(FilterCode.UnschedulableAndUnresolvable);
            result.Reasons.ToArray().ShouldBe([NodeAffinityRule.Reason]);
        }
    }

    [Theory]
    [InlineData("both satisfied", "bar", true)]
    [InlineData("affinity satisfied but nodeSelector not", "barrrrrr", false)]
    public void Filter_NodeSelectorAndAffinity_BothMustHold(string description, string label, bool passes)
    {
        var pod = WithRequired(Pod("p") with { Spec = Pod("p").Spec with { NodeSelector = StringMap.Of("foo", "bar") } }, Term("foo", SelectorOperator.Exists));

        Rule.Filter(Context(pod), Info(Labelled("n", "foo", label))).IsSuccess.ShouldBe(passes, description);
    }

    [Fact]
    public void Filter_AffinityWithoutRequiredTerms_ImposesNothing()
    {
        var pod = Pod("p") with { Spec = Pod("p").Spec with { Affinity = new Affinity { NodeAffinity = new Simulator.Model.NodeAffinity() } } };

        Rule.Filter(Context(pod), Info(Labelled("n"))).IsSuccess.ShouldBeTrue();
        Rule.CandidateNodes(Context(pod)).ShouldBeNull();
    }

    [Fact]
    public void Filter_RequiredWithEmptyTermList_MatchesNoNode()
    {
        Rule.Filter(Context(WithRequired(Pod("p"))), Info(Labelled("n", "foo", "bar"))).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void CandidateNodes_EveryTermPinsAName_UnionOfNames()
    {
        var pod = WithRequired(Pod("p"), NodeSelectorTerm.ForNodeName("node-2"), NodeSelectorTerm.ForNodeName("node-1"));

        Rule.CandidateNodes(Context(pod))!.ToArray().ShouldBe(["node-1", "node-2"]);
    }

    [Fact]
    public void CandidateNodes_OneTermWithoutName_AllNodes()
    {
        var pod = WithRequired(Pod("p"), NodeSelectorTerm.ForNodeName("node-2"), Term("foo", SelectorOperator.Exists));

        Rule.CandidateNodes(Context(pod)).ShouldBeNull();
    }

    [Fact]
    public void Score_PreferredTerms_SumsWeightsOfMatchingTerms()
    {
        // nodeaffinity_test.go "first and third term match": weights 5 + 11 = 16.
        var preferred = EquatableArray.Create(
            new PreferredSchedulingTerm(5, NodeSelectorTerm.ForNodeName("host_1")),
            new PreferredSchedulingTerm(7, Term("unknown_label", SelectorOperator.In, "unknown_label_val")),
            new PreferredSchedulingTerm(11, Term("label_1", SelectorOperator.In, "label_1_val")));
        var pod = Pod("p") with { Spec = Pod("p").Spec with { Affinity = new Affinity { NodeAffinity = new Simulator.Model.NodeAffinity { Preferred = preferred } } } };

        Rule.Score(Context(pod), Info(Labelled("host_1", "label_1", "label_1_val"))).ShouldBe(16);
        Rule.Score(Context(pod), Info(Labelled("host_2"))).ShouldBe(0);
    }

    [Fact]
    public void Score_ZeroWeightOrEmptyTerm_Ignored()
    {
        var preferred = EquatableArray.Create(new PreferredSchedulingTerm(0, Term("a", SelectorOperator.Exists)), new PreferredSchedulingTerm(9, new NodeSelectorTerm()));
        var pod = Pod("p") with { Spec = Pod("p").Spec with { Affinity = new Affinity { NodeAffinity = new Simulator.Model.NodeAffinity { Preferred = preferred } } } };

        Rule.Score(Context(pod), Info(Labelled("n", "a", "1"))).ShouldBe(0);
    }

    [Fact]
    public void Normalize_Scores_ScaledSoTheBestIs100()
    {
        long[] scores = [16, 8, 0];

        Rule.Normalize(Context(Pod("p")), scores);

        scores.ShouldBe([100L, 50L, 0L]);
    }
}
