namespace MlNetNeural.Core.Kernels;

/// <summary>
/// The cancellation token the matrix products of the current thread observe: set by the trainer around a training step,
/// so that a cancelled step stops between chunks of its products (a few milliseconds of work) instead of finishing a
/// mini-batch that may take seconds. A cancelled product throws <see cref="OperationCanceledException"/> and leaves its
/// output incomplete; weights change only in the optimizer step after it, so they are untouched.
/// </summary>
internal static class GemmCancellation
{
    [ThreadStatic] private static CancellationToken t_current;

    /// <summary>The token of the current thread's products (none outside a training step).</summary>
    public static CancellationToken Current => t_current;

    /// <summary>Makes <paramref name="token"/> the current thread's token until the returned scope is disposed.</summary>
    public static Scope Use(CancellationToken token)
    {
        var previous = t_current;
        t_current = token;
        return new Scope(previous);
    }

    /// <summary>Restores the previous token when disposed.</summary>
    public readonly struct Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }
}
