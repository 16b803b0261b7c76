using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Controllers.ControllerKit;

namespace Simulator.Tests.Controllers;

// The kubelet model: start latency, Ready, termination after the grace period, admission of pods that bypassed the scheduler
// (pkg/kubelet/lifecycle/predicate.go: OutOfcpu and friends), and a kubelet that is down.
public class KubeletTests
{
    private static Pod Web(string node = "node-1", string? cpu = null, long? grace = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new PodSpec { NodeName = node, TerminationGracePeriodSeconds = grace, Containers = EquatableArray.Create(Fixtures.Container(cpu: cpu)) },
    };

    [Fact]
    public void Start_BoundPod_RunningAndReadyAfterStartLatency()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePod(Web());

        sim.RunFor(TimeSpan.FromMilliseconds(500));
        sim.State.GetPod("default", "web")!.Status.Phase.ShouldBe(PodPhase.Pending);

        sim.RunFor(TimeSpan.FromSeconds(1));
        var pod = sim.State.GetPod("default", "web")!;
        pod.Status.Phase.ShouldBe(PodPhase.Running);
        pod.IsReady.ShouldBeTrue();
        pod.Status.PodIp.ShouldNotBeEmpty();
    }

    [Fact]
    public void Start_ReadyDelay_ReadyOnlyAfterIt()
    {
        var sim = Fixtures.Cluster(1, kubelet: new KubeletOptions { StartLatencyMin = TimeSpan.FromSeconds(1), StartLatencyMax = TimeSpan.FromSeconds(1), ReadyDelay = TimeSpan.FromSeconds(10) });
        sim.CreatePod(Web());

        sim.RunFor(TimeSpan.FromSeconds(5));
        sim.State.GetPod("default", "web")!.IsReady.ShouldBeFalse();

        sim.RunFor(TimeSpan.FromSeconds(7));
        sim.State.GetPod("default", "web")!.IsReady.ShouldBeTrue();
    }

    [Fact]
    public void DeletePod_Running_TerminatesForTheGracePeriodThenGoes()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePod(Web(grace: 20));
        sim.RunUntilSettled(TimeSpan.FromMinutes(1));

        sim.DeletePod("default", "web");
        sim.RunFor(TimeSpan.FromSeconds(19));
        sim.State.GetPod("default", "web")!.IsTerminating.ShouldBeTrue();

        sim.RunFor(TimeSpan.FromSeconds(2));
        sim.State.GetPod("default", "web").ShouldBeNull();
    }

    [Fact]
    public void Admit_PodBypassingSchedulerTooLarge_FailedOutOfcpu()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePod(Web(cpu: "8"));

        sim.RunUntilSettled(TimeSpan.FromMinutes(1));

        var pod = sim.State.GetPod("default", "web")!;
        pod.Status.Phase.ShouldBe(PodPhase.Failed);
        pod.Status.Reason.ShouldBe("OutOfcpu");
        pod.Status.Message.ShouldStartWith("Pod was rejected: Node didn't have enough resource: cpu");
    }

    [Fact]
    public void Admit_DaemonSetTemplateWithNodeNameTooLarge_EndlessFailAndRecreateChurn()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreateDaemonSet(Fixtures.DaemonSet("ds", s => s with { NodeName = "node-1", Containers = EquatableArray.Create(Fixtures.Container(cpu: "8")) }));

        sim.RunFor(TimeSpan.FromMinutes(2));

        sim.EventsWith("OutOfcpu").Count().ShouldBeGreaterThan(1);
        sim.EventsWith("FailedDaemonPod").Sum(e => e.Count).ShouldBeGreaterThan(1);
        sim.EventsWith("SuccessfulCreate").Sum(e => e.Count).ShouldBeGreaterThan(1);
    }

    [Fact]
    public void FailNode_PodBoundWhileKubeletDown_StartsOnlyAfterRecovery()
    {
        var sim = Fixtures.Cluster(1);
        sim.FailNode("node-1");
        sim.CreatePod(Web());

        sim.RunFor(TimeSpan.FromSeconds(10));
        sim.State.GetPod("default", "web")!.Status.Phase.ShouldBe(PodPhase.Pending);

        sim.RecoverNode("node-1");
        sim.RunUntilSettled(TimeSpan.FromMinutes(1));
        sim.State.GetPod("default", "web")!.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void FailNode_TerminatingPodWhileKubeletDown_StaysUntilRecovery()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePod(Web(grace: 5));
        sim.RunUntilSettled(TimeSpan.FromMinutes(1));
        sim.FailNode("node-1");

        sim.DeletePod("default", "web");
        sim.RunFor(TimeSpan.FromSeconds(30));
        sim.State.GetPod("default", "web")!.IsTerminating.ShouldBeTrue();

        sim.RecoverNode("node-1");
        sim.RunFor(TimeSpan.FromSeconds(1));
        sim.State.GetPod("default", "web").ShouldBeNull();
    }
}
