using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Threading;

/// <summary>
/// The threads that compute a training run (or a scoring call) together: the calling thread and helper threads that stay
/// on call for the whole run. The caller takes the helpers with <see cref="Enter"/> for as long as the run lasts; every
/// parallel phase inside it (a matrix product, an element-wise pass, the optimizer update) is then handed to them with
/// <see cref="Run{TWork}"/> in well under a microsecond, because they wait for it spinning instead of sleeping.
/// </summary>
/// <remarks>
/// Each phase is split into chunks whose boundaries depend only on the problem, and the threads claim chunks one at a
/// time, so the result never depends on the thread count, and a helper that the operating system has not scheduled
/// holds nothing up: the caller claims the chunks it does not. One thread holds the helpers at a time; another thread
/// that asks meanwhile computes alone (with the same result).
/// </remarks>
internal static unsafe class ComputeTeam
{
    [ThreadStatic] private static int t_leaseDepth;
    [ThreadStatic] private static bool t_inChunk;

    // The phase on the board that the helpers work on while the caller goes on (StartBackground): its generation and chunks.
    [ThreadStatic] private static long t_backgroundGeneration;
    [ThreadStatic] private static int t_backgroundChunks;

    /// <summary>True when the current thread holds the helpers (inside <see cref="Enter"/>'s lease).</summary>
    public static bool IsHeld => t_leaseDepth > 0;

    /// <summary>Threads that may run the chunks of a phase of up to <paramref name="threads"/> threads the current thread runs: the caller and the helpers it holds, at most <paramref name="threads"/>.</summary>
    public static int MemberCount(int threads) => IsHeld ? Math.Clamp(TeamHelpers.Count + 1, 1, threads) : 1;

    /// <summary>
    /// The current thread's place in the phase whose chunk it runs, below <see cref="MemberCount"/>: 0 for the thread that
    /// holds the helpers (and any thread that is not a helper), 1 and up for the helpers in the order they joined. Lets a
    /// chunk use per-thread buffers that the lease holder sized beforehand.
    /// </summary>
    public static int MemberIndex => TeamHelpers.CurrentSeat;

    /// <summary>
    /// Takes the helpers for the current thread until the lease is disposed, when <paramref name="threads"/> is above 1 and
    /// no other thread holds them (otherwise the lease is empty and phases run on the calling thread). Leases nest on one thread.
    /// </summary>
    /// <param name="threads">Threads wanted, the caller included.</param>
    public static Lease Enter(int threads)
    {
        if (threads <= 1) return default;
        if (t_leaseDepth > 0)
        {
            t_leaseDepth++;
            return new Lease(held: true);
        }
        if (!TeamHelpers.TryAcquire(threads - 1)) return default;
        t_leaseDepth = 1;
        return new Lease(held: true);
    }

    /// <summary>
    /// Runs chunks 0 to <paramref name="chunks"/> − 1 of <paramref name="work"/>, on up to <paramref name="threads"/> threads
    /// when this thread holds the helpers, else on this thread in order; returns when every chunk has run. An exception
    /// from a chunk is rethrown here after the others have finished. Inside a chunk, nested phases run on the calling thread.
    /// </summary>
    /// <param name="work">The work; copied, so chunks must write their results through references or pointers it holds.</param>
    /// <param name="chunks">Number of chunks.</param>
    /// <param name="threads">Most threads to use, the caller included.</param>
    public static void Run<TWork>(ref TWork work, int chunks, int threads) where TWork : IChunkedWork
    {
        if (chunks <= 0) return;
        if (chunks == 1 || !CanPost(threads))
        {
            for (int chunk = 0; chunk < chunks; chunk++) work.Run(chunk);
            return;
        }
        // The copy lives in this frame, on the caller's stack, until every chunk has finished: helpers reach it by address.
        TWork local = work;
        t_inChunk = true;
        try
        {
            for (int first = 0; first < chunks; first += TeamHelpers.MaxChunks)
            {
                TeamHelpers.Run(&RunChunk<TWork>, Unsafe.AsPointer(ref local), first, Math.Min(TeamHelpers.MaxChunks, chunks - first), threads - 1);
            }
        }
        finally
        {
            t_inChunk = false;
        }
    }

    /// <summary>
    /// Hands chunks 0 to <paramref name="chunks"/> − 1 of the work at <paramref name="work"/> to the helpers and returns at
    /// once, so the caller can go on with other work; the phases it runs meanwhile run on it alone, and
    /// <see cref="FinishBackground"/> (which a matrix product calls before it splits) runs what the helpers left and waits.
    /// Without helpers to hand them to, the chunks run here and now. The work and everything it points to must stay where
    /// they are until then (pinned or native memory).
    /// </summary>
    /// <param name="work">The work; it is read in place, not copied.</param>
    /// <param name="chunks">Number of chunks.</param>
    /// <param name="threads">Most threads to use, the caller included.</param>
    public static void StartBackground<TWork>(TWork* work, int chunks, int threads) where TWork : unmanaged, IChunkedWork
    {
        if (chunks <= 0) return;
        if (chunks == 1 || chunks > TeamHelpers.MaxChunks || !CanPost(threads))
        {
            for (int chunk = 0; chunk < chunks; chunk++) work->Run(chunk);
            return;
        }
        t_backgroundGeneration = TeamHelpers.Post(&RunChunk<TWork>, work, 0, chunks, threads - 1);
        t_backgroundChunks = chunks;
    }

    /// <summary>Finishes the work <see cref="StartBackground"/> handed to the helpers, if any: runs the chunks they have not claimed and waits for the others.</summary>
    public static void FinishBackground()
    {
        if (t_backgroundChunks == 0) return;
        int chunks = t_backgroundChunks;
        t_backgroundChunks = 0;
        t_inChunk = true;
        try
        {
            TeamHelpers.Finish(t_backgroundGeneration, chunks);
        }
        finally
        {
            t_inChunk = false;
        }
    }

    /// <summary>True when a phase of up to <paramref name="threads"/> threads can go on the board now (this thread holds helpers, is not in a chunk, none is descheduled, the board is free).</summary>
    private static bool CanPost(int threads) =>
        threads > 1 && t_leaseDepth > 0 && !t_inChunk && t_backgroundChunks == 0 && TeamHelpers.Count > 0 && !TeamHelpers.RunSolo();

    /// <summary>Marks the current thread as running a chunk while a helper runs one (nested phases then stay on it).</summary>
    internal static bool EnterChunk()
    {
        bool outer = t_inChunk;
        t_inChunk = true;
        return outer;
    }

    /// <summary>Restores the state <see cref="EnterChunk"/> returned.</summary>
    internal static void ExitChunk(bool outer) => t_inChunk = outer;

    private static void RunChunk<TWork>(void* work, int chunk) where TWork : IChunkedWork => Unsafe.AsRef<TWork>(work).Run(chunk);

    /// <summary>The helpers held by the current thread; disposing gives them back (when the outermost lease ends).</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly bool _held;

        internal Lease(bool held) => _held = held;

        /// <summary>Gives the helpers back when this is the outermost lease.</summary>
        public void Dispose()
        {
            if (!_held) return;
            if (t_leaseDepth == 1) FinishBackground();
            if (--t_leaseDepth == 0) TeamHelpers.Release();
        }
    }
}
