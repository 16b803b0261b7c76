using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using Simulator.Validation;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// The DaemonSet controller as the simulation runs it, end to end: the same behaviour Kubernetes' controller tests pin
// (TestSimpleDaemonSetLaunchesPods, TestSimpleDaemonSetPodCreateErrors, TestNodeDaemonLaunchesToleratePod, TestTaintedNode*,
// TestUpdateNode, TestDaemonSetRespectsTermination), observed through the API and the event log.
public class DaemonSetControllerTests
{
    private static DaemonSet Ds(Func<PodSpec, PodSpec>? spec = null) => Fixtures.DaemonSet("ds", spec);

    [Fact]
    public void CreateDaemonSet_ThreeNodes_OneRunningPodPerNodeAndFullStatus()
    {
        var sim = Settled(3, Ds());

        sim.LivePods("ds").Keys.ShouldBe(["node-1", "node-2", "node-3"]);
        sim.LivePods("ds").Values.ShouldAllBe(p => p.Status.Phase == PodPhase.Running && p.IsReady);
        var status = sim.StatusOf("ds");
        (status.DesiredNumberScheduled, status.CurrentNumberScheduled, status.NumberReady, status.UpdatedNumberScheduled, status.NumberAvailable, status.NumberUnavailable, status.NumberMisscheduled)
            .ShouldBe((3, 3, 3, 3, 3, 0, 0));
        status.ObservedGeneration.ShouldBe(1);
    }

    [Fact]
    public void CreateDaemonSet_PodsCreated_SuccessfulCreateEventPerPodNamingIt()
    {
        var sim = Settled(2, Ds());

        var created = sim.EventsWith("SuccessfulCreate").ToList();
        created.Count.ShouldBe(2);
        created.ShouldAllBe(e => e.Type == EventType.Normal && e.InvolvedObject.Kind == "DaemonSet" && e.InvolvedObject.Name == "ds" && e.Source == EventSources.DaemonSetController);
        created.Select(e => e.Message).ShouldBe(sim.LivePods("ds").Values.Select(p => "Created pod: " + p.Name), ignoreOrder: true);
    }

    [Fact]
    public void CreateDaemonSet_PodNames_GenerateNameWithFiveSafeCharacters()
    {
        var sim = Settled(2, Ds());

        sim.LivePods("ds").Values.ShouldAllBe(p => System.Text.RegularExpressions.Regex.IsMatch(p.Name, "^ds-[bcdfghjklmnpqrstvwxz2456789]{5}$"));
    }

    [Fact]
    public void DeletePod_DaemonPodDeleted_RecreatedOnTheSameNode()
    {
        var sim = Settled(2, Ds());
        var victim = sim.LivePods("ds")["node-1"];

        sim.DeletePod("default", victim.Name);
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var replacement = sim.LivePods("ds")["node-1"];
        replacement.Name.ShouldNotBe(victim.Name);
        replacement.Status.Phase.ShouldBe(PodPhase.Running);
        sim.State.GetPod("default", victim.Name).ShouldBeNull();
    }

    [Fact]
    public void DeletePod_WhileTheOldPodTerminates_NoReplacementYet()
    {
        var sim = Settled(1, Ds());
        var victim = sim.LivePods("ds")["node-1"];

        sim.DeletePod("default", victim.Name);
        sim.RunFor(TimeSpan.FromSeconds(10));

        sim.State.GetPod("default", victim.Name)!.IsTerminating.ShouldBeTrue();
        sim.State.PodsControlledBy(sim.State.GetDaemonSet("default", "ds")!.Metadata.Uid).Count().ShouldBe(1);
    }

    [Fact]
    public void CreateNode_NewNode_GetsAPod()
    {
        var sim = Settled(2, Ds());

        sim.CreateNode(Fixtures.Node("node-3"));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Keys.ShouldBe(["node-1", "node-2", "node-3"]);
        sim.StatusOf("ds").DesiredNumberScheduled.ShouldBe(3);
        sim.StatusOf("ds").NumberReady.ShouldBe(3);
    }

    [Fact]
    public void DeleteNode_BoundPodOnIt_GarbageCollectedAndStatusShrinks()
    {
        var sim = Settled(3, Ds());
        var stranded = sim.LivePods("ds")["node-3"];

        sim.DeleteNode("node-3");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.State.GetPod("default", stranded.Name).ShouldBeNull();
        sim.EventsWith("PodGC").ShouldContain(e => e.InvolvedObject.Name == stranded.Name);
        sim.EventsWith("SuccessfulDelete").ShouldNotContain(e => e.Message.Contains(stranded.Name));
        sim.StatusOf("ds").DesiredNumberScheduled.ShouldBe(2);
        sim.StatusOf("ds").CurrentNumberScheduled.ShouldBe(2);
    }

    [Fact]
    public void DeleteNode_BeforeGrace_BoundPodStillThere()
    {
        var sim = Settled(2, Ds());
        var stranded = sim.LivePods("ds")["node-2"];

        sim.DeleteNode("node-2");
        sim.RunFor(TimeSpan.FromSeconds(20));

        sim.State.GetPod("default", stranded.Name).ShouldNotBeNull();
    }

    [Fact]
    public void DeleteNode_UnscheduledDaemonPodAimedAtIt_DeletedByTheController()
    {
        // A request no node can satisfy keeps the pod Pending (unbound) and pinned to node-2.
        var sim = Settled(2, Ds(s => s with { Containers = EquatableArray.Create(Fixtures.Container(cpu: "64")) }));
        var pending = sim.LivePods("ds")["node-2"];
        pending.IsBound.ShouldBeFalse();

        sim.DeleteNode("node-2");
        sim.RunFor(TimeSpan.FromSeconds(1));

        sim.State.GetPod("default", pending.Name).ShouldBeNull();
        sim.EventsWith("SuccessfulDelete").ShouldContain(e => e.Message == "Deleted pod: " + pending.Name);
    }

    [Fact]
    public void LabelNode_NodeStopsMatchingSelector_PodDeletedThenBackWhenLabelReturns()
    {
        var sim = Fixtures.Cluster(2);
        sim.LabelNode("node-1", "role", "edge");
        sim.LabelNode("node-2", "role", "edge");
        sim.CreateDaemonSet(Ds(s => s with { NodeSelector = StringMap.Of("role", "edge") }));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        var first = sim.LivePods("ds")["node-2"];

        sim.LabelNode("node-2", "role", "core");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Keys.ShouldBe(["node-1"]);
        sim.EventsWith("SuccessfulDelete").ShouldContain(e => e.Message == "Deleted pod: " + first.Name);
        sim.StatusOf("ds").DesiredNumberScheduled.ShouldBe(1);

        sim.LabelNode("node-2", "role", "edge");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Keys.ShouldBe(["node-1", "node-2"]);
    }

    [Fact]
    public void TaintNode_NoExecute_PodDeletedThenRecreatedOnUntaint()
    {
        var sim = Settled(2, Ds());

        sim.TaintNode("node-2", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Keys.ShouldBe(["node-1"]);
        sim.StatusOf("ds").DesiredNumberScheduled.ShouldBe(1);
        sim.StatusOf("ds").NumberMisscheduled.ShouldBe(0);

        sim.RemoveTaint("node-2", "maintenance");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Keys.ShouldBe(["node-1", "node-2"]);
        sim.StatusOf("ds").NumberReady.ShouldBe(2);
    }

    [Fact]
    public void TaintNode_NoSchedule_PodKeptAndReportedMisscheduled()
    {
        var sim = Settled(2, Ds());
        var kept = sim.LivePods("ds")["node-2"];

        sim.TaintNode("node-2", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds")["node-2"].Name.ShouldBe(kept.Name);
        var status = sim.StatusOf("ds");
        (status.DesiredNumberScheduled, status.CurrentNumberScheduled, status.NumberMisscheduled).ShouldBe((1, 1, 1));

        sim.RemoveTaint("node-2", "dedicated");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        status = sim.StatusOf("ds");
        (status.DesiredNumberScheduled, status.CurrentNumberScheduled, status.NumberMisscheduled).ShouldBe((2, 2, 0));
        sim.LivePods("ds")["node-2"].Name.ShouldBe(kept.Name);
    }

    [Fact]
    public void TaintNode_NoScheduleBeforeCreation_NoPodThere()
    {
        var sim = Fixtures.Cluster(2);
        sim.TaintNode("node-2", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.CreateDaemonSet(Ds());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Keys.ShouldBe(["node-1"]);
    }

    [Fact]
    public void TaintNode_ToleratedByTemplate_PodCreatedThere()
    {
        var sim = Fixtures.Cluster(2);
        sim.TaintNode("node-2", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.CreateDaemonSet(Ds(s => s with { Tolerations = EquatableArray.Create(new Toleration("dedicated", TolerationOperator.Exists, "", TaintEffect.NoSchedule)) }));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Keys.ShouldBe(["node-1", "node-2"]);
        sim.LivePods("ds")["node-2"].IsBound.ShouldBeTrue();
    }

    [Fact]
    public void Cordon_ExistingAndNewDaemonSets_BothRunOnTheCordonedNode()
    {
        var sim = Settled(2, Ds());
        var kept = sim.LivePods("ds")["node-2"];

        sim.Cordon("node-2");
        sim.CreateDaemonSet(Fixtures.DaemonSet("late"));
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds")["node-2"].Name.ShouldBe(kept.Name);
        var late = sim.LivePods("late")["node-2"];
        late.Spec.NodeName.ShouldBe("node-2");
        late.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void CreateDaemonSet_UnknownPriorityClass_FailedCreateWithAdmissionMessage()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateDaemonSet(Ds(s => s with { PriorityClassName = "x" }));
        sim.RunUntilSettled(TimeSpan.FromMinutes(1));

        sim.EventsWith("FailedCreate").ShouldContain(e =>
            e.Type == EventType.Warning && e.InvolvedObject.Name == "ds" &&
            e.Message == "Error creating: pods \"ds-\" is forbidden: no PriorityClass with name x was found");
        sim.State.Pods.Values.ShouldNotContain(p => p.Metadata.GenerateName == "ds-");
        sim.StatusOf("ds").CurrentNumberScheduled.ShouldBe(0);
    }

    [Fact]
    public void CreateDaemonSet_SystemNodeCritical_PodsGetTheClassPriority()
    {
        var sim = Settled(1, Ds(s => s with { PriorityClassName = "system-node-critical" }));

        sim.LivePods("ds")["node-1"].Spec.Priority.ShouldBe(2_000_001_000);
    }

    [Fact]
    public void FailedPod_KilledWithEventAndReplaced()
    {
        var sim = Settled(1, Ds());
        var pod = sim.LivePods("ds")["node-1"];

        sim.PutPod(pod with { Status = pod.Status with { Phase = PodPhase.Failed } });
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.EventsWith("FailedDaemonPod").ShouldContain(e => e.Type == EventType.Warning &&
            e.Message == $"Found failed daemon pod default/{pod.Name} on node node-1, will try to kill it");
        sim.State.GetPod("default", pod.Name).ShouldBeNull();
        sim.LivePods("ds").ShouldContainKey("node-1", "Kubernetes creates the replacement in the sync after the delete is observed");
        var replacement = sim.LivePods("ds")["node-1"];
        replacement.Name.ShouldNotBe(pod.Name);
        replacement.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void SucceededPod_DeletedWithEventAndReplaced()
    {
        var sim = Settled(1, Ds());
        var pod = sim.LivePods("ds")["node-1"];

        sim.PutPod(pod with { Status = pod.Status with { Phase = PodPhase.Succeeded } });
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.EventsWith("SucceededDaemonPod").ShouldContain(e => e.Message == $"Found succeeded daemon pod default/{pod.Name} on node node-1, will try to delete it");
        sim.LivePods("ds").ShouldContainKey("node-1", "Kubernetes creates the replacement in the sync after the delete is observed");
        sim.LivePods("ds")["node-1"].Name.ShouldNotBe(pod.Name);
    }

    [Fact]
    public void DeleteDaemonSet_Background_PodsGo()
    {
        var sim = Settled(2, Ds());

        sim.DeleteDaemonSet("default", "ds");
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.State.GetDaemonSet("default", "ds").ShouldBeNull();
        sim.State.Pods.Values.ShouldNotContain(p => p.Metadata.Labels.GetValueOrDefault("app") == "ds");
    }

    [Fact]
    public void DeleteDaemonSet_OrphanThenRecreateSameTemplate_AdoptsWithoutRestarts()
    {
        var sim = Settled(2, Ds());
        var before = sim.LivePods("ds").Values.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

        sim.DeleteDaemonSet("default", "ds", DeletionPropagation.Orphan);
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        sim.State.Pods.Values.Where(p => p.Metadata.Labels.GetValueOrDefault("app") == "ds").ShouldAllBe(p => p.Metadata.ControllerRef == null);

        sim.CreateDaemonSet(Ds());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.LivePods("ds").Values.Select(p => p.Name).Order(StringComparer.Ordinal).ShouldBe(before);
        sim.StatusOf("ds").UpdatedNumberScheduled.ShouldBe(2);
    }

    private static Pod HandMade() => new()
    {
        Metadata = new ObjectMeta { Name = "hand-made", Namespace = "default", Labels = StringMap.Of("app", "ds") },
        Spec = new PodSpec { NodeName = "node-1", Containers = EquatableArray.Create(Fixtures.Container()) },
    };

    [Fact]
    public void CreatePod_OrphanMatchingSelectorOnDelete_AdoptedAndKept()
    {
        var sim = Settled(1, Ds() with { Spec = Ds().Spec with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete } } });
        var existing = sim.LivePods("ds")["node-1"];

        sim.DeletePod("default", existing.Name, 0);
        sim.CreatePod(HandMade());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var pods = sim.State.PodsControlledBy(sim.State.GetDaemonSet("default", "ds")!.Metadata.Uid).ToList();
        pods.Select(p => p.Name).ShouldBe(["hand-made"]);
        sim.StatusOf("ds").UpdatedNumberScheduled.ShouldBe(0);
        sim.StatusOf("ds").CurrentNumberScheduled.ShouldBe(1);
    }

    [Fact]
    public void CreatePod_OrphanMatchingSelectorRollingUpdate_AdoptedThenReplacedAsOld()
    {
        var sim = Settled(1, Ds());
        var existing = sim.LivePods("ds")["node-1"];

        sim.DeletePod("default", existing.Name, 0);
        sim.CreatePod(HandMade());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.State.GetPod("default", "hand-made").ShouldBeNull();
        sim.EventsWith("SuccessfulDelete").ShouldContain(e => e.Message == "Deleted pod: hand-made");
        sim.LivePods("ds")["node-1"].Metadata.Labels.ContainsKey(DaemonSetLabels.ControllerRevisionHash).ShouldBeTrue();
        sim.StatusOf("ds").UpdatedNumberScheduled.ShouldBe(1);
    }

    [Fact]
    public void UpdateDaemonSet_RelabelledPodNoLongerMatches_ReleasedAndReplaced()
    {
        var sim = Settled(1, Ds());
        var pod = sim.LivePods("ds")["node-1"];

        sim.PutPod(pod with { Metadata = pod.Metadata with { Labels = pod.Metadata.Labels.With("app", "debug") } });
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        sim.State.GetPod("default", pod.Name)!.Metadata.ControllerRef.ShouldBeNull();
        sim.LivePods("ds")["node-1"].Name.ShouldNotBe(pod.Name);
    }

    [Fact]
    public void CreateDaemonSet_InvalidSpec_ThrowsApiExceptionAndStoresNothing()
    {
        var sim = Fixtures.Cluster(1);
        var ds = Ds(s => s with { RestartPolicy = RestartPolicy.Never });

        Should.Throw<ApiException>(() => sim.CreateDaemonSet(ds));
        sim.State.DaemonSets.ShouldBeEmpty();
    }

    [Fact]
    public void RunUntilSettled_SameSeedSameCalls_ByteIdenticalEventLog()
    {
        static string Run()
        {
            var sim = Settled(3, Fixtures.DaemonSet("ds"));
            sim.TaintNode("node-2", new Taint("x", "", TaintEffect.NoExecute));
            sim.RunUntilSettled(TimeSpan.FromMinutes(5));
            return string.Join("\n", sim.Events);
        }

        Run().ShouldBe(Run());
    }
}
