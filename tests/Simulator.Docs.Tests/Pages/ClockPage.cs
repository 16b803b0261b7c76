using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Docs.Tests.Pages;

/// <summary>The snippets of docs/clock-and-determinism.md.</summary>
public class ClockPage
{
    [Fact]
    public void NothingHappensUntilTheClockRuns()
    {
        // begin-snippet: clock-step
        var sim = new Simulation(new SimulationOptions { Seed = 7 });   // starts at 2025-01-01T00:00:00Z
        Examples.AddWorkers(sim, 3);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd());

        var podsBefore = sim.State.Pods.Count;                         // 0: the API call only queued the controllers' reaction
        sim.Step();                                                    // one queued event: the controllers and the scheduler run
        var pending = sim.State.Pods.Values.Count(p => p.Status.Phase == PodPhase.Pending);   // 3 pods, bound, not yet started

        var settled = sim.RunUntilSettled();                           // kubelets start the pods 1-3 s later (seeded)
        // settled.Settled == true, settled.Time is a few seconds after the start; sim.Now == settled.Time
        // end-snippet

        podsBefore.ShouldBe(0);
        pending.ShouldBe(3);
        sim.State.Pods.Values.ShouldAllBe(p => p.IsBound);
        settled.Settled.ShouldBeTrue();
        sim.Now.ShouldBe(settled.Time);
        (settled.Time - SimTime.DefaultStart).ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.NumberReady.ShouldBe(3);
    }

    [Fact]
    public void RunForMovesTheClockExactly()
    {
        // begin-snippet: clock-runfor
        var sim = new Simulation();
        Examples.AddWorkers(sim, 2);
        sim.FailNode("worker-1");                                      // its kubelet stops reporting

        sim.RunFor(TimeSpan.FromSeconds(49));
        var stillReady = sim.State.GetNode("worker-1")!.IsReady;        // true: node-monitor-grace-period is 50 s
        sim.RunFor(TimeSpan.FromSeconds(1));
        var ready = sim.State.GetNode("worker-1")!.GetCondition(NodeConditionType.Ready)!.Status;   // "Unknown"
        var taints = sim.State.GetNode("worker-1")!.Spec.Taints.Select(t => t.ToString());
        // node.kubernetes.io/unreachable:NoSchedule, node.kubernetes.io/unreachable:NoExecute
        // end-snippet

        stillReady.ShouldBeTrue();
        ready.ShouldBe(ConditionStatus.Unknown);
        taints.ShouldBe(["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"], ignoreOrder: true);
        sim.Now.ShouldBe(SimTime.DefaultStart + TimeSpan.FromSeconds(50));
    }

    [Fact]
    public void SameSeedSameEventLog()
    {
        // begin-snippet: clock-determinism
        static IReadOnlyList<string> Run(ulong seed)
        {
            var sim = new Simulation(new SimulationOptions { Seed = seed });
            Examples.AddWorkers(sim, 20);
            sim.CreateNamespace("logging");
            sim.CreateDaemonSet(Examples.Fluentd());
            sim.RunUntilSettled();
            sim.TaintNode("worker-7", new Taint("maintenance", "", TaintEffect.NoExecute));
            sim.RunUntilSettled();
            return [.. sim.Events.Select(e => e.ToString())];
        }

        var identical = Run(42).SequenceEqual(Run(42));                // true, on every machine and runtime
        var differs = !Run(42).SequenceEqual(Run(43));                  // true: pod names and start latencies come from the seed
        // end-snippet

        identical.ShouldBeTrue();
        differs.ShouldBeTrue();
        Run(42).ShouldContain(e => e.Contains("SuccessfulDelete", StringComparison.Ordinal));
    }

    [Fact]
    public void SnapshotsNeverChange()
    {
        // begin-snippet: clock-snapshot
        var sim = new Simulation();
        Examples.AddWorkers(sim, 3);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Examples.Fluentd());
        sim.RunUntilSettled();

        ClusterState before = sim.State;                               // keep it: it is immutable and costs nothing to hold
        sim.TaintNode("worker-2", new Taint("maintenance", "", TaintEffect.NoExecute));
        sim.RunUntilSettled();

        var podsBefore = before.PodsOnNode("worker-2").Count();          // 1
        var podsAfter = sim.State.PodsOnNode("worker-2").Count();        // 0: the DaemonSet controller deleted it
        // end-snippet

        podsBefore.ShouldBe(1);
        podsAfter.ShouldBe(0);
        before.Now.ShouldBeLessThan(sim.Now);
    }
}
