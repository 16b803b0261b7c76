using Simulator.Model;

namespace Simulator.Tests.Rollouts;

// kubectl rollout restart (objectrestarter.go): a restartedAt annotation in the template makes a new revision and rolls every pod.
public class RestartTests
{
    [Fact]
    public void RestartDaemonSet_Settled_AnnotatesTheTemplateAndMakesANewRevision()
    {
        var sim = RolloutKit.Running(2, RolloutKit.Rolling());
        var at = sim.Now;

        var ds = sim.RestartDaemonSet("default", "ds");
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        ds.Spec.Template.Metadata.Annotations[DaemonSetLabels.RestartedAtAnnotation].ShouldBe(at.ToString());
        ds.Metadata.Generation.ShouldBe(2);
        ds.Metadata.Annotations[DaemonSetLabels.TemplateGenerationAnnotation].ShouldBe("2");
        sim.RevisionNumbers().ShouldBe([1, 2]);
        sim.GetRevisionHistory("default", "ds")[1].Data.Metadata.Annotations.ContainsKey(DaemonSetLabels.RestartedAtAnnotation).ShouldBeTrue();
    }

    [Fact]
    public void RestartDaemonSet_Settled_EveryPodReplacedWithTheSameImage()
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling());
        var before = sim.UidsByNode();

        sim.RestartDaemonSet("default", "ds");
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        var after = sim.UidsByNode();
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        after.Values.ShouldNotContain(uid => before.ContainsValue(uid));
        sim.Pods().ShouldAllBe(p => p.Image() == RolloutKit.V1 && p.Metadata.Annotations.ContainsKey(DaemonSetLabels.RestartedAtAnnotation));
        var current = sim.GetRevisionHistory("default", "ds")[1].Hash;
        sim.Pods().ShouldAllBe(p => p.RevisionHash() == current);
    }

    [Fact]
    public void RestartDaemonSet_ThenUndo_GoesBackToTheTemplateWithoutTheAnnotation()
    {
        var sim = RolloutKit.Running(1, RolloutKit.Rolling());
        sim.RestartDaemonSet("default", "ds");
        sim.RunUntilSettled();

        sim.RollbackDaemonSet("default", "ds").ShouldBe("daemonset.apps/ds rolled back");
        sim.RunUntilSettled();

        sim.State.GetDaemonSet("default", "ds")!.Spec.Template.Metadata.Annotations.ContainsKey(DaemonSetLabels.RestartedAtAnnotation).ShouldBeFalse();
        sim.RevisionNumbers().ShouldBe([2, 3]);
    }
}
