using System.Runtime;

namespace MlNetNeural.Tests.Measuring;

/// <summary>
/// Bytes the current thread allocates while an action runs, measured so that the rest of the process cannot move the count.
/// </summary>
/// <remarks>
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts whole allocation quanta (about 8 KB) handed to the thread, less
/// what is still unused in the current one; a garbage collection during the measurement (in a test run, often caused by
/// other tests allocating in parallel) can shift the count by up to one quantum either way, which is far above the few
/// bytes an allocation-free loop is allowed. So each attempt runs inside a no-GC region, and attempts that a collection
/// interrupted anyway (others allocated more than the region's budget) are measured again. The least of the clean attempts
/// is the action's cost: the runtime may still allocate on this thread now and then (type loading, tiered compilation), and
/// that only ever adds bytes, while an allocation in the code under test shows in every attempt.
/// </remarks>
internal static class ThreadAllocations
{
    /// <summary>Clean attempts the least is taken over.</summary>
    public const int CleanAttempts = 3;

    /// <summary>Attempts in all before the least of whatever was measured is returned.</summary>
    public const int MaxAttempts = 12;

    /// <summary>Bytes the process may allocate during one attempt without a collection (all threads together).</summary>
    private const long NoGcBudget = 64L << 20;

    // One no-GC region at a time in the process: tests of one assembly run in parallel.
    private static readonly object Gate = new();

    /// <summary>The least number of bytes the current thread allocated over <see cref="CleanAttempts"/> runs of <paramref name="action"/> that no garbage collection interrupted.</summary>
    /// <param name="action">What to measure; it runs up to <see cref="MaxAttempts"/> times.</param>
    public static long Least(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Least(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
    }

    /// <summary>
    /// The same for a measurement that reads <see cref="GC.GetAllocatedBytesForCurrentThread"/> itself around the part that counts
    /// (say, a loop over a cursor it opened first) and returns the difference.
    /// </summary>
    /// <param name="measure">Runs the setup and the measured part; returns the bytes the measured part allocated.</param>
    public static long Least(Func<long> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        long leastClean = long.MaxValue, leastAny = long.MaxValue;
        int clean = 0;
        for (int attempt = 0; attempt < MaxAttempts && clean < CleanAttempts; attempt++)
        {
            (long bytes, bool interrupted) = Once(measure);
            leastAny = Math.Min(leastAny, bytes);
            if (interrupted) continue;
            leastClean = Math.Min(leastClean, bytes);
            clean++;
        }
        return clean > 0 ? leastClean : leastAny;
    }

    private static (long Bytes, bool Interrupted) Once(Func<long> measure)
    {
        lock (Gate)
        {
            bool inRegion = TryStartNoGcRegion();
            int collections = GC.CollectionCount(0);
            try
            {
                long bytes = measure();
                return (bytes, GC.CollectionCount(0) != collections);
            }
            finally
            {
                if (inRegion && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            }
        }
    }

    /// <summary>Starts a no-GC region; false where the runtime cannot give one that large (a small heap limit), and the attempt then counts only if no collection happened.</summary>
    private static bool TryStartNoGcRegion()
    {
        try
        {
            return GC.TryStartNoGCRegion(NoGcBudget);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
