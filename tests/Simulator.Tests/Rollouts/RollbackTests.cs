using Simulator.Engine;
using Simulator.Validation;

namespace Simulator.Tests.Rollouts;

// kubectl rollout undo for DaemonSets (kubectl rollback.go DaemonSetRollbacker, §15.2–15.3) and the e2e case
// "should rollback without unnecessary restarts": the reused revision is renumbered to max+1 and pods that still run the
// target template stay untouched.
public class RollbackTests
{
    /// <summary>Revisions 1 (v1), 2 (v2), 3 (v3), all rolled out.</summary>
    private static Simulation ThreeRevisions(int nodes = 2)
    {
        var sim = RolloutKit.Running(nodes, RolloutKit.Rolling());
        foreach (var image in new[] { RolloutKit.V2, RolloutKit.V3 })
        {
            sim.SetImage(image);
            sim.RunUntilSettled().Settled.ShouldBeTrue();
        }

        sim.RevisionNumbers().ShouldBe([1, 2, 3]);
        return sim;
    }

    public static TheoryData<string, long, long[], string> UndoCases => new()
    {
        { "undo goes to the previous revision, which becomes 4: 1,2,3 become 1,3,4", 0, [1, 3, 4], RolloutKit.V2 },
        { "undo --to-revision=2 is the same as plain undo", 2, [1, 3, 4], RolloutKit.V2 },
        { "undo --to-revision=1 renumbers revision 1 to 4: 1,2,3 become 2,3,4", 1, [2, 3, 4], RolloutKit.V1 },
    };

    [Theory]
    [MemberData(nameof(UndoCases))]
    public void RollbackDaemonSet_ToAnOldRevision_ReusesItUnderTheNextNumber(string description, long toRevision, long[] expectedRevisions, string expectedImage)
    {
        var sim = ThreeRevisions();
        var target = sim.GetRevisionHistory("default", "ds").Single(r => r.Revision == (toRevision == 0 ? 2 : toRevision));
        var generation = sim.State.GetDaemonSet("default", "ds")!.Metadata.Generation;

        var output = sim.RollbackDaemonSet("default", "ds", toRevision);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        output.ShouldBe("daemonset.apps/ds rolled back", description);
        sim.RevisionNumbers().ShouldBe(expectedRevisions, description);
        var current = sim.GetRevisionHistory("default", "ds")[^1];
        current.Name.ShouldBe(target.Name, description);
        current.Metadata.Uid.ShouldBe(target.Metadata.Uid, description);
        current.Data.Spec.Containers[0].Image.ShouldBe(expectedImage, description);
        sim.Pods().ShouldAllBe(p => p.Image() == expectedImage && p.RevisionHash() == target.Hash, description);
        var ds = sim.State.GetDaemonSet("default", "ds")!;
        ds.Metadata.Generation.ShouldBe(generation + 1, description);
        ds.Spec.Template.ShouldBe(target.Data, description);
    }

    [Fact]
    public void RollbackDaemonSet_ToTheCurrentRevision_SkippedAndNothingChanges()
    {
        var sim = ThreeRevisions();
        var before = sim.State.GetDaemonSet("default", "ds")!;

        var output = sim.RollbackDaemonSet("default", "ds", 3);
        sim.RunUntilSettled();

        output.ShouldBe("skipped rollback (current template already matches revision 3)");
        sim.RevisionNumbers().ShouldBe([1, 2, 3]);
        sim.State.GetDaemonSet("default", "ds")!.Metadata.Generation.ShouldBe(before.Metadata.Generation);
    }

    public static TheoryData<string, long, string> UnknownCases => new()
    {
        { "a revision that never existed", 9, "unable to find specified revision 9 in history" },
        { "a negative revision", -1, "unable to find specified revision -1 in history" },
    };

    [Theory]
    [MemberData(nameof(UnknownCases))]
    public void RollbackDaemonSet_UnknownRevision_KubectlsErrorAndNothingChanges(string description, long toRevision, string message)
    {
        var sim = ThreeRevisions();

        Should.Throw<ApiException>(() => sim.RollbackDaemonSet("default", "ds", toRevision)).Message.ShouldBe(message, description);
        sim.RevisionNumbers().ShouldBe([1, 2, 3], description);
    }

    [Fact]
    public void RollbackDaemonSet_OnlyOneRevision_NoLastRevision()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());

        Should.Throw<ApiException>(() => sim.RollbackDaemonSet("default", "ds")).Message.ShouldBe("no last revision to roll back to");
    }

    [Fact]
    public void RollbackDaemonSet_TwiceInARow_SwapsBackAndForthWithoutNewRevisions()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());
        sim.SetImage(RolloutKit.V2);
        sim.RunUntilSettled();

        sim.RollbackDaemonSet("default", "ds");
        sim.RunUntilSettled();
        sim.RollbackDaemonSet("default", "ds");
        sim.RunUntilSettled();

        // 1,2 → undo → 2,3 (v1) → undo → 3,4 (v2): two ControllerRevisions ever.
        sim.RevisionNumbers().ShouldBe([3, 4]);
        sim.GetRevisionHistory("default", "ds")[^1].Data.Spec.Containers[0].Image.ShouldBe(RolloutKit.V2);
        sim.State.ControllerRevisions.Count.ShouldBe(2);
    }

    [Fact]
    public void RollbackDaemonSet_PartwayThroughABadRollout_PodsStillOnTheTargetKeepRunningUntouched()
    {
        // e2e "should rollback without unnecessary restarts": roll to an image that never starts, undo, and check the pods that
        // were never replaced were not restarted either.
        var sim = RolloutKit.Running(4, RolloutKit.Rolling(1, 0));
        const string bad = "busybox:does-not-exist";
        sim.FailImage(bad);
        sim.SetImage(bad);
        sim.RunFor(TimeSpan.FromMinutes(5));
        var stuck = sim.Pods().Where(p => p.Image() == bad).ToList();
        stuck.Count.ShouldBe(1);
        var untouched = sim.Pods().Where(p => p.Image() == RolloutKit.V1).ToDictionary(p => p.Metadata.Uid, p => p.Restarts(), StringComparer.Ordinal);
        untouched.Count.ShouldBe(3);

        sim.RollbackDaemonSet("default", "ds").ShouldBe("daemonset.apps/ds rolled back");
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var pods = sim.Pods();
        pods.Count.ShouldBe(4);
        pods.ShouldAllBe(p => p.Image() == RolloutKit.V1 && p.IsReady);
        pods.Count(p => untouched.ContainsKey(p.Metadata.Uid)).ShouldBe(3);
        pods.Where(p => untouched.ContainsKey(p.Metadata.Uid)).ShouldAllBe(p => p.Restarts() == untouched[p.Metadata.Uid]);
        pods.ShouldNotContain(p => p.Metadata.Uid == stuck[0].Metadata.Uid);
        sim.RevisionNumbers().ShouldBe([2, 3]);
        sim.GetRolloutStatus("default", "ds").ShouldBe(new RolloutStatus("daemon set \"ds\" successfully rolled out", true));
    }
}
