using System.Runtime.InteropServices;

namespace MlNetNeural.Benchmarks.Host;

/// <summary>Binds the calling thread to one logical processor (Linux only: <c>sched_setaffinity</c> on the thread itself).</summary>
public static partial class ThreadPinning
{
    /// <summary>Pins the calling thread to <paramref name="processor"/>; false where the platform or the process's CPU set does not allow it.</summary>
    /// <param name="processor">A logical processor number, 0 to 63.</param>
    public static bool TryPin(int processor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(processor);
        if (!OperatingSystem.IsLinux() || processor >= 64) return false;
        ulong mask = 1UL << processor;
        return SchedSetAffinity(0, sizeof(ulong), ref mask) == 0;
    }

    /// <summary>Releases the calling thread to every processor the process may use.</summary>
    public static void Release()
    {
        if (!OperatingSystem.IsLinux()) return;
        ulong mask = Environment.ProcessorCount >= 64 ? ulong.MaxValue : (1UL << Environment.ProcessorCount) - 1;
        SchedSetAffinity(0, sizeof(ulong), ref mask);
    }

    // pid 0: the calling thread.
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint setSize, ref ulong mask);
}
