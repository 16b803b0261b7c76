using System.Text.Json;

namespace Simulator.Plotting.Tests;

/// <summary><c>kubesim run</c> end to end with <c>sim plot</c> lines, through the tool's own entry point.</summary>
public sealed class SimPlotCommandTests : IDisposable
{
    private const string DaemonSets = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
          namespace: logging
        spec:
          selector:
            matchLabels: {name: fluentd}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {maxUnavailable: 1}
          template:
            metadata:
              labels: {name: fluentd}
            spec:
              terminationGracePeriodSeconds: 30
              containers:
              - name: fluentd
                image: fluentd:v1
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kubesim-plot-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Run_PlotLines_WriteTheFilesTheyName()
    {
        var run = RunScript(
            "sim nodes create --count 5 --prefix w-",
            "kubectl create ns logging",
            "kubectl taint node w-2 dedicated=db:NoSchedule",
            "kubectl cordon w-3",
            "kubectl apply -f ds.yaml",
            "sim settle",
            "kubectl set image ds/fluentd fluentd=fluentd:v2 -n logging",
            "sim settle",
            "sim plot ds/fluentd -n logging --out out/rollout.png --width 640 --height 480",
            "sim plot ds/fluentd -n logging --out rollout.svg",
            "sim plot placement --out placement.png",
            "sim plot placement --out placement.svg --width 700 --height 300");

        run.Exit.ShouldBe(1); // out/ does not exist: that line fails, the others succeed
        var lines = run.Lines;
        lines.Single(l => l.Command.Contains("out/rollout.png", StringComparison.Ordinal)).Output
            .ShouldStartWith("error: cannot write \"out/rollout.png\":");
        lines.Where(l => l.Command.StartsWith("sim plot", StringComparison.Ordinal)).Count(l => l.ExitCode == 0).ShouldBe(3);

        lines.Single(l => l.Command.Contains("rollout.svg", StringComparison.Ordinal)).Output
            .ShouldBe("wrote rollout timeline of daemonset.apps/fluentd (" + PointsAndRollouts(lines) + ") to rollout.svg (1000x600)\n");
        var svg = Images.Svg(File.ReadAllText(Path.Combine(_dir.FullName, "rollout.svg")));
        Images.Texts(svg).ShouldContain("DaemonSet logging/fluentd rollout");

        lines.Single(l => l.Command == "sim plot placement --out placement.png").Output
            .ShouldBe("wrote placement of 1 daemonsets on 5 nodes to placement.png (1200x400)\n");
        Images.PngSize(File.ReadAllBytes(Path.Combine(_dir.FullName, "placement.png"))).ShouldBe((1200, 400));
        var placement = Images.Texts(Images.Svg(File.ReadAllText(Path.Combine(_dir.FullName, "placement.svg"))));
        placement.ShouldContain("Running (4)");
        placement.ShouldContain("NotEligible (1)");
    }

    [Fact]
    public void Run_PlotPng_HasTheRequestedSize()
    {
        var run = RunScript(
            "sim nodes create --count 3 --prefix w-",
            "kubectl create ns logging",
            "kubectl apply -f ds.yaml",
            "sim settle",
            "sim plot ds/fluentd -n logging --out rollout.png --width 640 --height 480");

        run.Exit.ShouldBe(0, run.Output);
        Images.PngSize(File.ReadAllBytes(Path.Combine(_dir.FullName, "rollout.png"))).ShouldBe((640, 480));
    }

    [Theory]
    [InlineData("unknown DaemonSet", "sim plot ds/nope -n logging --out x.png", "Error from server (NotFound): daemonsets.apps \"nope\" not found\n")]
    [InlineData("DaemonSet in another namespace", "sim plot ds/fluentd --out x.png", "Error from server (NotFound): daemonsets.apps \"fluentd\" not found\n")]
    [InlineData("unsupported extension", "sim plot placement --out x.jpg", "error: unsupported image format \".jpg\" in \"x.jpg\": the file name must end in .png or .svg\n")]
    [InlineData("no extension", "sim plot ds/fluentd -n logging --out plot", "error: cannot tell the image format of \"plot\": the file name must end in .png or .svg\n")]
    [InlineData("unknown target", "sim plot pods --out x.png", "error: usage: sim plot ds/NAME [-n NS] --out FILE [--width W] [--height H], or sim plot placement --out FILE [--width W] [--height H]\n")]
    [InlineData("width out of range", "sim plot placement --out x.png --width 5", "error: --width must be between 16 and 20000 pixels, got 5\n")]
    public void Run_BadPlotLine_FailsWithTheToolsErrorAndWritesNothing(string why, string line, string expected)
    {
        var run = RunScript("sim nodes create --count 1 --prefix w-", "kubectl create ns logging", "kubectl apply -f ds.yaml", line);

        run.Exit.ShouldBe(1, why);
        var outcome = run.Lines.Single(l => l.Command == line);
        outcome.ExitCode.ShouldBe(1, why);
        outcome.Output.ShouldBe(expected, why);
        _dir.GetFiles("x.*").ShouldBeEmpty(why);
    }

    [Fact]
    public void Run_PlotWithoutOut_IsAParseError()
    {
        var run = RunScript("sim plot placement");

        run.Exit.ShouldBe(1);
        run.Lines.Single().Output.ShouldStartWith("error: Option '--out' is required.");
    }

    private static string PointsAndRollouts(IReadOnlyList<JsonLine> lines)
    {
        var text = lines.Single(l => l.Command.Contains("rollout.svg", StringComparison.Ordinal)).Output;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        return text[(open + 1)..text.IndexOf(')', open)];
    }

    private KubesimRun RunScript(params string[] lines)
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "ds.yaml"), DaemonSets);
        var script = Path.Combine(_dir.FullName, "plot.kubesim");
        File.WriteAllLines(script, lines);
        return Kubesim.Run("run", script, "-o", "json");
    }
}

internal sealed record JsonLine(int Line, string Command, int ExitCode, string Output, string SimTime);

internal sealed record KubesimRun(int Exit, string Output, string Error)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public IReadOnlyList<JsonLine> Lines =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonLine>(l, Options)!).ToList();
}

/// <summary>Runs <c>kubesim</c> in-process through <c>Simulator.Cli.Program.Run</c>, as the CLI's own tests do.</summary>
internal static class Kubesim
{
    public static KubesimRun Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = global::Simulator.Cli.Program.Run(args, output, error, interactive: false);
        return new KubesimRun(exit, output.ToString(), error.ToString());
    }
}
