using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Priority;

// Kubelet admission of pods created with spec.nodeName (pkg/kubelet/lifecycle/predicate.go, §7.5): the scheduler never saw
// them, so a pod that does not fit fails with OutOf<resource> and InsufficientResourceError's message.
public class KubeletAdmissionTests
{
    private static Pod Bound(string name, string? cpu = null, string? memory = null, string node = "small") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec { NodeName = node, Containers = EquatableArray.Create(Fixtures.Container(cpu: cpu, memory: memory)) },
    };

    public static TheoryData<string, Pod[], string, string> Cases => new()
    {
        {
            "cpu above the node's allocatable",
            [Bound("big", cpu: "5")],
            "OutOfcpu",
            "Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000"
        },
        {
            "cpu above what the running pods leave",
            [Bound("first", cpu: "1500m"), Bound("big", cpu: "3")],
            "OutOfcpu",
            "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 1500, capacity: 4000"
        },
        {
            "memory above the node's allocatable",
            [Bound("big", memory: "9Gi")],
            "OutOfmemory",
            "Pod was rejected: Node didn't have enough resource: memory, requested: 9663676416, used: 0, capacity: 8589934592"
        },
        {
            "one pod more than allocatable pods",
            [Bound("first"), Bound("second"), Bound("big")],
            "OutOfpods",
            "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CreatePod_BoundPodDoesNotFit_FailedWithOutOfResource(string description, Pod[] pods, string reason, string message)
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("small", cpu: "4", memory: "8Gi", pods: "2"));
        foreach (var pod in pods)
        {
            sim.CreatePod(pod);
            sim.RunFor(TimeSpan.FromSeconds(5));
        }

        var rejected = sim.State.GetPod("default", "big")!;
        rejected.Status.Phase.ShouldBe(PodPhase.Failed, description);
        rejected.Status.Reason.ShouldBe(reason, description);
        rejected.Status.Message.ShouldBe(message, description);
        sim.Events.ShouldContain(e => e.InvolvedObject.Uid == rejected.Metadata.Uid && e.Type == EventType.Warning && e.Reason == reason && e.Message == message && e.Source == EventSources.Kubelet, description);
        foreach (var other in pods.Where(p => p.Name != "big"))
        {
            sim.State.GetPod("default", other.Name)!.Status.Phase.ShouldBe(PodPhase.Running, description);
        }
    }

    [Fact]
    public void CreatePod_BoundPodFitsExactly_Runs()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("small", cpu: "4", memory: "8Gi", pods: "2"));
        sim.CreatePod(Bound("first", cpu: "1"));
        sim.CreatePod(Bound("second", cpu: "3", memory: "8Gi"));

        sim.RunFor(TimeSpan.FromSeconds(5));

        sim.State.GetPod("default", "second")!.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void CreatePod_FailedPodOnNode_NoLongerCountsAgainstTheNext()
    {
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("small", cpu: "4", memory: "8Gi", pods: "2"));
        sim.CreatePod(Bound("big", cpu: "5"));
        sim.RunFor(TimeSpan.FromSeconds(5));

        sim.CreatePod(Bound("next", cpu: "4"));
        sim.RunFor(TimeSpan.FromSeconds(5));

        sim.State.GetPod("default", "next")!.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void CreatePod_BoundPodIgnoresNoScheduleTaint_Runs()
    {
        // Kubelet admission checks only NoExecute taints (§7.5).
        var sim = Fixtures.Cluster(0);
        sim.CreateNode(Fixtures.Node("small", cpu: "4", memory: "8Gi", pods: "2", taints: new Taint("dedicated", "db", TaintEffect.NoSchedule)));
        sim.CreatePod(Bound("web", cpu: "1"));

        sim.RunFor(TimeSpan.FromSeconds(5));

        sim.State.GetPod("default", "web")!.Status.Phase.ShouldBe(PodPhase.Running);
    }
}
