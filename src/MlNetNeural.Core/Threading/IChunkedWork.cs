namespace MlNetNeural.Core.Threading;

/// <summary>
/// Work split into numbered chunks whose boundaries depend only on the problem, never on the number of threads: each
/// chunk runs exactly once, on whichever thread claims it, so the result is the same however many threads share it.
/// </summary>
internal interface IChunkedWork
{
    /// <summary>Runs chunk <paramref name="chunk"/> (0 to the chunk count given to <see cref="ComputeTeam.Run{TWork}"/>, exclusive).</summary>
    void Run(int chunk);
}
