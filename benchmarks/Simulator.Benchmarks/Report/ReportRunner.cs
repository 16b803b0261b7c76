using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Simulator.Benchmarks.Workloads;
using Simulator.Engine;

namespace Simulator.Benchmarks.Report;

/// <summary>
/// <c>--report</c>: every scenario once, after a warm-up pass at a tiny size, without BenchmarkDotNet's statistics. Prints a table
/// and writes the same as JSON. Timing targets are judged at the full sizes only; the correctness checks (determinism, the fast
/// engine agreeing with the naive reference) fail the run at any size.
/// </summary>
internal static class ReportRunner
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    // Relaxed escaping keeps "×" and "≤" readable in the file; it is read by people and tools, never embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The naive reference costs about a second per node event at 5,000 nodes × 20 DaemonSets, so B2, B3 and B5 time it on
    // this many events (B5: seconds of churn, 20 events each) and scale to the measured run's count.
    private const int NaiveSample = 3;

    public static int Run(string[] args)
    {
        var small = Option(args, "--size") == "small";
        var output = Option(args, "--out") ?? Path.Combine(RepositoryRoot(), "benchmarks", "results", "report.json");
        var sizes = small ? Sizes.Small : Sizes.Full;
        var withNaive = !args.Contains("--no-naive");
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Console.WriteLine("Warming up...");
        foreach (var unused in Scenarios(Sizes.Tiny, judge: false, only, withNaive))
        {
        }

        var rows = new List<ReportRow>();
        foreach (var row in Scenarios(sizes, judge: !small, only, withNaive))
        {
            rows.Add(row);
            Console.WriteLine(Format(row));
        }

        rows = [.. rows.OrderBy(r => int.Parse(r.Id[1..], Invariant))];
        Console.WriteLine();
        Console.WriteLine(Table(rows));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, Json(rows, sizes));
        Console.WriteLine($"Written to {output}");

        var failedChecks = rows.Where(r => r.Verdict == "FAIL" && r.Id == "B10").ToList();
        foreach (var failed in failedChecks)
        {
            Console.Error.WriteLine($"check failed: {failed.Id} {failed.Scenario}: {failed.Result}");
        }

        return failedChecks.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<ReportRow> Scenarios(Sizes sizes, bool judge, HashSet<string>? only, bool withNaive)
    {
        bool Wants(string id) => only is null || only.Contains(id);

        var n = sizes.Nodes;
        var checks = new List<(string What, bool Ok)>();

        // B1: cold reconcile, fast and naive.
        if (Wants("B1"))
        {
            var cold = new ColdReconcile(n, 20, naive: false);
            cold.Setup();
            var b1 = Measurement.Of(cold.Run);
            double? b1Naive = null;
            if (withNaive)
            {
                var coldNaive = new ColdReconcile(n, 20, naive: true);
                coldNaive.Setup();
                b1Naive = Measurement.Of(coldNaive.Run).Ms;
                checks.Add(($"B1 placements agree with the naive reference at {n:N0} nodes", Placements(cold.Simulation) == Placements(coldNaive.Simulation)));
            }

            var podsPerSecond = b1.Result / (b1.Ms / 1000);
            yield return Row("B1", $"cold reconcile, {n:N0} nodes × 20 DaemonSets", b1, b1Naive,
                $"{b1.Result:N0} pods, {podsPerSecond:N0} pods/s; {b1.Collections} garbage collections paused {b1.GcPauseMs:N0} ms",
                "≤ 500 ms; ≥ 5× naive; ≥ 200,000 pods/s",
                judge ? b1.Ms <= 500 && b1Naive / b1.Ms >= 5 && podsPerSecond >= 200_000 : null);
            cold = null!;
        }

        // B4: rolling updates of one DaemonSet on every node, without and with surge.
        if (Wants("B4"))
        {
            foreach (var surge in new[] { false, true })
            {
                var roll = new RollingUpdate(sizes.RolloutNodes, surge, naive: false);
                roll.Setup();
                var b4 = Measurement.Of(roll.Run);
                double? b4Naive = null;
                if (withNaive)
                {
                    var rollNaive = new RollingUpdate(sizes.RolloutNodes, surge, naive: true);
                    rollNaive.Setup();
                    b4Naive = Measurement.Of(rollNaive.Run).Ms;
                    checks.Add(($"B4 rollout (surge {surge}) takes the same virtual time as the naive reference", roll.VirtualDuration == rollNaive.VirtualDuration && Placements(roll.Simulation) == Placements(rollNaive.Simulation)));
                }

                yield return Row("B4", $"RollingUpdate {(surge ? "maxSurge 1" : "maxUnavailable 1")}, minReadySeconds 10, {sizes.RolloutNodes:N0} nodes", b4, b4Naive,
                    $"{b4.Result:N0} pods updated in {roll.VirtualDuration.TotalHours:N2} h virtual",
                    "≤ 200 ms",
                    judge ? b4.Ms <= 200 : null);
            }
        }

        // B5: churn for an hour of virtual time; the naive reference runs the first seconds of it (cost per event compared).
        if (Wants("B5"))
        {
            var churn = new Churn(n, 20, naive: false);
            churn.Setup();
            var hour = TimeSpan.FromHours(sizes.ChurnHours);
            var b5 = Measurement.Of(() => churn.Run(20, hour));
            double? b5Naive = null;
            if (withNaive)
            {
                var churnNaive = new Churn(n, 20, naive: true);
                churnNaive.Setup();
                var sample = Measurement.Of(() => churnNaive.Run(20, TimeSpan.FromSeconds(NaiveSample)));
                b5Naive = sample.Ms / sample.Result * b5.Result;
            }

            yield return Row("B5", $"churn at 20 events/s for {hour.TotalMinutes:N0} virtual min, {n:N0} nodes × 20 DaemonSets", b5, b5Naive,
                $"{b5.Result:N0} events, {b5.Ms / b5.Result * 1000:N1} µs/event (naive: the first {NaiveSample * 20} events, scaled)",
                "≤ 2 s",
                judge ? b5.Ms <= 2000 : null);
            churn = null!;
        }

        // B6 and B7: the big cold reconcile (10 N nodes × 10 DaemonSets) and N × 10 for the linearity; memory per node and per pod.
        // B2 and B3: node events at N × 20, and the same events on the two 10-DaemonSet clusters for how cost grows with nodes.
        if (Wants("B2") || Wants("B3") || Wants("B6") || Wants("B7"))
        {
            var heapEmpty = Measurement.LiveHeap();
            var big = new ColdReconcile(sizes.BigNodes, 10, naive: false);
            big.Setup();
            var heapNodes = Measurement.LiveHeap();
            var b6 = Measurement.Of(big.Run);
            var heapSettled = Measurement.LiveHeap();
            var reference = new ColdReconcile(sizes.BigNodes / 10, 10, naive: false);
            reference.Setup();
            var b6Reference = Measurement.Of(reference.Run);
            var linearity = b6.Ms / (b6Reference.Ms * 10);
            var perNode = (heapNodes - heapEmpty) / (double)sizes.BigNodes;
            var perPod = (heapSettled - heapNodes) / (double)b6.Result;

            const int rounds = 10;
            var events = new NodeEvents(n, 20);
            events.Setup();
            var evaluationsBefore = events.Simulation.ShouldRunEvaluations;
            var b2 = Measurement.Of(() => Repeat(rounds, events.AddRelabelTaint));
            var perEvent = (events.Simulation.ShouldRunEvaluations - evaluationsBefore) / (double)b2.Result;
            var b2Naive = withNaive ? Measurement.Of(() => events.NaiveFullSyncs(NaiveSample)).Ms * b2.Result / NaiveSample : (double?)null;
            var smallTen = new NodeEvents(reference.Simulation);
            var bigTen = new NodeEvents(big.Simulation);
            var growth = Measurement.Of(() => Repeat(rounds, bigTen.AddRelabelTaint)).Ms / Measurement.Of(() => Repeat(rounds, smallTen.AddRelabelTaint)).Ms;
            yield return Row("B2", $"node added, relabelled, tainted; {n:N0} nodes × 20 DaemonSets ({b2.Result} events)", b2, b2Naive,
                $"{perEvent:N1} shouldRun evaluations/event; {b2.Ms / b2.Result:N2} ms/event; with 10 DaemonSets, {sizes.BigNodes:N0} nodes take {growth:N2}× the time of {sizes.BigNodes / 10:N0}",
                "≤ 20 evaluations/event; 10× nodes ≤ 1.5× time",
                judge ? perEvent <= 20 && growth <= 1.5 : null);

            var touched = Math.Max(2, n / 100);
            var b3 = Measurement.Of(() => events.Flip(touched));
            var b3Naive = withNaive ? Measurement.Of(() => events.NaiveFullSyncs(NaiveSample)).Ms * touched / NaiveSample : (double?)null;
            // The growth compares several rounds of flips (tens of milliseconds), which one round is too short to time steadily.
            var flipGrowth = Measurement.Of(() => Repeat(rounds, () => bigTen.Flip(touched))).Ms / Measurement.Of(() => Repeat(rounds, () => smallTen.Flip(touched))).Ms;
            yield return Row("B3", $"label and taint flips on {touched} nodes (1%) of {n:N0} × 20 DaemonSets", b3, b3Naive,
                $"{b3.Ms / touched:N2} ms/node; {rounds} rounds of the same {touched} flips with 10 DaemonSets take {flipGrowth:N2}× as long at {sizes.BigNodes:N0} nodes as at {sizes.BigNodes / 10:N0}",
                "proportional to nodes touched (10× cluster ≤ 1.5× time)",
                judge ? flipGrowth <= 1.5 : null);

            yield return Row("B6", $"cold reconcile, {sizes.BigNodes:N0} nodes × 10 DaemonSets", b6, null,
                $"{b6.Result:N0} pods; heap {heapSettled / 1e6:N0} MB; {linearity:N2}× linear from {sizes.BigNodes / 10:N0} nodes",
                "≤ 5 s; near-linear; heap ≤ 600 MB",
                judge ? b6.Ms <= 5000 && heapSettled <= 600e6 && linearity <= 1.3 : null);
            yield return new ReportRow("B7", $"memory per object ({sizes.BigNodes:N0} nodes, {b6.Result:N0} pods)", 0, null, 0,
                $"{perNode:N0} B/node, {perPod:N0} B/pod",
                "≤ 1 KB/node, ≤ 256 B/pod",
                Verdict(judge ? perNode <= 1024 && perPod <= 256 : null));
        }

        // B8: the eligibility check alone.
        if (Wants("B8"))
        {
            var shouldRun = new ShouldRun(n, 20);
            shouldRun.Setup();

            // A pass takes milliseconds, less than the runtime waits before it optimises a hot method: warm both up for longer.
            var warmUp = System.Diagnostics.Stopwatch.StartNew();
            while (warmUp.ElapsedMilliseconds < 500)
            {
                shouldRun.Run();
                shouldRun.RunNaive();
            }
            var b8 = Measurement.Of(shouldRun.Run);
            double? b8Naive = null;
            if (withNaive)
            {
                var naive = Measurement.Of(shouldRun.RunNaive);
                b8Naive = naive.Ms;
                checks.Add(("B8 the predicate agrees with the oracle", b8.Result == naive.Result));
            }

            var nsPerPair = b8.Ms * 1e6 / shouldRun.Pairs;
            yield return Row("B8", $"shouldRun alone, {shouldRun.Pairs:N0} (node, DaemonSet) pairs", b8, b8Naive,
                $"{nsPerPair:N0} ns/pair",
                "≤ 150 ns/pair",
                judge ? nsPerPair <= 150 : null);
        }

        // B9: plain pods through the scheduler, against the same pods scored on every node; and kube-scheduler's published floor.
        if (Wants("B9"))
        {
            var plain = new PlainPods(n, sizes.PlainPods, naive: false);
            plain.Setup();
            var b9 = Measurement.Of(plain.Run);
            double? b9Naive = null;
            if (withNaive)
            {
                var everyNode = new PlainPods(n, sizes.PlainPods, naive: true);
                everyNode.Setup();
                b9Naive = Measurement.Of(everyNode.Run).Ms;
            }

            var scheduled = b9.Result / (b9.Ms / 1000);
            yield return Row("B9", $"{sizes.PlainPods:N0} plain pods scheduled on {n:N0} nodes (naive: every node scored)", b9, b9Naive,
                $"{scheduled:N0} pods/s ({scheduled / 810:N1}× the upstream floor of 810 pods/s)",
                "≥ 8,100 pods/s",
                judge ? scheduled >= 8100 : null);
        }

        // B10: the same seed gives the same event log and state; and the checks gathered above.
        if (Wants("B10"))
        {
            var first = new Churn(sizes.DeterminismNodes, 20, naive: false);
            first.Setup();
            first.Run(20, TimeSpan.FromMinutes(5));
            var second = new Churn(sizes.DeterminismNodes, 20, naive: false);
            second.Setup();
            var b10 = Measurement.Of(() => second.Run(20, TimeSpan.FromMinutes(5)));
            checks.Insert(0, ($"same seed, same event log ({first.Simulation.Events.Count:N0} events) and state", first.EventLog() == second.EventLog() && Placements(first.Simulation) == Placements(second.Simulation)));
            var failed = checks.Where(c => !c.Ok).Select(c => c.What).ToList();
            yield return new ReportRow("B10", $"determinism and agreement checks ({checks.Count})", b10.Ms, null, b10.AllocatedBytes,
                failed.Count == 0 ? string.Join("; ", checks.Select(c => c.What)) : "failed: " + string.Join("; ", failed),
                "same seed ⇒ same event log",
                failed.Count == 0 ? (judge ? "pass" : "ok") : "FAIL");
        }
    }

    private static int Repeat(int times, Func<int> run)
    {
        var total = 0;
        for (var i = 0; i < times; i++)
        {
            total += run();
        }

        return total;
    }

    /// <summary>Every pod's owner, node, revision hash and phase, in key order: what two equivalent runs must agree on.</summary>
    private static string Placements(Simulation sim) => string.Join('\n', sim.State.Pods.Values.Select(p =>
        $"{p.Metadata.ControllerRef?.Name}|{p.Spec.NodeName}|{p.Metadata.Labels.GetValueOrDefault("controller-revision-hash")}|{p.Status.Phase}|{p.Metadata.DeletionTimestamp is null}")
        .Order(StringComparer.Ordinal));

    private static ReportRow Row<T>(string id, string scenario, Measurement<T> measured, double? naiveMs, string result, string target, bool? ok) =>
        new(id, scenario, measured.Ms, naiveMs, measured.AllocatedBytes, result, target, Verdict(ok));

    private static string Verdict(bool? ok) => ok switch { true => "pass", false => "FAIL", null => "-" };

    private static string Format(ReportRow row) =>
        $"{row.Id,-4} {row.Scenario}: {row.WallMs:N1} ms" + (row.SpeedUp is { } s ? $", {s:N1}× naive" : "") + $", {row.AllocatedBytes / 1e6:N1} MB allocated; {row.Result} [{row.Verdict}]";

    private static string Table(List<ReportRow> rows)
    {
        var lines = new List<string>
        {
            "| id | scenario | wall | vs naive | allocated | result | target | verdict |",
            "|---|---|---:|---:|---:|---|---|---|",
        };
        foreach (var r in rows)
        {
            var wall = r.WallMs > 0 ? r.WallMs.ToString("N1", Invariant) + " ms" : "";
            var ratio = r.SpeedUp is { } s ? s.ToString("N1", Invariant) + "×" : "";
            var allocated = r.AllocatedBytes > 0 ? (r.AllocatedBytes / 1e6).ToString("N0", Invariant) + " MB" : "";
            lines.Add($"| {r.Id} | {r.Scenario} | {wall} | {ratio} | {allocated} | {r.Result} | {r.Target} | {r.Verdict} |");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Json(List<ReportRow> rows, Sizes sizes)
    {
        var document = new
        {
            machine = new
            {
                processor = ProcessorName(),
                cores = Environment.ProcessorCount,
                os = RuntimeInformation.OSDescription,
                runtime = RuntimeInformation.FrameworkDescription,
            },
            sizes = sizes.Name,
            scenarios = rows.Select(r => new
            {
                id = r.Id,
                scenario = r.Scenario,
                wallMs = Math.Round(r.WallMs, 2),
                naiveMs = r.NaiveMs is { } naive ? Math.Round(naive, 2) : (double?)null,
                speedUpOverNaive = r.SpeedUp is { } s ? Math.Round(s, 2) : (double?)null,
                allocatedBytes = r.AllocatedBytes,
                result = r.Result,
                target = r.Target,
                verdict = r.Verdict,
            }),
        };
        return JsonSerializer.Serialize(document, Indented);
    }

    private static string ProcessorName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The sizes of one report: full (the issue's targets) or small (CI, so the project cannot rot).</summary>
    private sealed record Sizes(string Name, int Nodes, int BigNodes, int RolloutNodes, int PlainPods, double ChurnHours, int DeterminismNodes)
    {
        public static readonly Sizes Full = new("full", 5_000, 50_000, 500, 10_000, 1, 500);
        public static readonly Sizes Small = new("small", 500, 5_000, 500, 2_000, 1, 200);
        public static readonly Sizes Tiny = new("tiny", 50, 200, 20, 100, 0.05, 20);
    }
}
