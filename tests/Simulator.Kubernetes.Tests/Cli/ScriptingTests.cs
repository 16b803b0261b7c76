using System.Text.Json.Nodes;
using Simulator.Cli.Scripting;

namespace Simulator.Kubernetes.Tests.Cli;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("kubectl get nodes", new[] { "kubectl", "get", "nodes" })]
    [InlineData("  kubectl   get\tnodes  ", new[] { "kubectl", "get", "nodes" })]
    [InlineData("kubectl label node w1 'a=b c'", new[] { "kubectl", "label", "node", "w1", "a=b c" })]
    [InlineData("kubectl patch ds x -p '{\"spec\":{}}'", new[] { "kubectl", "patch", "ds", "x", "-p", "{\"spec\":{}}" })]
    [InlineData("echo \"a \\\"b\\\" c\"", new[] { "echo", "a \"b\" c" })]
    [InlineData("echo \"a\\nb\"", new[] { "echo", "a\\nb" })]
    [InlineData("echo a\\ b", new[] { "echo", "a b" })]
    [InlineData("echo 'it'\\''s'", new[] { "echo", "it's" })]
    [InlineData("echo '' \"\"", new[] { "echo", "", "" })]
    [InlineData("echo a'b'\"c\"d", new[] { "echo", "abcd" })]
    [InlineData("echo 'a \\ b'", new[] { "echo", "a \\ b" })]
    public void Splits(string line, string[] words) => ShellWords.Split(line).ShouldBe(words);

    [Fact]
    public void EmptyLine() => ShellWords.Split("   ").ShouldBeEmpty();

    [Theory]
    [InlineData("echo 'abc")]
    [InlineData("echo \"abc")]
    public void UnterminatedQuotes(string line) =>
        Should.Throw<CommandException>(() => ShellWords.Split(line)).Message.ShouldStartWith("error: unterminated ");
}

public sealed class DurationsTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("0s", 0)]
    public void Parses(string text, long milliseconds) => Durations.Parse(text).TotalMilliseconds.ShouldBe(milliseconds);

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("m")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    [InlineData("5s3")]
    public void RefusesBadDurations(string text) =>
        Should.Throw<CommandException>(() => Durations.Parse(text)).Message.ShouldBe($"error: invalid duration \"{text}\": use a number and a unit, e.g. 30s, 5m, 1h30m, 500ms");

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(90_000_000, "25h")]
    [InlineData(1_500, "1.5s")]
    [InlineData(3_661_000, "1h1m1s")]
    public void Formats(long milliseconds, string text) => Durations.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(text);
}

public sealed class MergePatchTests
{
    // RFC 7386, Appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", """null""", """null""")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc7386Examples(string target, string patch, string result)
    {
        var merged = MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        (merged?.ToJsonString() ?? "null").ShouldBe(result);
    }

    [Fact]
    public void DoesNotChangeTheTarget()
    {
        var target = JsonNode.Parse("""{"spec":{"template":{"spec":{"nodeSelector":{"a":"b"}}}}}""");
        _ = MergePatch.Apply(target, JsonNode.Parse("""{"spec":{"template":{"spec":{"nodeSelector":{"a":null,"type":"x"}}}}}"""));
        target!.ToJsonString().ShouldBe("""{"spec":{"template":{"spec":{"nodeSelector":{"a":"b"}}}}}""");
    }
}
