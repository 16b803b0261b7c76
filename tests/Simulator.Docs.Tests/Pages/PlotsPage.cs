using Simulator.Engine;
using Simulator.Model;
using Simulator.Plotting;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/plots.md.</summary>
public class PlotsPage
{
    [Fact]
    public void RolloutTimelinePicture()
    {
        var folder = Directory.CreateTempSubdirectory("simulator-docs-plots-").FullName;
        try
        {
            var path = Path.Combine(folder, "fluentd-rollout.svg");
            // begin-snippet: plots-rollout
            var sim = new Simulation();
            Examples.AddWorkers(sim, 20);
            sim.CreateNamespace("logging");
            sim.CreateDaemonSet(Examples.Fluentd());
            sim.RunUntilSettled();
            sim.SetImage("logging", "fluentd", "fluentd", "quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
            sim.RunUntilSettled();

            var timeline = RolloutTimeline.From(sim, "logging", "fluentd");
            // timeline.Rollouts: the creation and the image change, each with start, end and worst unavailability
            RolloutPlot.Save(timeline, path);                              // .svg or .png, chosen by the name
            // end-snippet

            timeline.Rollouts.Count.ShouldBe(2);
            timeline.Rollouts[1].MaxUnavailable.ShouldBe(1);
            timeline.Rollouts[1].CompletedSeconds.ShouldNotBeNull();
            var svg = File.ReadAllText(path);
            svg.ShouldContain("<svg");
            svg.ShouldContain(RolloutPlot.Title(timeline));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void PlacementHeatMapPicture()
    {
        // begin-snippet: plots-heatmap
        var sim = new Simulation();
        Examples.AddWorkers(sim, 6);
        sim.TaintNode("worker-3", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd());
        sim.RunUntilSettled();

        var matrix = PlacementMatrix.From(sim.State);                       // nodes x DaemonSets
        var state = matrix.Get("worker-3", "logging/fluentd");              // PlacementState.NotEligible
        var running = matrix.Count(PlacementState.Running);                 // 5
        var png = PlacementHeatMap.RenderPng(matrix);                       // or RenderSvg, or Save(matrix, "placement.png")
        // end-snippet

        state.ShouldBe(PlacementState.NotEligible);
        running.ShouldBe(5);
        png[1..4].ShouldBe("PNG"u8.ToArray());
    }
}
