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
        bool answererPinned = false;
        var answerer = new Thread(() =>
        {
            answererPinned = ThreadPinning.TryPin(second);
            Volatile.Write(ref line.Ready, 1);
            for (long expected = 1; expected < 2L * roundTrips; expected += 2)
            {
                while (Volatile.Read(ref line.Counter) != expected) { }
                Volatile.Write(ref line.Counter, expected + 1);
            }
        }) { IsBackground = true };
        answerer.Start();
        bool starterPinned = ThreadPinning.TryPin(first);
        try
        {
            while (Volatile.Read(ref line.Ready) == 0) Thread.SpinWait(1);
            var clock = Stopwatch.StartNew();
            for (long value = 1; value < 2L * roundTrips; value += 2)
            {
                Volatile.Write(ref line.Counter, value);
                while (Volatile.Read(ref line.Counter) != value + 1) { }
            }
            double nanoseconds = clock.Elapsed.TotalNanoseconds / roundTrips;
            answerer.Join();
            return starterPinned && answererPinned ? nanoseconds : double.NaN;
        }
        finally
        {
            ThreadPinning.Release();
        }
    }

    /// <summary>The counter both threads write, with a cache line of nothing either side of it (against adjacent-line prefetch).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private sealed class SharedLine
    {
        [FieldOffset(128)] public long Counter;
        [FieldOffset(136)] public int Ready;
    }
}
