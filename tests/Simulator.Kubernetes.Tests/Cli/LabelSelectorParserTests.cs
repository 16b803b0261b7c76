using Simulator.Kubernetes.Selectors;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes.Tests.Cli;

public sealed class LabelSelectorParserTests
{
    private static readonly StringMap Fluentd = StringMap.Of("app", "fluentd", "tier", "logging", "canary", "");

    private static bool Matches(string selector, StringMap labels) => LabelSelectorParser.Parse(selector).Matches(labels);

    [Theory]
    [InlineData("app=fluentd", true)]
    [InlineData("app==fluentd", true)]
    [InlineData("app = fluentd", true)]
    [InlineData("app=nginx", false)]
    [InlineData("app!=nginx", true)]
    [InlineData("app!=fluentd", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (nginx, fluentd)", true)]
    [InlineData("app in (nginx)", false)]
    [InlineData("app notin (nginx,haproxy)", true)]
    [InlineData("app notin (fluentd)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("missing in (x)", false)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("canary", true)]
    [InlineData("canary=", true)]
    [InlineData("app=fluentd,tier=logging", true)]
    [InlineData("app=fluentd,tier!=logging", false)]
    [InlineData("app in (fluentd,nginx),!missing,tier", true)]
    [InlineData("tier in (logging),app notin (fluentd)", false)]
    [InlineData("", true)]
    public void Matching(string selector, bool expected) => Matches(selector, Fluentd).ShouldBe(expected);

    [Fact]
    public void ParsesIntoRequirements()
    {
        var selector = LabelSelectorParser.Parse("a=b,c!=d,e in (f,g),h notin (i),j,!k");
        selector.MatchExpressions.Select(r => (r.Key, r.Operator, string.Join("|", r.Values))).ShouldBe([
            ("a", SelectorOperator.In, "b"),
            ("c", SelectorOperator.NotIn, "d"),
            ("e", SelectorOperator.In, "f|g"),
            ("h", SelectorOperator.NotIn, "i"),
            ("j", SelectorOperator.Exists, ""),
            ("k", SelectorOperator.DoesNotExist, ""),
        ]);
    }

    [Fact]
    public void EmptySelectsEverything() => LabelSelectorParser.Parse("").Matches(StringMap.Empty).ShouldBeTrue();

    [Fact]
    public void PrefixedKeys() =>
        Matches("app.kubernetes.io/name=fluentd", StringMap.Of("app.kubernetes.io/name", "fluentd")).ShouldBeTrue();

    [Theory]
    [InlineData("app in nginx")]
    [InlineData("=fluentd")]
    [InlineData("app fluentd")]
    [InlineData("app in (a")]
    public void Errors(string selector)
    {
        var e = Should.Throw<ApiException>(() => LabelSelectorParser.Parse(selector));
        e.Message.ShouldStartWith("unable to parse requirement: ");
    }

    [Fact]
    public void MissingOpeningParenthesis() =>
        Should.Throw<ApiException>(() => LabelSelectorParser.Parse("app in nginx")).Message.ShouldBe("unable to parse requirement: found 'nginx', expected: '('");
}
