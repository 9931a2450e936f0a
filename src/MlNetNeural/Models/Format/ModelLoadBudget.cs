namespace MlNetNeural.Models.Format;

/// <summary>
/// The memory a model being loaded may still take. Readers charge what they are about to allocate (from the sizes the file
/// declares, already checked against the bytes it holds) before allocating it, so the total of every declared size is
/// bounded by <see cref="MlNetNeuralLoadOptions.MaxModelBytes"/>, whatever the file's structure.
/// </summary>
internal sealed class ModelLoadBudget(MlNetNeuralLoadOptions options)
{
    /// <summary>Memory charged for a string of <c>n</c> UTF-8 bytes: object header, length and UTF-16 characters, and the reference to it.</summary>
    public static long StringBytes(long utf8Bytes) => 32 + 2 * utf8Bytes;

    private long _used;

    /// <summary>Takes <paramref name="bytes"/> from the budget, or throws <see cref="MlNetNeuralLoadOptions.LimitExceeded"/> naming <paramref name="what"/>.</summary>
    public void Charge(long bytes, string what)
    {
        if (bytes > options.MaxModelBytes - _used) throw options.LimitExceeded(_used + bytes, what);
        _used += bytes;
    }
}
