using Simulator.Engine;
using Simulator.Validation;

namespace Simulator.Plotting.Tests;

public class RolloutTimelineTests
{
    [Fact]
    public void From_RollingUpdateMaxUnavailable1_NeverMoreThanOneUnavailableAndEndsFullyUpdated()
    {
        var sim = Scenarios.FiveNodes();
        var updateAt = sim.Now;
        sim.SetImage("logging", "fluentd", "fluentd", Scenarios.Image2);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var timeline = RolloutTimeline.From(sim, "logging", "fluentd");

        timeline.Namespace.ShouldBe("logging");
        timeline.Name.ShouldBe("fluentd");
        timeline.Origin.ShouldBe(sim.Options.Start);
        timeline.Rollouts.Count.ShouldBe(2);
        var update = timeline.Rollouts[1];
        update.TemplateGeneration.ShouldBe(2);
        update.StartSeconds.ShouldBe((updateAt - sim.Options.Start).TotalSeconds);
        update.CompletedSeconds.ShouldNotBeNull();
        update.MaxUnavailable.ShouldBe(1);

        // After the template change (the status written at that instant still counts the old pods as updated) until completion.
        var during = timeline.Points.Where(p => p.Seconds > update.StartSeconds && p.Seconds <= update.CompletedSeconds!.Value).ToList();
        during.ShouldNotBeEmpty();
        during.ShouldAllBe(p => p.Desired == 4);
        during.Max(p => p.Unavailable).ShouldBe(1);
        during.Select(p => p.Updated).ShouldBeInOrder(SortDirection.Ascending);
        during[0].Updated.ShouldBeLessThanOrEqualTo(1);

        // The timeline ends where the cluster settled: 4 of 4 nodes updated and available (w-2 is tainted, w-3 cordoned but eligible).
        var last = timeline.Points[^1];
        (last.Desired, last.Updated, last.Available, last.Unavailable).ShouldBe((4, 4, 4, 0));
        timeline.EndSeconds.ShouldBe((sim.Now - sim.Options.Start).TotalSeconds);
        timeline.Points.Select(p => p.Seconds).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void From_EveryPointMirrorsTheSimulationsRolloutSamples()
    {
        var sim = Scenarios.FiveNodes();
        sim.SetImage("logging", "fluentd", "fluentd", Scenarios.Image2);
        sim.RunUntilSettled();
        var history = sim.GetRollouts("logging", "fluentd");

        var timeline = RolloutTimeline.From(sim, "logging", "fluentd");

        timeline.Points.Count.ShouldBe(history.Timeline.Count);
        for (var i = 0; i < history.Timeline.Count; i++)
        {
            var sample = history.Timeline[i];
            var point = timeline.Points[i];
            point.Time.ShouldBe(sample.Time);
            point.Seconds.ShouldBe((sample.Time.UnixMilliseconds - sim.Options.Start.UnixMilliseconds) / 1000.0);
            (point.Desired, point.Current, point.Updated, point.Ready, point.Available, point.Unavailable)
                .ShouldBe((sample.Desired, sample.Current, sample.Updated, sample.Ready, sample.Available, sample.Unavailable));
        }
    }

    [Fact]
    public void From_WithOrigin_MeasuresSecondsFromThere()
    {
        var sim = Scenarios.FiveNodes();
        var origin = sim.Now;
        sim.SetImage("logging", "fluentd", "fluentd", Scenarios.Image2);
        sim.RunUntilSettled();

        var fromStart = RolloutTimeline.From(sim, "logging", "fluentd");
        var fromUpdate = RolloutTimeline.From(sim, "logging", "fluentd", origin);

        var shift = (origin - sim.Options.Start).TotalSeconds;
        fromUpdate.Rollouts[1].StartSeconds.ShouldBe(0);
        fromUpdate.Points.Select(p => p.Seconds + shift).ShouldBe(fromStart.Points.Select(p => p.Seconds), tolerance: 1e-9);
        fromUpdate.Points[0].Seconds.ShouldBeLessThan(0);
        fromUpdate.Rollouts[1].DurationSeconds.ShouldBe(fromStart.Rollouts[1].DurationSeconds);
    }

    [Fact]
    public void At_ReturnsTheCountersInForce()
    {
        var sim = Scenarios.FiveNodes();
        var timeline = RolloutTimeline.From(sim, "logging", "fluentd");

        timeline.At(timeline.Points[0].Seconds - 0.001).ShouldBeNull();
        timeline.At(timeline.EndSeconds).ShouldBe(timeline.Points[^1]);
        if (timeline.Points.Count > 1)
        {
            timeline.At((timeline.Points[0].Seconds + timeline.Points[1].Seconds) / 2).ShouldBe(timeline.Points[0]);
        }
    }

    [Fact]
    public void From_UnknownDaemonSet_ThrowsNotFound()
    {
        var sim = Scenarios.FiveNodes();

        var error = Should.Throw<ApiException>(() => RolloutTimeline.From(sim, "logging", "nope"));

        error.Reason.ShouldBe(StatusReason.NotFound);
    }
}
