using System.Globalization;

namespace Simulator.Plotting.Tests;

public class RolloutPlotTests
{
    private static RolloutTimeline Timeline()
    {
        var sim = Scenarios.FiveNodes();
        sim.SetImage("logging", "fluentd", "fluentd", Scenarios.Image2);
        sim.RunUntilSettled();
        return RolloutTimeline.From(sim, "logging", "fluentd");
    }

    [Theory]
    [InlineData(RolloutPlot.DefaultWidth, RolloutPlot.DefaultHeight)]
    [InlineData(640, 360)]
    public void RenderPng_HasThePngSignatureAndTheRequestedSize(int width, int height)
    {
        var png = RolloutPlot.RenderPng(Timeline(), width, height);

        Images.PngSize(png).ShouldBe((width, height));
    }

    [Fact]
    public void RenderSvg_IsAnSvgDocumentWithTitleAxisLabelsAndLegend()
    {
        var timeline = Timeline();

        var svg = Images.Svg(RolloutPlot.RenderSvg(timeline, 800, 500));

        svg.Root!.Attribute("width")!.Value.ShouldBe("800");
        svg.Root.Attribute("height")!.Value.ShouldBe("500");
        var texts = Images.Texts(svg);
        texts.ShouldContain("DaemonSet logging/fluentd rollout");
        RolloutPlot.Title(timeline).ShouldBe("DaemonSet logging/fluentd rollout");
        texts.ShouldContain("nodes");
        texts.ShouldContain(t => t.StartsWith("simulated seconds since ", StringComparison.Ordinal));
        foreach (var series in new[] { "desired", "updated", "available", "unavailable", "rollout start", "rollout complete" })
        {
            texts.ShouldContain(series);
        }

        texts.ShouldContain("gen 2 done");
    }

    [Theory]
    [InlineData("rollout.png", "png")]
    [InlineData("ROLLOUT.PNG", "png")]
    [InlineData("rollout.svg", "svg")]
    public void Save_ExtensionChoosesTheFormat(string name, string kind)
    {
        var dir = Directory.CreateTempSubdirectory("plot-");
        try
        {
            var path = Path.Combine(dir.FullName, name);

            RolloutPlot.Save(Timeline(), path, 500, 300);

            var bytes = File.ReadAllBytes(path);
            if (kind == "png")
            {
                Images.PngSize(bytes).ShouldBe((500, 300));
            }
            else
            {
                Images.Svg(File.ReadAllText(path)).Root!.Attribute("width")!.Value.ShouldBe(500.ToString(CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("rollout.jpg")]
    [InlineData("rollout")]
    public void Save_UnsupportedExtension_ThrowsWithoutWriting(string name)
    {
        var dir = Directory.CreateTempSubdirectory("plot-");
        try
        {
            var path = Path.Combine(dir.FullName, name);

            var error = Should.Throw<NotSupportedException>(() => RolloutPlot.Save(Timeline(), path));

            error.Message.ShouldContain(".png or .svg");
            File.Exists(path).ShouldBeFalse();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void RenderPng_SizeOutOfRange_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => RolloutPlot.RenderPng(Timeline(), 0, 300));
    }
}
