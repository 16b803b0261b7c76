using Simulator.Model;

namespace Simulator.Testing.Tests;

public class ParallelSafetyTests
{
    [Fact]
    public void SharedClusterBuilder_RunOnParallelThreads_EveryRunGivesTheSameCluster()
    {
        // One description shared by every thread, as tests running in parallel share a static preset.
        var shared = Cluster.With(40).Workers().Labelled("type", "platform-tools")
            .And(10).Workers().Tainted("dedicated=infra:NoSchedule")
            .Node("k8s-worker-2", n => n.Tainted("app=fluentd-logging:NoExecute"))
            .WithPriorityClass(Presets.HighPriority)
            .WithDaemonSets(Presets.FluentdWithPriority, DaemonSetBuilder.Named("monitoring/node-exporter").ToleratingEverything());
        var expected = Outcome(shared.Run());
        var results = new (int Events, string Placements, string Log)[32];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            results[i] = Outcome(shared.Run().Taint("k8s-worker-3", "app=fluentd-logging:NoExecute").Untaint("k8s-worker-3", "app"));
        });

        var sequential = Outcome(shared.Run().Taint("k8s-worker-3", "app=fluentd-logging:NoExecute").Untaint("k8s-worker-3", "app"));
        foreach (var result in results)
        {
            result.Events.ShouldBe(sequential.Events);
            result.Placements.ShouldBe(sequential.Placements);
            result.Log.ShouldBe(sequential.Log);
        }

        expected.Placements.ShouldNotBeEmpty();
        sequential.Placements.ShouldBe(expected.Placements);
        sequential.Events.ShouldBeGreaterThan(expected.Events);
    }

    private static (int Events, string Placements, string Log) Outcome(TestCluster cluster) =>
    (
        cluster.Simulation.Events.Count,
        string.Join(";", cluster.State.DaemonSets.Keys.Order(StringComparer.Ordinal).Select(k => k + "=" + string.Join(",", cluster.NodesRunning(k)))),
        string.Join("\n", cluster.Simulation.Events.Select(e => e.ToString()))
    );
}
