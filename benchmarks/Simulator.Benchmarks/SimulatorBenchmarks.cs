using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;

namespace Simulator.Benchmarks;

/// <summary>
/// The configuration every benchmark class adds with <c>[Config(typeof(SimulatorBenchmarks))]</c>: ratios to the naive baseline
/// shown as a trend ("1,234.56x faster"), since the fast engine is often thousands of times faster and BenchmarkDotNet's default
/// ratio column would print 0.000.
/// </summary>
internal sealed class SimulatorBenchmarks : ManualConfig
{
    public SimulatorBenchmarks() => SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
}
