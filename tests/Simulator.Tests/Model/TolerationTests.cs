using Simulator.Model;

namespace Simulator.Tests.Model;

// Cases follow kubernetes/api core/v1 toleration_test.go (TestTolerationToleratesTaint) and taint_test.go.
public class TolerationTests
{
    [Theory]
    [InlineData("same key and effect, Exists, taint without value", "foo", "Exists", "", "NoSchedule", "foo", "", "NoSchedule", true)]
    [InlineData("same key and effect, Exists, taint with a value", "foo", "Exists", "", "NoSchedule", "foo", "bar", "NoSchedule", true)]
    [InlineData("empty key with Exists matches every key", "", "Exists", "", "NoSchedule", "foo", "bar", "NoSchedule", true)]
    [InlineData("empty key and empty effect with Exists tolerates everything", "", "Exists", "", "", "anything", "x", "NoExecute", true)]
    [InlineData("empty effect matches every effect", "foo", "Exists", "", "", "foo", "bar", "PreferNoSchedule", true)]
    [InlineData("same key, effect and value with Equal", "foo", "Equal", "bar", "NoSchedule", "foo", "bar", "NoSchedule", true)]
    [InlineData("an empty operator means Equal", "foo", "", "bar", "NoSchedule", "foo", "bar", "NoSchedule", true)]
    [InlineData("an empty operator compares values, so a different value fails", "foo", "", "bar", "NoSchedule", "foo", "baz", "NoSchedule", false)]
    [InlineData("Equal with an absent value matches a taint without value", "foo", "Equal", "", "NoSchedule", "foo", "", "NoSchedule", true)]
    [InlineData("Equal with an absent value does not match a taint with a value", "foo", "Equal", "", "NoSchedule", "foo", "bar", "NoSchedule", false)]
    [InlineData("same key and effect but different values with Equal", "foo", "Equal", "value1", "NoSchedule", "foo", "value2", "NoSchedule", false)]
    [InlineData("same key and value but different effects", "foo", "Equal", "bar", "NoSchedule", "foo", "bar", "NoExecute", false)]
    [InlineData("different keys", "foo", "Exists", "", "NoSchedule", "other", "", "NoSchedule", false)]
    [InlineData("values compare case-sensitively", "foo", "Equal", "Bar", "NoSchedule", "foo", "bar", "NoSchedule", false)]
    [InlineData("an unknown operator never matches", "foo", "Matches", "bar", "NoSchedule", "foo", "bar", "NoSchedule", false)]
    [InlineData("operators are case-sensitive: 'exists' is unknown", "foo", "exists", "", "NoSchedule", "foo", "", "NoSchedule", false)]
    [InlineData("Gt never matches with the TaintTolerationComparisonOperators gate off", "sla", "Gt", "750", "NoSchedule", "sla", "950", "NoSchedule", false)]
    [InlineData("Lt never matches with the TaintTolerationComparisonOperators gate off", "sla", "Lt", "950", "NoSchedule", "sla", "800", "NoSchedule", false)]
    public void Tolerates_Table_MatchesKubernetes(
        string description, string key, string op, string value, string effect, string taintKey, string taintValue, string taintEffect, bool expected)
    {
        var toleration = new Toleration(key, op, value, effect);
        var taint = new Taint(taintKey, taintValue, taintEffect);

        toleration.Tolerates(taint).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("no tolerationSeconds", null)]
    [InlineData("zero tolerationSeconds", 0L)]
    [InlineData("negative tolerationSeconds", -5L)]
    [InlineData("a long tolerationSeconds", 3600L)]
    public void Tolerates_TolerationSeconds_PlaysNoPart(string description, long? seconds)
    {
        var toleration = new Toleration("node.kubernetes.io/not-ready", TolerationOperator.Exists, Effect: TaintEffect.NoExecute, TolerationSeconds: seconds);

        toleration.Tolerates(new Taint("node.kubernetes.io/not-ready", "", TaintEffect.NoExecute)).ShouldBeTrue(description);
    }

    [Fact]
    public void AnyTolerates_OneOfSeveralMatches_True()
    {
        var tolerations = EquatableArray.Create(
            new Toleration("a", TolerationOperator.Equal, "1", TaintEffect.NoSchedule),
            new Toleration("b", TolerationOperator.Exists, Effect: TaintEffect.NoExecute));

        Toleration.AnyTolerates(tolerations, new Taint("b", "whatever", TaintEffect.NoExecute)).ShouldBeTrue();
        Toleration.AnyTolerates(tolerations, new Taint("b", "whatever", TaintEffect.NoSchedule)).ShouldBeFalse();
    }

    [Fact]
    public void AnyTolerates_NoTolerations_False()
    {
        Toleration.AnyTolerates(default, new Taint("a", "", TaintEffect.NoSchedule)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("same key, operator, value and effect", "k", "Equal", "v", "NoSchedule", true)]
    [InlineData("a different value", "k", "Equal", "w", "NoSchedule", false)]
    [InlineData("a different operator", "k", "Exists", "v", "NoSchedule", false)]
    [InlineData("a different effect", "k", "Equal", "v", "NoExecute", false)]
    [InlineData("a different key", "j", "Equal", "v", "NoSchedule", false)]
    public void MatchesToleration_Table_ComparesKeyOperatorValueEffect(string description, string key, string op, string value, string effect, bool expected)
    {
        var baseline = new Toleration("k", "Equal", "v", "NoSchedule", TolerationSeconds: 10);

        baseline.MatchesToleration(new Toleration(key, op, value, effect)).ShouldBe(expected, description);
    }
}
