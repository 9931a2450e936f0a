using System.Globalization;

namespace MlNetNeural;

/// <summary>
/// How an MLContext loads MlNetNeural models; pass it to <c>mlContext.RegisterMlNetNeural(options)</c>. The one setting is a
/// limit on the memory a model may take, so that a damaged or hostile file cannot make <c>Model.Load</c> exhaust memory.
/// </summary>
public sealed class MlNetNeuralLoadOptions
{
    /// <summary>
    /// The default of <see cref="MaxModelBytes"/>: 48 MiB, about 12 million weights, far above the networks MLPs on tabular
    /// data or image features use ([64, 32] on 30 features is 4,000 weights; [1024, 512] on 2,048 image features 2.6 million).
    /// At this limit, loading any file, however crafted, takes at most about 64 MB more than the file's own size.
    /// </summary>
    public const long DefaultMaxModelBytes = 48L * 1024 * 1024;

    /// <summary>
    /// The most memory, in bytes, one MlNetNeural model in a file may take when loaded: its stored size, and the memory of
    /// its weights (4 bytes each), class names, options and training history. A model above it is refused before its parts
    /// are allocated, with a message giving its size. Default <see cref="DefaultMaxModelBytes"/>; raise it for larger
    /// networks you trust.
    /// </summary>
    public long MaxModelBytes { get; init; } = DefaultMaxModelBytes;

    /// <summary>The options an MLContext has before any are registered.</summary>
    internal static MlNetNeuralLoadOptions Default { get; } = new();

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    internal void Validate()
    {
        if (MaxModelBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxModelBytes), MaxModelBytes, $"{nameof(MaxModelBytes)} must be at least 1 byte.");
    }

    /// <summary>The error for a model that needs more than <see cref="MaxModelBytes"/>: what it needs, the limit, and how to raise it.</summary>
    /// <param name="needed">Bytes the model needs, as far as known (at least this much).</param>
    /// <param name="what">What was being read when the limit was reached.</param>
    internal InvalidOperationException LimitExceeded(long needed, string what)
    {
        long suggested = Math.Max(needed, MaxModelBytes) + (1L << 20);
        return new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"This MlNetNeural model needs at least {needed:N0} bytes of memory ({what}), more than the {MaxModelBytes:N0} bytes this MLContext allows " +
            $"for one model (MlNetNeuralLoadOptions.MaxModelBytes), a limit that keeps a damaged or hostile file from exhausting memory. " +
            $"If you trust the file, raise the limit before loading: mlContext.RegisterMlNetNeural(new MlNetNeuralLoadOptions {{ MaxModelBytes = {suggested} }})."));
    }
}
