using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Engine;

/// <summary>Cases found in code review, each pinned to the Kubernetes behaviour it restores.</summary>
public class ReviewRegressionTests
{
    [Fact]
    public void RunUntilSettled_CreateEvictLoopWithoutDelay_ReportsNotSettledInsteadOfSpinning()
    {
        var sim = new Simulation(new SimulationOptions { MaxEventsPerInstant = 10_000 });
        sim.CreateNode(Fixtures.Node("node-1"));
        sim.TaintNode("node-1", new Taint("x", "", TaintEffect.NoExecute));
        sim.CreateDaemonSet(Fixtures.DaemonSet("ds", s => s with
        {
            TerminationGracePeriodSeconds = 0,
            Tolerations = EquatableArray.Create(new Toleration("x", TolerationOperator.Exists, "", TaintEffect.NoExecute, 0)),
        }));

        var result = sim.RunUntilSettled();

        result.Settled.ShouldBeFalse();
        result.Time.ShouldBe(SimTime.DefaultStart);
    }

    [Fact]
    public void TolerationSeconds_BeyondTimeSpanRange_NoOverflow()
    {
        var sim = Fixtures.Cluster(1);
        sim.TaintNode("node-1", new Taint("x", "", TaintEffect.NoExecute));
        sim.CreatePod(new Pod
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodSpec
            {
                Containers = EquatableArray.Create(Fixtures.Container()),
                NodeName = "node-1",
                Tolerations = EquatableArray.Create(new Toleration("x", TolerationOperator.Exists, "", TaintEffect.NoExecute, 1_000_000_000_000)),
            },
        });

        Should.NotThrow(() => sim.RunFor(TimeSpan.FromMinutes(5)));
        sim.State.GetPod("default", "web")!.IsTerminating.ShouldBeFalse();
    }

    [Fact]
    public void TaintEviction_PodNowToleratesForever_ScheduledEvictionCancelled()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePod(new Pod
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodSpec
            {
                Containers = EquatableArray.Create(Fixtures.Container()),
                Tolerations = EquatableArray.Create(
                    new Toleration("a", TolerationOperator.Exists, "", TaintEffect.NoExecute, 60),
                    new Toleration("b", TolerationOperator.Exists, "", TaintEffect.NoExecute)),
            },
        });
        sim.RunUntilSettled();

        sim.TaintNode("node-1", new Taint("a", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromSeconds(10));
        sim.RemoveTaint("node-1", "a");
        sim.TaintNode("node-1", new Taint("b", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromMinutes(2));

        sim.State.GetPod("default", "web")!.IsTerminating.ShouldBeFalse();
        sim.Events.ShouldNotContain(e => e.Reason == "TaintManagerEviction");
    }

    [Fact]
    public void DeleteNamespace_WithRevisions_RevisionsGoToo()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateNamespace("x");
        sim.CreateDaemonSet(Fixtures.DaemonSet("ds", ns: "x"));
        sim.RunUntilSettled();
        sim.DeleteDaemonSet("x", "ds", DeletionPropagation.Orphan);

        sim.DeleteNamespace("x");

        sim.State.ControllerRevisions.Values.ShouldNotContain(r => r.Namespace == "x");
    }

    [Fact]
    public void GenerateName_LongerThan58_TruncatedLikeTheApiServer()
    {
        var sim = Fixtures.Cluster(1);
        var prefix = new string('a', 70) + "-";

        var pod = sim.CreatePod(new Pod { Metadata = new ObjectMeta { GenerateName = prefix, Namespace = "default" }, Spec = new PodSpec { Containers = EquatableArray.Create(Fixtures.Container()) } });

        pod.Name.Length.ShouldBe(63);
        pod.Name.ShouldStartWith(new string('a', 58));
    }

    [Fact]
    public void KubeletAdmission_HostPortTaken_RejectedWithNodePorts()
    {
        var sim = Fixtures.Cluster(1);
        Pod WithPort(string name) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { NodeName = "node-1", Containers = EquatableArray.Create(Fixtures.Container(ports: new ContainerPort(80, 80))) },
        };
        sim.CreatePod(WithPort("first"));
        sim.RunUntilSettled();

        sim.CreatePod(WithPort("second"));
        sim.RunUntilSettled();

        var second = sim.State.GetPod("default", "second")!;
        second.Status.Phase.ShouldBe(PodPhase.Failed);
        second.Status.Reason.ShouldBe("NodePorts");
        second.Status.Message.ShouldBe("Pod was rejected: Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports");
    }

    [Fact]
    public void NodeLifecycle_UserNoExecuteTaintWithPlatformKey_Kept()
    {
        var sim = Fixtures.Cluster(1);

        sim.TaintNode("node-1", new Taint(WellKnownTaints.MemoryPressure, "", TaintEffect.NoExecute));
        sim.RunUntilSettled();

        sim.State.GetNode("node-1")!.Spec.Taints.ShouldContain(t => t.Key == WellKnownTaints.MemoryPressure && t.Effect == TaintEffect.NoExecute);
    }

    [Fact]
    public void Preemption_NoCandidateAnyMore_NominationCleared()
    {
        var sim = Fixtures.Cluster(1, kubelet: new KubeletOptions { StartLatencyMin = TimeSpan.FromSeconds(1), StartLatencyMax = TimeSpan.FromSeconds(1) });
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("high"), Value = 1000 });
        sim.CreatePod(new Pod { Metadata = new ObjectMeta { Name = "low", Namespace = "default" }, Spec = new PodSpec { NodeName = "node-1", TerminationGracePeriodSeconds = 60, Containers = EquatableArray.Create(Fixtures.Container(cpu: "3")) } });
        sim.RunUntilSettled();
        sim.CreatePod(new Pod { Metadata = new ObjectMeta { Name = "high", Namespace = "default" }, Spec = new PodSpec { PriorityClassName = "high", Containers = EquatableArray.Create(Fixtures.Container(cpu: "3")) } });
        sim.RunFor(TimeSpan.FromSeconds(1));
        sim.State.GetPod("default", "high")!.Status.NominatedNodeName.ShouldBe("node-1");

        // The node stops being an option for the preemptor: preemption finds no candidate and the nomination goes.
        sim.TaintNode("node-1", new Taint("gone", "", TaintEffect.NoSchedule));
        sim.RunFor(TimeSpan.FromSeconds(1));

        sim.State.GetPod("default", "high")!.Status.NominatedNodeName.ShouldBe("");
    }
}

public class CrashHealRegressionTests
{
    [Fact]
    public void HealPod_WithinTheFirstRunAfterACrash_PodTurnsReadyAgain()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateDaemonSet(Fixtures.DaemonSet("agent"));
        sim.RunUntilSettled().Settled.ShouldBeTrue();
        var pod = sim.State.Pods.Values.Single();

        sim.CrashPod(pod.Namespace, pod.Name);
        sim.HealPod(pod.Namespace, pod.Name);
        sim.RunFor(TimeSpan.FromHours(1));

        var after = sim.State.GetPod(pod.Namespace, pod.Name)!;
        after.IsReady.ShouldBeTrue();
        after.Status.ContainerStatuses[0].RestartCount.ShouldBe(1);
        sim.State.DaemonSets.Values.Single().Status.NumberAvailable.ShouldBe(1);
    }
}
