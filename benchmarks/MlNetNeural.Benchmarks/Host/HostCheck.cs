using System.Globalization;

namespace MlNetNeural.Benchmarks.Host;

/// <summary>
/// Not a benchmark: what kind of host this run has, to be printed before speed numbers are compared with another day's.
/// The 2-vCPU machines this project is measured on change between days and even within an hour (docs/benchmarks.md,
/// "The host's arithmetic peak differs between days" and "Workload W on the faster host"): each core's multiply-add peak and
/// the cache-line round trip between the two cores decide the one-thread epoch and what the second thread adds.
/// </summary>
public static class HostCheck
{
    /// <summary>Multiply-adds per chain for one core's peak (about a second at 115 GFLOP/s with 512-bit vectors).</summary>
    public const long PeakSteps = 300_000_000;

    /// <summary>Round trips timed per sample between two cores.</summary>
    public const int RoundTrips = 20_000;

    /// <summary>Samples of the round trip, about a quarter of a second apart: the placement of a VM's two vCPUs can change within seconds.</summary>
    public const int RoundTripSamples = 9;

    /// <summary>Prints each processor's multiply-add peak (up to the first four) and the round trip between processors 0 and 1.</summary>
    /// <param name="output">Where the lines go.</param>
    public static void Run(TextWriter output)
    {
        output.WriteLine($"host check: {Environment.ProcessorCount} logical processors, {MultiplyAddPeak.VectorFloats * 32}-bit vectors measured; load average {Ours.EpochTiming.LoadAverage()}");
        if (MultiplyAddPeak.VectorFloats == 0) output.WriteLine("this CPU has neither AVX-512 nor AVX2 with FMA: no multiply-add peak measured");
        else PrintPeaks(output);
        if (Environment.ProcessorCount < 2)
        {
            output.WriteLine("one processor: no round trip to measure");
            return;
        }
        PrintRoundTrip(output);
    }

    private static void PrintPeaks(TextWriter output)
    {
        for (int processor = 0; processor < Math.Min(4, Environment.ProcessorCount); processor++)
        {
            bool pinned = ThreadPinning.TryPin(processor);
            MultiplyAddPeak.Measure(PeakSteps / 10); // warm-up: the loop reaches its optimized code
            double peak = MultiplyAddPeak.Measure(PeakSteps);
            ThreadPinning.Release();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"processor {processor}{(pinned ? "" : " (not pinned)")}: multiply-add peak {peak:F1} GFLOP/s single precision"));
        }
    }

    private static void PrintRoundTrip(TextWriter output)
    {
        CacheLineRoundTrip.Measure(0, 1, RoundTrips);
        var samples = new double[RoundTripSamples];
        for (int i = 0; i < samples.Length; i++)
        {
            if (i > 0) Thread.Sleep(250);
            samples[i] = CacheLineRoundTrip.Measure(0, 1, RoundTrips);
        }
        if (samples.Any(double.IsNaN))
        {
            output.WriteLine("cache-line round trip between processors 0 and 1: not measured (threads cannot be pinned here)");
            return;
        }
        Array.Sort(samples);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cache-line round trip between processors 0 and 1: median {samples[samples.Length / 2]:F0} ns, {samples[0]:F0} to {samples[^1]:F0} ns over {samples.Length} samples 0.25 s apart"));
    }
}
