using System.Diagnostics;

namespace Simulator.Benchmarks.Report;

/// <summary>A single timed run: wall time and bytes allocated, after a full collection so earlier garbage is not billed.</summary>
/// <param name="Ms">Wall time in milliseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated.</param>
/// <param name="Result">The run's own figure.</param>
/// <param name="GcPauseMs">Time the runtime was paused for garbage collection during the run.</param>
/// <param name="Collections">Garbage collections during the run (all generations).</param>
internal readonly record struct Measurement<T>(double Ms, long AllocatedBytes, T Result, double GcPauseMs = 0, int Collections = 0);

/// <summary>Times runs and reads the heap.</summary>
internal static class Measurement
{
    public static Measurement<T> Of<T>(Func<T> run)
    {
        Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        var result = run();
        watch.Stop();
        return new Measurement<T>(
            watch.Elapsed.TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: true) - before,
            result,
            (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds,
            GC.CollectionCount(0) - collectionsBefore);
    }

    /// <summary>The managed heap after a full, compacting collection.</summary>
    public static long LiveHeap()
    {
        Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
