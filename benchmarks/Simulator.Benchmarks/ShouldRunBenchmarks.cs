using BenchmarkDotNet.Attributes;
using Simulator.Benchmarks.Workloads;

namespace Simulator.Benchmarks;

/// <summary>
/// B8: the (node, DaemonSet) eligibility check alone, over every pair of <see cref="Nodes"/> nodes × 20 DaemonSets
/// (<see cref="ShouldRun"/>). The baseline is the property tests' oracle, <c>ReferenceModel.Verdict</c>, a plain restatement of
/// the spec. One operation evaluates every pair, and <c>[OperationsPerInvoke]</c> cannot follow a <c>[Params]</c> value, so the
/// cost per pair is the mean divided by <see cref="Nodes"/> × 20 (e.g. 10,000 pairs at 500 nodes, 100,000 at 5,000).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SimulatorBenchmarks))]
public class ShouldRunBenchmarks
{
    private const int DaemonSets = 20;

    private ShouldRun _workload = null!;

    [Params(500, 5000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new ShouldRun(Nodes, DaemonSets);
        _workload.Setup();
    }

    [Benchmark(Baseline = true, Description = "naive: ReferenceModel.Verdict (oracle)")]
    public int RunNaive() => _workload.RunNaive();

    [Benchmark(Description = "DaemonSetPlan.Evaluate")]
    public int Run() => _workload.Run();
}
