using Simulator.Model;

namespace Simulator.Tests.Model;

// Cases follow kubernetes/api core/v1 taint_test.go (TestTaintMatchTaint, TestTaintToString).
public class TaintTests
{
    [Theory]
    [InlineData("same key, value and effect", "foo", "bar", "NoSchedule", true)]
    [InlineData("same key and effect, different value", "foo", "other", "NoSchedule", true)]
    [InlineData("same key and value, different effect", "foo", "bar", "NoExecute", false)]
    [InlineData("different key", "baz", "bar", "NoSchedule", false)]
    public void Matches_Table_IdentifiesByKeyAndEffect(string description, string key, string value, string effect, bool expected)
    {
        new Taint("foo", "bar", "NoSchedule").Matches(new Taint(key, value, effect)).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("a taint with a value", "foo", "bar", "NoSchedule", "foo=bar:NoSchedule")]
    [InlineData("a taint without value", "foo", "", "NoExecute", "foo:NoExecute")]
    public void ToString_Table_UsesKubectlSyntax(string description, string key, string value, string effect, string expected)
    {
        new Taint(key, value, effect).ToString().ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("key, value and effect", "dedicated=gpu:NoSchedule", "dedicated", "gpu", "NoSchedule")]
    [InlineData("key and effect", "node.kubernetes.io/unschedulable:NoSchedule", "node.kubernetes.io/unschedulable", "", "NoSchedule")]
    [InlineData("an empty value after '='", "k=:PreferNoSchedule", "k", "", "PreferNoSchedule")]
    public void Parse_Table_SplitsKeyValueEffect(string description, string text, string key, string value, string effect)
    {
        Taint.Parse(text).ShouldBe(new Taint(key, value, effect), description);
    }

    [Theory]
    [InlineData("no effect", "dedicated=gpu")]
    [InlineData("an empty effect", "dedicated=gpu:")]
    [InlineData("an empty key", ":NoSchedule")]
    public void Parse_Malformed_Throws(string description, string text)
    {
        Should.Throw<FormatException>(() => Taint.Parse(text), description);
    }
}
