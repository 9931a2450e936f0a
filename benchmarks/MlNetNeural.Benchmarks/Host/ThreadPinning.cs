using System.Runtime.InteropServices;

namespace MlNetNeural.Benchmarks.Host;

/// <summary>Binds the calling thread to one logical processor and back (Linux only: <c>sched_getaffinity</c> / <c>sched_setaffinity</c> on the thread itself).</summary>
public static partial class ThreadPinning
{
    // The calling thread's processors before its first pin, restored by Release (0: not pinned).
    [ThreadStatic] private static ulong t_before;

    /// <summary>Pins the calling thread to <paramref name="processor"/>; false where the platform or the process's CPU set does not allow it.</summary>
    /// <param name="processor">A logical processor number, 0 to 63.</param>
    public static bool TryPin(int processor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(processor);
        if (!OperatingSystem.IsLinux() || processor >= 64) return false;
        if (t_before == 0) t_before = CurrentProcessors();
        ulong mask = 1UL << processor;
        return SchedSetAffinity(0, sizeof(ulong), ref mask) == 0;
    }

    /// <summary>The processors the calling thread may run on, one bit each (processors 0 to 63); 0 where that is unknown.</summary>
    public static ulong CurrentProcessors() =>
        OperatingSystem.IsLinux() && SchedGetAffinity(0, sizeof(ulong), out ulong mask) == 0 ? mask : 0;

    /// <summary>Gives the calling thread back the processors it had before <see cref="TryPin"/>.</summary>
    public static void Release()
    {
        if (t_before == 0) return;
        ulong mask = t_before;
        SchedSetAffinity(0, sizeof(ulong), ref mask);
        t_before = 0;
    }

    // pid 0: the calling thread. A 64-bit mask: processors 0 to 63.
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint setSize, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nint setSize, out ulong mask);
}
