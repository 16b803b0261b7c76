using Simulator.Model;
using Simulator.Tests.Controllers;

namespace Simulator.Tests.Rollouts;

// §13.5 and Kubernetes' TestDaemonSetUpdatesNoTemplateChanged: spec changes outside the hashed template replace no pod.
public class TemplateUnchangedTests
{
    public static TheoryData<string, Func<DaemonSet, DaemonSet>, long> Changes => new()
    {
        { "minReadySeconds changes: generation moves, no pod is replaced", ds => ds with { Spec = ds.Spec with { MinReadySeconds = 30 } }, 2 },
        {
            "maxUnavailable changes: generation moves, no pod is replaced",
            ds => ds with { Spec = ds.Spec with { UpdateStrategy = ds.Spec.UpdateStrategy with { RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = 3, MaxSurge = 0 } } } },
            2
        },
        { "strategy becomes OnDelete: generation moves, no pod is replaced", ds => ds with { Spec = ds.Spec with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete } } }, 2 },
        { "revisionHistoryLimit changes: generation moves, no pod is replaced", ds => ds with { Spec = ds.Spec with { RevisionHistoryLimit = 3 } }, 2 },
        { "DaemonSet labels change: metadata only, generation stays", ds => ds with { Metadata = ds.Metadata with { Labels = ds.Metadata.Labels.With("team", "infra") } }, 1 },
        { "DaemonSet annotations change: metadata only, generation stays", ds => ds with { Metadata = ds.Metadata with { Annotations = ds.Metadata.Annotations.With("note", "x") } }, 1 },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void UpdateDaemonSet_TemplateUnchanged_NoNewRevisionAndNoPodReplaced(string description, Func<DaemonSet, DaemonSet> change, long expectedGeneration)
    {
        var sim = RolloutKit.Running(3, RolloutKit.Rolling(1, 0));
        var before = sim.UidsByNode();
        var hash = sim.GetRevisionHistory("default", "ds")[0].Hash;

        var stored = sim.UpdateDaemonSet("default", "ds", change);
        sim.RunUntilSettled().Settled.ShouldBeTrue();

        stored.Metadata.Generation.ShouldBe(expectedGeneration, description);
        stored.Metadata.Annotations[DaemonSetLabels.TemplateGenerationAnnotation].ShouldBe("1", description);
        sim.UidsByNode().ShouldBe(before, description);
        sim.RevisionNumbers().ShouldBe([1], description);
        sim.Pods().ShouldAllBe(p => p.RevisionHash() == hash, description);
        sim.Pods().ShouldAllBe(p => !p.IsTerminating, description);
        sim.State.GetDaemonSet("default", "ds")!.Status.ObservedGeneration.ShouldBe(expectedGeneration, description);
    }
}
