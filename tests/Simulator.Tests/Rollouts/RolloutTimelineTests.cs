using Simulator.Engine;
using Simulator.Tests.Controllers;
using Simulator.Validation;

namespace Simulator.Tests.Rollouts;

// GetRollouts: one rollout per template generation (start, completion, worst numberUnavailable) and the status timeline.
public class RolloutTimelineTests
{
    [Fact]
    public void GetRollouts_CreationThenUpdate_TwoRolloutsWithExactTimes()
    {
        var sim = Support.Fixtures.Cluster(3);
        var created = sim.Now;
        sim.CreateDaemonSet(RolloutKit.Rolling(1, 0));
        sim.RunUntilSettled().Settled.ShouldBeTrue();
        var updated = sim.Now;

        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var rollouts = sim.GetRollouts("default", "ds").Rollouts;
        rollouts.Count.ShouldBe(2);

        // Creation: every pod is created at once and starts one second later; all three nodes lack a pod at first.
        rollouts[0].ShouldBe(new Rollout(1, created, created + TimeSpan.FromSeconds(1), 3));
        rollouts[0].Duration.ShouldBe(TimeSpan.FromSeconds(1));

        // Update, one node at a time: 30 s grace for the old pod, then 1 s for the new one to start and turn Ready.
        rollouts[1].TemplateGeneration.ShouldBe(2);
        rollouts[1].Started.ShouldBe(updated);
        rollouts[1].Duration.ShouldBe(TimeSpan.FromSeconds(3 * 31));
        rollouts[1].MaxUnavailable.ShouldBe(1);
    }

    [Fact]
    public void GetRollouts_Timeline_SamplesInTimeOrderEndingFullyUpdated()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling(1, 0));
        var samplesBefore = sim.GetRollouts("default", "ds").Timeline.Count;

        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var timeline = sim.GetRollouts("default", "ds").Timeline;
        timeline.Zip(timeline.Skip(1), (a, b) => a.Time <= b.Time).ShouldAllBe(ordered => ordered);
        timeline.Zip(timeline.Skip(1), (a, b) => a with { Time = b.Time } != b).ShouldAllBe(changed => changed);
        timeline[^1].ShouldBe(new RolloutSample(timeline[^1].Time, 3, 3, 3, 3, 3, 0));
        var during = timeline.Skip(samplesBefore).ToList();
        during.Max(s => s.Unavailable).ShouldBe(1);
        during.Select(s => s.Updated).Distinct().ShouldBe([0, 1, 2, 3]);
        during.ShouldAllBe(s => s.Desired == 3 && s.Available + s.Unavailable == 3);
    }

    [Fact]
    public void GetRollouts_UpdateSupersededMidway_OnlyTheLastCompletes()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling(1, 0));
        sim.SetImage(RolloutKit.V2);
        sim.RunFor(TimeSpan.FromSeconds(40));

        sim.SetImage(RolloutKit.V3);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var rollouts = sim.GetRollouts("default", "ds").Rollouts;
        rollouts.Select(r => r.TemplateGeneration).ShouldBe([1, 2, 3]);
        rollouts[1].Completed.ShouldBeNull();
        rollouts[1].Duration.ShouldBeNull();
        rollouts[2].Completed.ShouldNotBeNull();
        sim.Pods().ShouldAllBe(p => p.Image() == RolloutKit.V3);
    }

    [Fact]
    public void GetRollouts_UnknownDaemonSet_NotFound()
    {
        var sim = Support.Fixtures.Cluster(1);

        Should.Throw<ApiException>(() => sim.GetRollouts("default", "nope"));
    }
}
