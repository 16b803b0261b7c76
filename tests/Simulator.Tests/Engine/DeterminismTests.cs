using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;

namespace Simulator.Tests.Engine;

public class DeterminismTests
{
    private static string Scenario(ulong seed)
    {
        var sim = new Simulation(new SimulationOptions { Seed = seed });
        for (var i = 1; i <= 60; i++)
        {
            sim.CreateNode(Fixtures.Node($"worker-{i}", labels: i % 3 == 0 ? StringMap.Of("type", "platform-tools") : default, memory: i % 7 == 0 ? "100Mi" : "16Gi"));
        }

        sim.CreateNamespace("logging");
        sim.CreateDaemonSet(Fixtures.Fluentd());
        sim.RunUntilSettled();
        sim.TaintNode("worker-2", new Taint("app", "fluentd-logging", TaintEffect.NoExecute));
        sim.FailNode("worker-5");
        sim.RunFor(TimeSpan.FromMinutes(2));
        sim.UpdateDaemonSet("logging", "fluentd", ds => ds with
        {
            Spec = ds.Spec with { Template = ds.Spec.Template with { Spec = ds.Spec.Template.Spec with { NodeSelector = StringMap.Of("type", "platform-tools") } } },
        });
        sim.RunUntilSettled();
        sim.DeleteNode("worker-9");
        sim.RunUntilSettled();
        return string.Join("\n", sim.Events) + "\n" + string.Join("\n", sim.State.Pods.Values.Select(p => $"{p.Key} {p.Metadata.Uid} {p.Spec.NodeName} {p.Status.Phase}"));
    }

    [Fact]
    public void EventLog_SameSeedAndInputs_ByteIdentical()
    {
        var first = Scenario(7);
        var second = Scenario(7);

        second.ShouldBe(first);
        first.ShouldContain("FailedScheduling");
        first.ShouldContain("NodeNotReady");
    }

    [Fact]
    public void EventLog_DifferentSeed_DifferentNamesSameOutcome()
    {
        var a = new Simulation(new SimulationOptions { Seed = 1 });
        var b = new Simulation(new SimulationOptions { Seed = 2 });
        foreach (var sim in new[] { a, b })
        {
            sim.CreateNode(Fixtures.Node("n1"));
            sim.CreateNamespace("logging");
            sim.CreateDaemonSet(Fixtures.Fluentd());
            sim.RunUntilSettled();
        }

        a.State.Pods.Keys.ShouldNotBe(b.State.Pods.Keys);
        a.State.GetDaemonSet("logging", "fluentd")!.Status.ShouldBe(b.State.GetDaemonSet("logging", "fluentd")!.Status);
    }

    [Fact]
    public void SimRandom_SameSeed_SameSequence()
    {
        var a = new SimRandom(42);
        var b = new SimRandom(42);

        Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ShouldBe(Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
    }

    [Fact]
    public void SimRandom_KnownSeed_FixedFirstValue()
    {
        // SplitMix64's published first output for seed 0 pins the algorithm across runtime versions.
        new SimRandom(0).NextUInt64().ShouldBe(0xE220A8397B1DCDAFUL);
    }
}
