using Simulator.Model;

namespace Simulator.Tests.Model;

// Semantics of apimachinery labels.Requirement.Matches and metav1.LabelSelectorAsSelector.
public class LabelSelectorTests
{
    private static readonly StringMap Labels = StringMap.Of("app", "web", "tier", "frontend");

    [Theory]
    [InlineData("In with the label's value listed", "tier", "In", "frontend,backend", true)]
    [InlineData("In with the label's value not listed", "tier", "In", "backend", false)]
    [InlineData("In with the label absent", "zone", "In", "a", false)]
    [InlineData("NotIn with the label's value listed", "tier", "NotIn", "frontend", false)]
    [InlineData("NotIn with the label's value not listed", "tier", "NotIn", "backend", true)]
    [InlineData("NotIn matches when the label is absent", "zone", "NotIn", "a", true)]
    [InlineData("Exists with the label present", "app", "Exists", "", true)]
    [InlineData("Exists with the label absent", "zone", "Exists", "", false)]
    [InlineData("DoesNotExist with the label absent", "zone", "DoesNotExist", "", true)]
    [InlineData("DoesNotExist with the label present", "app", "DoesNotExist", "", false)]
    [InlineData("an unknown operator never matches", "app", "Equals", "web", false)]
    public void Matches_OneExpression_FollowsOperator(string description, string key, string op, string values, bool expected)
    {
        var selector = new LabelSelector
        {
            MatchExpressions = EquatableArray.Create(SelectorRequirement.Of(key, op, values.Length == 0 ? [] : values.Split(','))),
        };

        selector.Matches(Labels).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("every matchLabels pair present", "app,web", true)]
    [InlineData("a subset of the labels", "tier,frontend", true)]
    [InlineData("one pair with another value", "app,db", false)]
    [InlineData("a key the object lacks", "zone,a", false)]
    public void Matches_MatchLabels_RequiresEveryPair(string description, string pairs, bool expected)
    {
        LabelSelector.ForLabels(pairs.Split(',')).Matches(Labels).ShouldBe(expected, description);
    }

    [Fact]
    public void Matches_MatchLabelsAndExpressions_BothMustHold()
    {
        var selector = new LabelSelector
        {
            MatchLabels = StringMap.Of("app", "web"),
            MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("tier", SelectorOperator.In, "backend")),
        };

        selector.Matches(Labels).ShouldBeFalse();
        selector.Matches(StringMap.Of("app", "web", "tier", "backend")).ShouldBeTrue();
    }

    [Fact]
    public void Matches_EmptySelector_SelectsEverything()
    {
        var selector = new LabelSelector();

        selector.IsEmpty.ShouldBeTrue();
        selector.Matches(Labels).ShouldBeTrue();
        selector.Matches(StringMap.Empty).ShouldBeTrue();
    }

    [Fact]
    public void ToString_MixedRequirements_RendersKubectlSyntax()
    {
        var selector = new LabelSelector
        {
            MatchLabels = StringMap.Of("name", "fluentd"),
            MatchExpressions = EquatableArray.Create(
                SelectorRequirement.Of("tier", SelectorOperator.In, "a", "b"),
                SelectorRequirement.Of("env", SelectorOperator.NotIn, "dev"),
                SelectorRequirement.Of("gpu", SelectorOperator.Exists),
                SelectorRequirement.Of("spot", SelectorOperator.DoesNotExist)),
        };

        selector.ToString().ShouldBe("name=fluentd,tier in (a,b),env notin (dev),gpu,!spot");
        new LabelSelector().ToString().ShouldBe("<none>");
    }
}
