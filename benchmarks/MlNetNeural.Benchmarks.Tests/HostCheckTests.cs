using MlNetNeural.Benchmarks.Host;

namespace MlNetNeural.Benchmarks.Tests;

public class HostCheckTests
{
    [Fact]
    public void TheMultiplyAddPeakIsAPositiveRateOnAVectorCpuAndStepsMustBePositive()
    {
        double peak = MultiplyAddPeak.Measure(2_000_000);

        if (MultiplyAddPeak.VectorFloats == 0) Assert.Equal(0, peak);
        else Assert.InRange(peak, 1, 10_000); // GFLOP/s of one core: above 1, below any CPU of today
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiplyAddPeak.Measure(0));
    }

    [Fact]
    public void TheRoundTripBetweenTwoPinnedProcessorsIsMeasuredWhereThreadsCanBePinned()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CacheLineRoundTrip.Measure(0, 1, 0));
        Assert.Throws<ArgumentException>(() => CacheLineRoundTrip.Measure(0, 0, 10));
        if (Environment.ProcessorCount < 2) return; // nothing to measure on one processor

        double nanoseconds = CacheLineRoundTrip.Measure(0, 1, 2_000);

        if (OperatingSystem.IsLinux()) Assert.InRange(nanoseconds, 1, 1_000_000);
        else Assert.True(double.IsNaN(nanoseconds));
    }

    [Fact]
    public void PinningNamesOneProcessorAndReleaseRestoresTheThreadsOwnProcessors()
    {
        // The thread first keeps to the last processor only (as a program under taskset would), is pinned to processor 0,
        // then released: it must get its own processor set back, not every processor.
        ulong lastOnly = 1UL << Math.Min(63, Environment.ProcessorCount - 1);
        bool pinned = false;
        int processorWhilePinned = -1;
        ulong afterRelease = 0;
        var thread = new Thread(() =>
        {
            if (OperatingSystem.IsLinux()) SchedSetAffinity(0, sizeof(ulong), ref lastOnly);
            pinned = ThreadPinning.TryPin(0);
            processorWhilePinned = Thread.GetCurrentProcessorId();
            ThreadPinning.Release();
            afterRelease = ThreadPinning.CurrentProcessors();
        });
        thread.Start();
        thread.Join();

        Assert.Equal(OperatingSystem.IsLinux(), pinned);
        if (pinned)
        {
            Assert.Equal(0, processorWhilePinned);
            Assert.Equal(lastOnly, afterRelease);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadPinning.TryPin(-1));
        Assert.False(ThreadPinning.TryPin(64));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "sched_setaffinity")]
    private static extern int SchedSetAffinity(int pid, nint setSize, ref ulong mask);
}
