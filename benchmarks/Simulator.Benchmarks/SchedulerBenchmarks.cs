using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Simulator.Benchmarks.Workloads;

namespace Simulator.Benchmarks;

/// <summary>
/// B9: <see cref="Pods"/> plain pods (no controller) with resource requests created on <see cref="Nodes"/> bare nodes and
/// scheduled until all run (<see cref="PlainPods"/>). The baseline filters and scores every node for every pod
/// (<c>percentageOfNodesToScore: 100</c>); the measured run searches as kube-scheduler does by default, stopping at its adaptive
/// share of feasible nodes. Each iteration builds a fresh cluster in <c>[IterationSetup]</c> (not measured) and runs it once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SchedulerBenchmarks
{
    private PlainPods _adaptive = null!;
    private PlainPods _everyNode = null!;

    [Params(500, 5000)]
    public int Nodes { get; set; }

    [Params(1000)]
    public int Pods { get; set; }

    [IterationSetup(Target = nameof(EveryNode))]
    public void SetupEveryNode()
    {
        _everyNode = new PlainPods(Nodes, Pods, naive: true);
        _everyNode.Setup();
    }

    [IterationSetup(Target = nameof(Adaptive))]
    public void SetupAdaptive()
    {
        _adaptive = new PlainPods(Nodes, Pods, naive: false);
        _adaptive.Setup();
    }

    [Benchmark(Baseline = true, Description = "every node scored")]
    public int EveryNode() => _everyNode.Run();

    [Benchmark(Description = "adaptive percentageOfNodesToScore")]
    public int Adaptive() => _adaptive.Run();
}
