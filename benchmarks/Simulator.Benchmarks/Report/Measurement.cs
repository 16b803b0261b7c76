using System.Diagnostics;

namespace Simulator.Benchmarks.Report;

/// <summary>A single timed run: wall time and bytes allocated, after a full collection so earlier garbage is not billed.</summary>
internal readonly record struct Measurement<T>(double Ms, long AllocatedBytes, T Result)
{
    public static Measurement<T> Of(Func<T> run)
    {
        Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = run();
        watch.Stop();
        return new Measurement<T>(watch.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before, result);
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
