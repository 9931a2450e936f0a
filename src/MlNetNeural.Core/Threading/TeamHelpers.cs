using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace MlNetNeural.Core.Threading;

/// <summary>
/// The helper threads behind <see cref="ComputeTeam"/>: started on first need (at most one per core beyond the caller's)
/// and kept for the life of the process. Between phases a helper spins on the phase board for up to
/// <see cref="SpinWindow"/> (a training step's phases are microseconds apart, so during training it never sleeps), yielding
/// its core after the first few microseconds, then parks until the next phase wakes it.
/// </summary>
/// <remarks>
/// The board holds one phase at a time: a generation number and the unclaimed chunks [front, back), packed into one
/// 64-bit word that threads claim chunks from with compare-and-swap. A claim succeeds only while the word still names
/// the phase the claimant read, so a helper that arrives late can never run a chunk of a phase that has moved on.
/// The caller claims from the front and the helpers from the back, so from one step to the next the same thread mostly
/// runs the same chunks (the same columns of a weight matrix, the same parameter ranges) and finds their data in its own
/// core's cache, instead of pulling it across from the other core as chunks handed out in turn would make it.
/// The caller waits only for chunks that were claimed; those nobody claimed it runs itself.
/// </remarks>
internal static unsafe class TeamHelpers
{
    /// <summary>Most chunks one phase on the board can have (the board counts them in 16 bits).</summary>
    public const int MaxChunks = ushort.MaxValue;

    /// <summary>How long a helper keeps spinning for the next phase before it parks: 1 ms, far more than the gaps inside a training step.</summary>
    private static readonly long SpinWindow = Stopwatch.Frequency / 1000;

    /// <summary>
    /// A wait for helpers longer than this (250 us, several times the longest chunk of workload W's step) plus twice the
    /// caller's own mean chunk time in the phase means a helper was descheduled holding a chunk (a stall; what the team
    /// does about stalls: <see cref="StallPolicy"/>). (A helper that took the last chunk just before the caller ran out
    /// waits at most about one chunk, so large layers with long chunks do not count as stalls.)
    /// </summary>
    private static readonly long StallTicks = Stopwatch.Frequency / 4000;

    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly int Limit = Math.Max(0, Environment.ProcessorCount - 1);
    private static readonly Board Current = new();
    private static int s_started;
    private static readonly StallPolicy Stalls = new();
    private static Exception? s_failure;
    [ThreadStatic] private static int t_seat;

    /// <summary>
    /// The current helper's seat in the phase it runs chunks of: 1 to the phase's helper limit (at most <see cref="Count"/>),
    /// in the order the helpers joined it; 0 on any other thread.
    /// </summary>
    public static int CurrentSeat => t_seat;

    /// <summary>Helpers the current lease may use (0 when no lease is held).</summary>
    public static int Count { get; private set; }

    /// <summary>Takes the helpers for the calling thread (up to <paramref name="wanted"/> of them); false when another thread holds them or the machine has one core.</summary>
    public static bool TryAcquire(int wanted)
    {
        if (Limit == 0 || !Monitor.TryEnter(Gate)) return false;
        int helpers = Math.Min(wanted, Limit);
        for (; s_started < helpers; s_started++)
        {
            long generation = Volatile.Read(ref Current.State) >> 32;
            new Thread(() => Loop(generation)) { IsBackground = true, Name = "MlNetNeural compute helper" }.Start();
        }
        Count = helpers;
        return true;
    }

    /// <summary>
    /// True when the next phase should run on the caller alone: for a while after helpers stalled phases on a busy machine
    /// (<see cref="StallPolicy"/>, stalls as <see cref="StallTicks"/> defines them). Called by the lease holder only; the
    /// result never changes what a phase computes.
    /// </summary>
    public static bool RunSolo() => Stalls.RunSolo();

    /// <summary>Gives the helpers back (called by the thread that acquired them).</summary>
    public static void Release()
    {
        Count = 0;
        Monitor.Exit(Gate);
    }

    /// <summary>
    /// Posts chunks <paramref name="first"/> to <paramref name="first"/> + <paramref name="chunks"/> − 1 of the work at
    /// <paramref name="work"/>, runs chunks on the calling thread until none is left, waits for those helpers claimed,
    /// and rethrows the first exception any chunk threw.
    /// </summary>
    public static void Run(delegate*<void*, int, void> runner, void* work, int first, int chunks, int helperLimit) =>
        Finish(Post(runner, work, first, chunks, helperLimit), chunks);

    /// <summary>Puts chunks <paramref name="first"/> to <paramref name="first"/> + <paramref name="chunks"/> − 1 of the work at <paramref name="work"/> on the board for the helpers; returns the phase's generation for <see cref="Finish"/>.</summary>
    public static long Post(delegate*<void*, int, void> runner, void* work, int first, int chunks, int helperLimit)
    {
        var board = Current;
        board.Runner = runner;
        board.Work = work;
        board.FirstChunk = first;
        board.HelperLimit = Math.Min(helperLimit, Count);
        board.Done = 0;
        board.Joined = 0;
        s_failure = null;
        long generation = (board.State >> 32) + 1;
        Interlocked.Exchange(ref board.State, generation << 32 | (uint)chunks);
        if (Volatile.Read(ref board.Parked) > 0) Wake.Release(Count);
        return generation;
    }

    /// <summary>
    /// Runs the posted phase's unclaimed chunks on the calling thread, waits for those helpers claimed, and rethrows the
    /// first exception any chunk threw.
    /// </summary>
    public static void Finish(long generation, int chunks)
    {
        var board = Current;
        long start = Stopwatch.GetTimestamp();
        int own = 0;
        for (; TryClaim(generation, fromBack: false, out int chunk); own++) RunClaimed(chunk);
        var wait = new SpinWait();
        long waitStart = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref board.Done) < chunks) wait.SpinOnce(sleep1Threshold: -1);
        long meanOwnChunk = own == 0 ? 0 : (waitStart - start) / own;
        Stalls.AfterTeamPhase(stalled: Stopwatch.GetTimestamp() - waitStart > StallTicks + 2 * meanOwnChunk);
        if (s_failure is { } failure) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Claims the front (caller) or back (helpers) unclaimed chunk of phase <paramref name="generation"/>; false when none is left or the phase has moved on.</summary>
    private static bool TryClaim(long generation, bool fromBack, out int chunk)
    {
        long state = Volatile.Read(ref Current.State);
        while (state >> 32 == generation)
        {
            int front = (int)((state >> 16) & 0xFFFF), back = (int)(state & 0xFFFF);
            if (front >= back) break;
            long claimed = fromBack ? state - 1 : state + 0x10000;
            long seen = Interlocked.CompareExchange(ref Current.State, claimed, state);
            if (seen == state)
            {
                chunk = fromBack ? back - 1 : front;
                return true;
            }
            state = seen;
        }
        chunk = -1;
        return false;
    }

    private static void RunClaimed(int chunk)
    {
        var board = Current;
        try
        {
            board.Runner(board.Work, board.FirstChunk + chunk);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref s_failure, e, null);
        }
        finally
        {
            Interlocked.Increment(ref board.Done);
        }
    }

    private static void Loop(long generation)
    {
        var board = Current;
        while (true)
        {
            generation = WaitForPhaseAfter(generation);
            int seat = Interlocked.Increment(ref board.Joined);
            if (seat > Volatile.Read(ref board.HelperLimit)) continue;
            t_seat = seat;
            bool outer = ComputeTeam.EnterChunk();
            while (TryClaim(generation, fromBack: true, out int chunk)) RunClaimed(chunk);
            ComputeTeam.ExitChunk(outer);
        }
    }

    /// <summary>Spins until the board shows a phase newer than <paramref name="generation"/>, parking after <see cref="SpinWindow"/>; returns its generation.</summary>
    private static long WaitForPhaseAfter(long generation)
    {
        var board = Current;
        long start = Stopwatch.GetTimestamp();
        for (int spins = 0; ; spins++)
        {
            long current = Volatile.Read(ref board.State) >> 32;
            if (current != generation) return current;
            // A short busy spin, then a yield per look: on a busy machine the core goes to whoever is runnable (often the
            // caller itself, measured: two threads no slower than one under a load average of 20 on 2 cores, against 1.7x
            // slower with a pure spin) instead of to this loop; on a quiet one the yield returns at once.
            if (spins < 64) Thread.SpinWait(8);
            else Thread.Yield();
            if ((spins & 63) != 63 || Stopwatch.GetTimestamp() - start < SpinWindow) continue;
            Interlocked.Increment(ref board.Parked);
            if (Volatile.Read(ref board.State) >> 32 == generation) Wake.Wait();
            Interlocked.Decrement(ref board.Parked);
            start = Stopwatch.GetTimestamp();
            spins = -1;
        }
    }

    /// <summary>The phase board; the fields threads write while a phase runs sit on cache lines of their own.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 320)]
    private sealed class Board
    {
        [FieldOffset(0)] public delegate*<void*, int, void> Runner;
        [FieldOffset(8)] public void* Work;
        [FieldOffset(16)] public int FirstChunk;
        [FieldOffset(20)] public int HelperLimit;
        [FieldOffset(64)] public long State;
        [FieldOffset(128)] public int Done;
        [FieldOffset(192)] public int Joined;
        [FieldOffset(256)] public int Parked;
    }
}
