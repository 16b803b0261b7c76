using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/scheduling.md.</summary>
public class SchedulingPage
{
    // begin-snippet: scheduling-rule
    /// <summary>Keeps pods off nodes an operator marked for draining, and prefers nodes with local SSDs.</summary>
    public sealed class DrainAware : IFilterRule, IScoreRule
    {
        public const string DrainingLabel = "example.com/draining";

        public string Name => "DrainAware";

        public FilterResult Filter(PodSchedulingContext pod, NodeInfo node) =>
            node.Node.Labels.GetValueOrDefault(DrainingLabel) == "true"
                ? FilterResult.Unresolvable("node(s) are being drained")   // preemption cannot help
                : FilterResult.Success;

        public long Score(PodSchedulingContext pod, NodeInfo node) =>
            node.Node.Labels.GetValueOrDefault("disk") == "ssd" ? 1 : 0;

        public void Normalize(PodSchedulingContext pod, Span<long> scores) =>
            ScoreNormalization.Default(scores, reverse: false);          // the best node gets 100
    }
    // end-snippet

    [Fact]
    public void ACustomRuleOnAProfile()
    {
        // begin-snippet: scheduling-register
        var profile = SchedulerProfile.Default.With(new DrainAware(), weight: 5);
        var sim = new Simulation(new SimulationOptions { SchedulerProfile = profile });
        Examples.AddWorkers(sim, 3);
        sim.LabelNode("worker-1", DrainAware.DrainingLabel, "true");
        sim.LabelNode("worker-3", "disk", "ssd");

        var web = sim.CreatePod(new Pod
        {
            Metadata = ObjectMeta.Named("web", "default"),
            Spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "web", Image = "nginx:1.27" }) },
        });
        sim.RunUntilSettled();
        var node = sim.State.GetPod("default", "web")!.Spec.NodeName;   // "worker-3": worker-1 is filtered out, worker-3 scores best
        // end-snippet

        web.IsBound.ShouldBeFalse();
        node.ShouldBe("worker-3");
        profile.Filters[^1].Name.ShouldBe("DrainAware");
        profile.Scores[^1].Weight.ShouldBe(5);
    }

    [Fact]
    public void ADaemonPodOnAFilteredNodeStaysPending()
    {
        var profile = SchedulerProfile.Default.With(new DrainAware(), weight: 5);
        // begin-snippet: scheduling-daemon-pending
        var sim = new Simulation(new SimulationOptions { SchedulerProfile = profile });
        Examples.AddWorkers(sim, 3);
        sim.LabelNode("worker-1", DrainAware.DrainingLabel, "true");
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd());
        sim.RunUntilSettled();

        // The DaemonSet controller still wants a pod on worker-1 (it knows nothing of scheduler plugins); the scheduler refuses it.
        var problem = sim.DiagnoseDaemonSet("logging", "fluentd").Single();
        // problem.NodeName == "worker-1", problem.Reason == "Pending", problem.Message ==
        // "0/3 nodes are available: 1 node(s) are being drained, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: ..."
        // end-snippet

        problem.NodeName.ShouldBe("worker-1");
        problem.Reason.ShouldBe("Pending");
        problem.Message.ShouldStartWith("0/3 nodes are available: 1 node(s) are being drained, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: ");
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.DesiredNumberScheduled.ShouldBe(3);
        Examples.NodesRunning(sim, "logging", "fluentd").ShouldBe(["worker-2", "worker-3"]);
    }

    [Fact]
    public void ChangingTheDefaultProfile()
    {
        // begin-snippet: scheduling-profile
        var profile = SchedulerProfile.Default
            .Without("NodeResourcesBalancedAllocation")                  // drop a score plug-in
            .WithWeight("NodeResourcesFit", 2)                           // weigh least-allocated higher
            with { PercentageOfNodesToScore = 100 };                     // score every feasible node

        var filters = string.Join(", ", profile.Filters.Select(f => f.Name));
        // NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit
        var scores = string.Join(", ", profile.Scores.Select(s => $"{s.Rule.Name}={s.Weight}"));
        // TaintToleration=3, NodeAffinity=2, NodeResourcesFit=2

        var adaptive = SchedulerProfile.Default.FeasibleNodesToFind(5_000);   // 500: 50% - 5000/125 = 10%
        var all = profile.FeasibleNodesToFind(5_000);                         // 5000
        // end-snippet

        filters.ShouldBe("NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit");
        scores.ShouldBe("TaintToleration=3, NodeAffinity=2, NodeResourcesFit=2");
        adaptive.ShouldBe(500);
        all.ShouldBe(5_000);
        SchedulerProfile.Default.FeasibleNodesToFind(99).ShouldBe(99);
        SchedulerProfile.Default.FeasibleNodesToFind(50_000).ShouldBe(2_500);
    }

    [Fact]
    public void TheSchedulerIsAPureFunction()
    {
        var sim = new Simulation();
        Examples.AddWorkers(sim, 3);
        sim.LabelNode("worker-1", DrainAware.DrainingLabel, "true");
        sim.LabelNode("worker-2", DrainAware.DrainingLabel, "true");
        sim.LabelNode("worker-3", DrainAware.DrainingLabel, "true");
        // begin-snippet: scheduling-pure
        var pod = new Pod
        {
            Metadata = ObjectMeta.Named("web", "default"),
            Spec = new PodSpec { Containers = EquatableArray.Create(new Container { Name = "web", Image = "nginx:1.27" }) },
        };
        var decision = Scheduler.Schedule(sim.State, pod, SchedulerProfile.Default.With(new DrainAware()));
        // decision.IsScheduled == false, decision.Message ==
        // "0/3 nodes are available: 3 node(s) are being drained. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        var without = Scheduler.Schedule(sim.State, pod);               // the default profile: without.NodeName == "worker-1"
        // end-snippet

        decision.IsScheduled.ShouldBeFalse();
        decision.Message.ShouldBe("0/3 nodes are available: 3 node(s) are being drained. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
        decision.FailedNodes.Count.ShouldBe(3);
        without.NodeName.ShouldBe("worker-1");
        sim.State.Pods.ShouldBeEmpty();
    }
}
