using System.Diagnostics;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// A few background threads, created on first need and kept for the life of the process, that help the
/// calling thread run the chunks of one <see cref="GemmJob"/> block. One job uses the pool at a time;
/// a caller that finds it busy runs its job alone (the result is the same either way). A helper that
/// wakes late only joins a job that is still open, so the caller never waits for a thread that has not started.
/// After a job a helper polls for about 0.2 ms before it blocks.
/// </summary>
internal static class GemmWorkerPool
{
    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly int MaxHelpers = Math.Max(0, Environment.ProcessorCount - 1);
    private static int s_created;
    private static GemmJob? s_current;

    /// <summary>
    /// Offers <paramref name="job"/> to up to <paramref name="helpers"/> workers. Returns false (and does nothing)
    /// when the pool is busy or the machine has one core; otherwise the caller must call <see cref="End"/>
    /// after it has closed the job to helpers.
    /// </summary>
    public static bool TryBegin(GemmJob job, int helpers)
    {
        helpers = Math.Min(helpers, MaxHelpers);
        if (helpers <= 0 || !Monitor.TryEnter(Gate)) return false;
        for (; s_created < helpers; s_created++)
        {
            new Thread(Loop) { IsBackground = true, Name = "MlNetNeural GEMM helper" }.Start();
        }

        Volatile.Write(ref s_current, job);
        Wake.Release(helpers);
        return true;
    }

    /// <summary>Withdraws the current job and frees the pool for the next caller.</summary>
    public static void End()
    {
        Volatile.Write(ref s_current, null);
        Monitor.Exit(Gate);
    }

    private static void Loop()
    {
        while (true)
        {
            if (!WaitBriefly()) Wake.Wait();
            Volatile.Read(ref s_current)?.HelpIfOpen();
        }
    }

    /// <summary>
    /// Polls for the next job for up to 2 ms before blocking: consecutive products of a training step have
    /// serial work between them, and waking a blocked thread costs more than a product takes (measured with a
    /// 0.2 ms window: the helper blocked between products and two threads trained slower than one).
    /// </summary>
    private static bool WaitBriefly()
    {
        long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 500;
        var spin = new SpinWait();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (Wake.Wait(0)) return true;
            spin.SpinOnce(sleep1Threshold: -1);
        }

        return false;
    }
}
