using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Engine;

public class SimulationClockTests
{
    [Fact]
    public void Now_NewSimulation_StartsAtDefaultStart()
    {
        var sim = new Simulation();

        sim.Now.ShouldBe(SimTime.Parse("2025-01-01T00:00:00Z"));
        sim.PendingEvents.ShouldBe(0);
    }

    [Fact]
    public void CreateDaemonSet_BeforeTheClockRuns_NothingHappensYet()
    {
        var sim = Fixtures.Cluster(3);
        sim.CreateNamespace("logging");

        sim.CreateDaemonSet(Fixtures.Fluentd());

        sim.State.Pods.ShouldBeEmpty();
        sim.PendingEvents.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Step_ControllersRunAtTheSameInstant_PodsCreatedAndBoundWithoutTimePassing()
    {
        var sim = Fixtures.Cluster(3);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());
        var start = sim.Now;

        sim.Step().ShouldBeTrue();

        sim.Now.ShouldBe(start);
        sim.State.Pods.Count.ShouldBe(3);
        sim.State.Pods.Values.ShouldAllBe(p => p.IsBound && p.Status.Phase == PodPhase.Pending);
    }

    [Fact]
    public void RunFor_KubeletLatency_PodsRunAfterTheConfiguredLatency()
    {
        var sim = Fixtures.Cluster(2, kubelet: new KubeletOptions { StartLatencyMin = TimeSpan.FromSeconds(5), StartLatencyMax = TimeSpan.FromSeconds(5) });
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());

        sim.RunFor(TimeSpan.FromMilliseconds(4999));
        sim.State.Pods.Values.ShouldAllBe(p => p.Status.Phase == PodPhase.Pending);

        sim.RunFor(TimeSpan.FromMilliseconds(1));
        sim.State.Pods.Values.ShouldAllBe(p => p.Status.Phase == PodPhase.Running && p.IsReady);
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.NumberReady.ShouldBe(2);
    }

    [Fact]
    public void RunUntil_InThePast_Throws()
    {
        var sim = new Simulation();
        sim.RunFor(TimeSpan.FromMinutes(1));

        Should.Throw<ArgumentOutOfRangeException>(() => sim.RunUntil(SimTime.DefaultStart));
    }

    [Fact]
    public void RunUntilSettled_QuietCluster_ReportsSettledAndTime()
    {
        var sim = Fixtures.Cluster(4);
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());

        var result = sim.RunUntilSettled();

        result.Settled.ShouldBeTrue();
        result.Time.ShouldBe(SimTime.DefaultStart + TimeSpan.FromSeconds(1));
        sim.PendingEvents.ShouldBe(0);
    }

    [Fact]
    public void RunUntilSettled_CapReached_ReportsNotSettledAtTheCap()
    {
        var sim = Fixtures.Cluster(1, kubelet: new KubeletOptions { StartLatencyMin = TimeSpan.FromHours(2), StartLatencyMax = TimeSpan.FromHours(2) });
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());

        var result = sim.RunUntilSettled(TimeSpan.FromHours(1));

        result.Settled.ShouldBeFalse();
        result.Time.ShouldBe(SimTime.DefaultStart + TimeSpan.FromHours(1));
    }

    [Fact]
    public void ReadyDelay_MinReadySeconds_AvailableOnlyAfterBoth()
    {
        var sim = Fixtures.Cluster(1, kubelet: new KubeletOptions { StartLatencyMin = TimeSpan.FromSeconds(2), StartLatencyMax = TimeSpan.FromSeconds(2), ReadyDelay = TimeSpan.FromSeconds(3) });
        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd() with { Spec = Fixtures.Fluentd().Spec with { MinReadySeconds = 10 } });

        sim.RunFor(TimeSpan.FromSeconds(4));
        var status = sim.State.GetDaemonSet("logging", "fluentd")!.Status;
        (status.CurrentNumberScheduled, status.NumberReady, status.NumberAvailable).ShouldBe((1, 0, 0));

        sim.RunFor(TimeSpan.FromSeconds(1));
        status = sim.State.GetDaemonSet("logging", "fluentd")!.Status;
        (status.NumberReady, status.NumberAvailable, status.NumberUnavailable).ShouldBe((1, 0, 1));

        sim.RunFor(TimeSpan.FromSeconds(10));
        status = sim.State.GetDaemonSet("logging", "fluentd")!.Status;
        (status.NumberReady, status.NumberAvailable, status.NumberUnavailable).ShouldBe((1, 1, 0));
    }

    [Fact]
    public void State_Snapshot_NeverChangesAfterwards()
    {
        var sim = Fixtures.Cluster(2);
        sim.CreateNamespace("logging");
        var before = sim.State;

        sim.CreateDaemonSet(Fixtures.Fluentd());
        sim.RunUntilSettled();

        before.Pods.ShouldBeEmpty();
        before.DaemonSets.ShouldBeEmpty();
        sim.State.Pods.Count.ShouldBe(2);
    }
}
