namespace MlNetNeural.Core.Kernels;

/// <summary>
/// A few background threads, created on first need and kept for the life of the process, that help the
/// calling thread run the chunks of one <see cref="GemmJob"/> block. One job uses the pool at a time;
/// a caller that finds it busy simply runs its job alone (the result is the same either way).
/// </summary>
internal static class GemmWorkerPool
{
    private static readonly object Gate = new();
    private static readonly Worker[] Workers = new Worker[Math.Max(0, Environment.ProcessorCount - 1)];
    private static int s_created;
    private static GemmJob? s_owner;

    /// <summary>
    /// Wakes up to <paramref name="helpers"/> workers on <paramref name="job"/> and returns how many were
    /// woken; each calls <see cref="GemmJob.HelperFinished"/> when done. The caller must wait for those
    /// calls and then call <see cref="Release"/>. Returns 0 when the pool is busy or has no workers.
    /// </summary>
    public static int Start(GemmJob job, int helpers)
    {
        helpers = Math.Min(helpers, Workers.Length);
        if (helpers <= 0 || !Monitor.TryEnter(Gate)) return 0;
        s_owner = job;
        while (s_created < helpers) Workers[s_created++] = new Worker();
        for (int i = 0; i < helpers; i++) Workers[i].Run(job);
        return helpers;
    }

    /// <summary>Gives the pool back after every helper of <paramref name="job"/> has finished.</summary>
    public static void Release(GemmJob job)
    {
        if (ReferenceEquals(s_owner, job))
        {
            s_owner = null;
            Monitor.Exit(Gate);
        }
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private volatile GemmJob? _job;

        public Worker()
        {
            new Thread(Loop) { IsBackground = true, Name = "MlNetNeural GEMM worker" }.Start();
        }

        public void Run(GemmJob job)
        {
            _job = job;
            _wake.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _wake.Wait();
                GemmJob job = _job!;
                _job = null;
                job.Participate();
                job.HelperFinished();
            }
        }
    }
}
