using Simulator.Controllers;
using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Priority;

// The troubleshooting view (Simulation.DiagnoseDaemonSet): for every node that should run the DaemonSet and has no available
// pod, the reason a person would find with kubectl describe — the scheduler's message, the container's waiting reason, the
// pod's failure, its DisruptionTarget condition, or the controller's FailedCreate event.
public class DaemonSetDiagnosticsTests
{
    private static IReadOnlyList<NodeProblem> Diagnose(Simulation sim, string name = "agent") => sim.DiagnoseDaemonSet("default", name);

    private static Pod Only(Simulation sim, string node) => sim.AgentPods()[node];

    [Fact]
    public void DiagnoseDaemonSet_AllPodsAvailable_NoProblems()
    {
        var sim = PriorityKit.Cluster(3);
        sim.CreateDaemonSet(PriorityKit.Agent());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        Diagnose(sim).ShouldBeEmpty();
    }

    [Fact]
    public void DiagnoseDaemonSet_BeforeTheControllerRuns_NoPodOnEveryNode()
    {
        var sim = PriorityKit.Cluster(2);
        sim.CreateDaemonSet(PriorityKit.Agent());

        var problems = Diagnose(sim);

        problems.Select(p => (p.NodeName, p.Reason, p.Pod)).ShouldBe([("node-1", "NoPod", (string?)null), ("node-2", "NoPod", null)]);
    }

    [Fact]
    public void DiagnoseDaemonSet_NodeFull_PendingWithTheSchedulersMessageOnThatNodeOnly()
    {
        var sim = PriorityKit.Cluster(2);
        sim.Fill("node-1", "w-");
        sim.CreateDaemonSet(PriorityKit.Agent());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        var problem = Diagnose(sim).ShouldHaveSingleItem();

        problem.NodeName.ShouldBe("node-1");
        problem.Reason.ShouldBe("Pending");
        problem.Pod.ShouldBe(Only(sim, "node-1").Name);
        problem.Message.ShouldBe(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.");
    }

    [Fact]
    public void DiagnoseDaemonSet_ImageCannotBePulled_ImagePullBackOff()
    {
        var sim = PriorityKit.Cluster(2);
        sim.FailImage("busybox:1.36");
        sim.CreateDaemonSet(PriorityKit.Agent());
        sim.RunFor(TimeSpan.FromMinutes(2));

        var problems = Diagnose(sim);

        problems.Count.ShouldBe(2);
        problems.ShouldAllBe(p => p.Reason == "ImagePullBackOff" && p.Message == "container agent: image busybox:1.36");
    }

    [Fact]
    public void DiagnoseDaemonSet_ContainerCrashing_CrashLoopBackOffWithRestarts()
    {
        var sim = PriorityKit.Cluster(2);
        sim.CreateDaemonSet(PriorityKit.Agent());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        var pod = Only(sim, "node-2");

        sim.CrashPod("default", pod.Name);
        sim.RunFor(TimeSpan.FromMinutes(1));

        var problem = Diagnose(sim).ShouldHaveSingleItem();
        problem.NodeName.ShouldBe("node-2");
        problem.Reason.ShouldBe("CrashLoopBackOff");
        problem.Pod.ShouldBe(pod.Name);
        problem.Message.ShouldStartWith("container agent restarted ");
    }

    [Fact]
    public void DiagnoseDaemonSet_PodFailed_FailedWithReasonAndMessage()
    {
        var sim = PriorityKit.Cluster(2);
        sim.CreateDaemonSet(PriorityKit.Agent());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));
        var pod = Only(sim, "node-1");

        sim.FailPod("default", pod.Name, "Error", "exit code 3");

        var problem = Diagnose(sim).ShouldHaveSingleItem();
        problem.NodeName.ShouldBe("node-1");
        problem.Reason.ShouldBe("Failed");
        problem.Message.ShouldBe("Error: exit code 3");
        problem.Pod.ShouldBe(pod.Name);
    }

    // A terminating pod that is still Ready and available counts as available (§13.3, §16), so the preempted and evicted
    // cases use a minReadySeconds the pod has not reached yet.
    private static DaemonSet SlowToBeAvailable(DaemonSet ds) => ds with { Spec = ds.Spec with { MinReadySeconds = 300 } };

    [Fact]
    public void DiagnoseDaemonSet_PreemptedByHigherPriorityPod_Preempted()
    {
        var sim = PriorityKit.Cluster(1);
        sim.CreateDaemonSet(SlowToBeAvailable(PriorityKit.Agent(cpu: "1")));
        sim.RunFor(TimeSpan.FromSeconds(10));
        var agent = Only(sim, "node-1");

        sim.CreatePods("default", "big-", 1, PriorityKit.Workload("node-1", cpu: "4", priorityClass: "p1000"));
        sim.RunFor(TimeSpan.FromSeconds(2));

        var evicted = sim.State.GetPod("default", agent.Name)!;
        evicted.IsTerminating.ShouldBeTrue();
        var problem = Diagnose(sim).ShouldHaveSingleItem();
        problem.Reason.ShouldBe("Preempted");
        problem.Pod.ShouldBe(agent.Name);
        problem.Message.ShouldBe("default-scheduler: preempting to accommodate a higher priority pod");
    }

    [Fact]
    public void DiagnoseDaemonSet_NoExecuteTaintToleratedForAWhile_EvictedByTheTaintManager()
    {
        var sim = PriorityKit.Cluster(1);
        sim.CreateDaemonSet(SlowToBeAvailable(Fixtures.DaemonSet("agent", s => s with
        {
            Tolerations = EquatableArray.Create(new Toleration("maintenance", TolerationOperator.Exists, "", TaintEffect.NoExecute, 30)),
        })));
        sim.RunFor(TimeSpan.FromSeconds(10));
        var agent = Only(sim, "node-1");

        sim.TaintNode("node-1", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunFor(TimeSpan.FromSeconds(31));

        sim.State.GetPod("default", agent.Name)!.IsTerminating.ShouldBeTrue();
        var problem = Diagnose(sim).ShouldHaveSingleItem();
        problem.Reason.ShouldBe("Evicted");
        problem.Pod.ShouldBe(agent.Name);
        problem.Message.ShouldBe("Taint manager: deleting due to NoExecute taint");
    }

    [Fact]
    public void DiagnoseDaemonSet_UnknownPriorityClass_AdmissionRejectedQuotingFailedCreate()
    {
        var sim = PriorityKit.Cluster(2);
        sim.CreateDaemonSet(PriorityKit.Agent("missing"));
        sim.RunFor(TimeSpan.FromSeconds(10));

        var problems = Diagnose(sim);

        problems.Select(p => p.NodeName).ShouldBe(["node-1", "node-2"]);
        problems.ShouldAllBe(p => p.Reason == "AdmissionRejected" && p.Pod == null &&
            p.Message == "Error creating: pods \"agent-\" is forbidden: no PriorityClass with name missing was found");
    }

    [Fact]
    public void DiagnoseDaemonSet_ReadyWithinMinReadySeconds_NotYetAvailable()
    {
        var sim = PriorityKit.Cluster(1);
        sim.CreateDaemonSet(PriorityKit.Agent() is var ds ? ds with { Spec = ds.Spec with { MinReadySeconds = 60 } } : null!);
        sim.RunFor(TimeSpan.FromSeconds(10));

        var problem = Diagnose(sim).ShouldHaveSingleItem();
        problem.Reason.ShouldBe("NotYetAvailable");
        problem.Message.ShouldContain("minReadySeconds 60");

        sim.RunFor(TimeSpan.FromSeconds(60));
        Diagnose(sim).ShouldBeEmpty();
    }

    [Fact]
    public void DiagnoseDaemonSet_NodeNotEligible_NotReported()
    {
        var sim = PriorityKit.Cluster(2);
        sim.TaintNode("node-2", new Taint("dedicated", "db", TaintEffect.NoSchedule));
        sim.Fill("node-1", "w-");
        sim.CreateDaemonSet(PriorityKit.Agent());
        sim.RunUntilSettled(TimeSpan.FromMinutes(5));

        Diagnose(sim).Select(p => p.NodeName).ShouldBe(["node-1"]);
    }
}
