using Simulator.Engine;

namespace Simulator.Plotting.Tests;

public class PlacementHeatMapTests
{
    [Fact]
    public void RenderPng_DefaultSize_IsDefaultWidthAndHeightForTheMatrix()
    {
        var matrix = PlacementMatrix.From(Scenarios.FiveNodes().State);

        var png = PlacementHeatMap.RenderPng(matrix);

        Images.PngSize(png).ShouldBe((PlacementHeatMap.DefaultWidth, PlacementHeatMap.DefaultHeight(matrix)));
    }

    // ScottPlot draws nothing for a heat map one cell high: a cluster with a single DaemonSet once came out as an empty frame.
    [Fact]
    public void RenderPng_OneDaemonSet_ItsCellsAreDrawn()
    {
        var matrix = PlacementMatrix.From(Scenarios.FiveNodes().State);
        matrix.DaemonSets.Count.ShouldBe(1);

        var png = PlacementHeatMap.RenderPng(matrix);

        // The running cells fill most of the plot area: far more pixels than the legend's marker.
        var running = Images.PixelsOfColour(png, PlacementHeatMap.StateColors[PlacementState.Running]);
        running.ShouldBeGreaterThan(PlacementHeatMap.DefaultWidth * 50, "the Running cells are drawn");
    }

    [Fact]
    public void RenderPng_RequestedSize()
    {
        var matrix = PlacementMatrix.From(Scenarios.FiveNodes().State);

        Images.PngSize(PlacementHeatMap.RenderPng(matrix, 900, 400)).ShouldBe((900, 400));
    }

    [Fact]
    public void RenderSvg_TitleNodesDaemonSetsAndALegendEntryPerStateWithItsCount()
    {
        var matrix = PlacementMatrix.From(Scenarios.FiveNodes().State);

        var texts = Images.Texts(Images.Svg(PlacementHeatMap.RenderSvg(matrix)));

        texts.ShouldContain(PlacementHeatMap.Title);
        texts.ShouldContain("logging/fluentd");
        foreach (var node in matrix.Nodes)
        {
            texts.ShouldContain(node);
        }

        foreach (var state in Enum.GetValues<PlacementState>())
        {
            texts.ShouldContain($"{state} ({matrix.Count(state)})");
        }
    }

    [Fact]
    public void RenderSvg_FiveHundredNodes_NamesOnlyEveryTenthNode()
    {
        var sim = new Simulation();
        for (var i = 1; i <= 500; i++)
        {
            sim.CreateNode(Scenarios.Worker($"k8s-worker-{i}"));
        }

        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Scenarios.Fluentd());
        var matrix = PlacementMatrix.From(sim.State);

        var texts = Images.Texts(Images.Svg(PlacementHeatMap.RenderSvg(matrix)));

        var named = texts.Where(t => t.StartsWith("k8s-worker-", StringComparison.Ordinal)).ToList();
        named.Count.ShouldBe(51);
        named.ShouldContain("k8s-worker-1");
        named.ShouldContain("k8s-worker-10");
        named.ShouldContain("k8s-worker-500");
        named.ShouldNotContain("k8s-worker-11");
        texts.ShouldContain("Missing (500)");
        texts.ShouldContain("nodes (500; every 10th named)");
    }

    [Fact]
    public void Save_UnsupportedExtension_Throws()
    {
        var matrix = PlacementMatrix.From(Scenarios.FiveNodes().State);

        Should.Throw<NotSupportedException>(() => PlacementHeatMap.Save(matrix, Path.Combine(Path.GetTempPath(), "placement.gif")))
            .Message.ShouldContain("\".gif\"");
    }

    [Fact]
    public void StateColors_OneDistinctColourPerState()
    {
        PlacementHeatMap.StateColors.Keys.Order().ShouldBe(Enum.GetValues<PlacementState>());
        PlacementHeatMap.StateColors.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(PlacementHeatMap.StateColors.Count);
    }

    [Fact]
    public void RenderPng_EmptyCluster_StillDraws()
    {
        var matrix = PlacementMatrix.From(ClusterState.Empty(SimTime.DefaultStart));

        Images.PngSize(PlacementHeatMap.RenderPng(matrix, 300, 200)).ShouldBe((300, 200));
        matrix.Nodes.ShouldBeEmpty();
    }
}
