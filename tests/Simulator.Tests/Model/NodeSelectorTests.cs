using Simulator.Model;

namespace Simulator.Tests.Model;

// Cases follow nodeaffinity_test.go: terms are ORed, a term that fails to parse is skipped.
public class NodeSelectorTests
{
    private static NodeSelectorTerm Term(string key, string op, params string[] values) =>
        new() { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of(key, op, values)) };

    [Fact]
    public void Matches_NoTerms_MatchesNothing()
    {
        NodeSelector.Of().Matches("node-1", StringMap.Of("foo", "bar")).ShouldBeFalse();
        new NodeSelector().Matches("node-1", StringMap.Of("foo", "bar")).ShouldBeFalse();
    }

    [Fact]
    public void Matches_OnlyEmptyTerms_MatchesNothing()
    {
        NodeSelector.Of(new NodeSelectorTerm(), new NodeSelectorTerm()).Matches("node-1", StringMap.Of("foo", "bar")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("the first term matches", "foo", "bar", true)]
    [InlineData("the second term matches", "diffkey", "value2", true)]
    [InlineData("neither term matches", "foo", "nope", false)]
    public void Matches_SeveralTerms_AreOred(string description, string labelKey, string labelValue, bool expected)
    {
        var selector = NodeSelector.Of(Term("foo", SelectorOperator.In, "bar", "value2"), Term("diffkey", SelectorOperator.In, "wrong", "value2"));

        selector.Matches("node-1", StringMap.Of(labelKey, labelValue)).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("an unknown operator in the first term", "foo", "Equals", "bar")]
    [InlineData("an invalid key in the first term", "invalid key", "In", "bar")]
    [InlineData("a non-integer Gt value in the first term", "foo", "Gt", "ten")]
    [InlineData("an empty first term", "", "", "")]
    public void Matches_MalformedTermBeforeValidOne_OtherTermsStillMatch(string description, string key, string op, string value)
    {
        var broken = key.Length == 0 ? new NodeSelectorTerm() : Term(key, op, value);
        var selector = NodeSelector.Of(broken, Term("foo", SelectorOperator.In, "bar"));

        selector.Matches("node-1", StringMap.Of("foo", "bar")).ShouldBeTrue(description);
        NodeSelector.Of(broken).Matches("node-1", StringMap.Of("foo", "bar")).ShouldBeFalse(description);
    }

    [Fact]
    public void Matches_FieldTermFailsButLabelTermMatches_True()
    {
        var selector = NodeSelector.Of(
            new NodeSelectorTerm { MatchFields = EquatableArray.Create(SelectorRequirement.Of(NodeFieldSelectorKeys.NodeName, SelectorOperator.In, "node_1")) },
            Term("foo", SelectorOperator.In, "bar"));

        selector.Matches("node_2", StringMap.Of("foo", "bar")).ShouldBeTrue();
        selector.Matches("node_2", StringMap.Of("foo", "baz")).ShouldBeFalse();
    }
}
