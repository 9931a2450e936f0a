namespace MlNetNeural.Core.Layers;

/// <summary>
/// Pre-sized working memory for one network and batch size: every layer's buffers and the gradients
/// flowing between layers. Not thread-safe: use one workspace per thread.
/// </summary>
public sealed class NetworkWorkspace
{
    private readonly Network _network;

    internal NetworkWorkspace(Network network, int maxBatch, bool scoring = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _network = network;
        MaxBatch = maxBatch;
        ForScoring = scoring;
        Buffers = network.Layers.Select(layer => scoring ? layer.CreateScoringBuffers(maxBatch) : layer.CreateBuffers(maxBatch)).ToArray();
        Gradients = network.Layers.Take(network.Layers.Count - 1).Select(layer => new float[maxBatch * layer.OutputSize]).ToArray();
    }

    /// <summary>The largest batch this workspace holds.</summary>
    public int MaxBatch { get; }

    /// <summary>True for a workspace of <see cref="Network.CreateScoringWorkspace"/>: forward passes only.</summary>
    internal bool ForScoring { get; }

    internal LayerBuffers[] Buffers { get; }

    internal float[][] Gradients { get; }

    internal void CheckBatch(Network network, int batch)
    {
        if (!ReferenceEquals(network, _network)) throw new ArgumentException("This workspace belongs to another network.");
        if (batch < 1 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must have 1 to {MaxBatch} rows for this workspace.");
    }
}
