namespace Simulator.Benchmarks.Report;

/// <summary>One line of the report.</summary>
/// <param name="Id">The scenario id (B1 … B10).</param>
/// <param name="Scenario">What ran, with its size.</param>
/// <param name="WallMs">Wall time of the measured run, in milliseconds.</param>
/// <param name="NaiveMs">Wall time of the naive reference on the same work, when the scenario has one.</param>
/// <param name="AllocatedBytes">Bytes allocated by the measured run.</param>
/// <param name="Result">The scenario's own figure (pods per second, evaluations per event, ...).</param>
/// <param name="Target">The target, in the words.</param>
/// <param name="Verdict"><c>pass</c>, <c>FAIL</c>, <c>ok</c> (a check, small sizes) or <c>-</c> (no target).</param>
internal sealed record ReportRow(string Id, string Scenario, double WallMs, double? NaiveMs, long AllocatedBytes, string Result, string Target, string Verdict)
{
    /// <summary>How many times faster than the naive reference (naive time over measured time).</summary>
    public double? SpeedUp => NaiveMs is { } naive && WallMs > 0 ? naive / WallMs : null;
}
