using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MlNetNeural.Benchmarks.Host;

/// <summary>
/// How long one cache line takes to go from one core to another and back: two threads, each pinned to its processor, take
/// turns incrementing one shared counter, each spinning on a read until it sees the other's increment. Two cores that share a
/// level-3 cache measured 54-74 ns on this project's machines, two on different chiplets 333-560 ns (docs/benchmarks.md,
/// "A clean BenchmarkDotNet run"); training's phases hand data between the cores every few microseconds, so this decides
/// what the second thread is worth.
/// </summary>
public static class CacheLineRoundTrip
{
    /// <summary>Nanoseconds per round trip over <paramref name="roundTrips"/> round trips between <paramref name="first"/> and <paramref name="second"/>; NaN when the threads could not be pinned.</summary>
    /// <param name="first">The processor of the thread that starts each round trip.</param>
    /// <param name="second">The processor of the thread that answers (another than <paramref name="first"/>: two threads spinning on one
    /// processor would take turns only when the scheduler preempts them).</param>
    /// <param name="roundTrips">Round trips to time.</param>
    public static double Measure(int first, int second, int roundTrips)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrips, 1);
        if (first == second) throw new ArgumentException($"The round trip needs two different processors; both are {first}.", nameof(second));
        var line = new SharedLine();
        var answerer = new Thread(() =>
        {
            bool pinned = ThreadPinning.TryPin(second);
            Volatile.Write(ref line.Ready, pinned ? Pinned : NotPinned);
            if (!pinned) return;
            for (long expected = 1; expected < 2L * roundTrips; expected += 2)
            {
                long seen;
                while ((seen = Volatile.Read(ref line.Counter)) != expected)
                {
                    if (seen == Abandoned) return;
                }
                Volatile.Write(ref line.Counter, expected + 1);
            }
        }) { IsBackground = true };
        answerer.Start();
        bool starterPinned = ThreadPinning.TryPin(first);
        try
        {
            int ready;
            while ((ready = Volatile.Read(ref line.Ready)) == 0) Thread.SpinWait(1);
            // Unpinned, both threads could share one processor, where each round trip would wait for the scheduler.
            if (!starterPinned || ready != Pinned)
            {
                Volatile.Write(ref line.Counter, Abandoned);
                answerer.Join();
                return double.NaN;
            }
            var clock = Stopwatch.StartNew();
            for (long value = 1; value < 2L * roundTrips; value += 2)
            {
                Volatile.Write(ref line.Counter, value);
                while (Volatile.Read(ref line.Counter) != value + 1) { }
            }
            double nanoseconds = clock.Elapsed.TotalNanoseconds / roundTrips;
            answerer.Join();
            return nanoseconds;
        }
        finally
        {
            ThreadPinning.Release();
        }
    }

    private const int Pinned = 1, NotPinned = 2;
    private const long Abandoned = -1;

    /// <summary>The counter both threads write, with a cache line of nothing either side of it (against adjacent-line prefetch).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private sealed class SharedLine
    {
        [FieldOffset(128)] public long Counter;
        [FieldOffset(136)] public int Ready;
    }
}
